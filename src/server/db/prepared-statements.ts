import { createHash } from 'node:crypto';
import type pg from 'pg';
import { isStalePlan } from './pg-errors.js';

/**
 * Server-side prepared statements for node-postgres, under Kysely.
 *
 * node-postgres sends every parameterised query as an unnamed statement, which PostgreSQL parses
 * and plans again on each execution. For Tessera's short hot statements (a token check, a claim,
 * a submit) that planning cost two to four times the execution itself (measured with
 * `log_min_duration_statement` during `bench/work`: bind 0.27 ms against execute 0.07 ms for the
 * token check). Giving a statement a name makes node-postgres parse it once per connection and
 * PostgreSQL reuse its plan (a generic plan, once five custom ones showed it is as good).
 *
 * Only data statements (SELECT, INSERT, UPDATE, DELETE, WITH) are named; transaction control
 * and DDL stay unnamed. A connection holds at most `perConnection` named statements; texts past
 * that run unnamed, so a query built with a varying number of parameters cannot grow a
 * backend's memory without bound (pooled connections are also closed when idle).
 *
 * A statement prepared before a migration changed a table it reads fails once with "cached plan
 * must not change result type"; it is then prepared again under a new name and, outside a
 * transaction, retried at once.
 *
 * Used only with `DATABASE_PREPARED_STATEMENTS=on`: by default a connection keeps no state that
 * outlives a transaction (DESIGN §2, for PgBouncer in transaction mode). On suits a direct
 * connection to PostgreSQL, or PgBouncer 1.21 and later with max_prepared_statements.
 */

const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;
/** Distinct statement texts named per process; the hot ones are a few dozen. */
const MAX_NAMED_TEXTS = 2_000;

const namesByText = new Map<string, string>();

function nameFor(text: string): string | undefined {
  let name = namesByText.get(text);
  if (name === undefined && namesByText.size < MAX_NAMED_TEXTS) {
    name = `t${createHash('sha1').update(text).digest('base64url').slice(0, 22)}`;
    namesByText.set(text, name);
  }
  return name;
}

/** Names the data statements of every client `pool` connects from now on. */
export function usePreparedStatements(pool: pg.Pool, options: { perConnection: number }) {
  pool.on('connect', (client) => {
    const query = client.query.bind(client);
    // node-postgres's own query, with whatever arguments its caller gave (any of its overloads).
    const plain = (...args: unknown[]): unknown => Reflect.apply(query, client, args);
    /** Statement names in use on this connection, by text (renamed after a stale plan). */
    const prepared = new Map<string, string>();
    let generation = 0;

    const named = async (text: string, values: unknown[]): Promise<unknown> => {
      let name = prepared.get(text);
      if (name === undefined) {
        const base = prepared.size < options.perConnection ? nameFor(text) : undefined;
        if (base === undefined) return plain(text, values);
        name = base;
        prepared.set(text, name);
      }
      try {
        return await plain({ name, text, values });
      } catch (error) {
        if (!isStalePlan(error)) throw error;
        generation += 1;
        prepared.set(text, `${nameFor(text) ?? 't'}_${generation}`);
        // In a transaction the failure aborted it ('E'): the caller's retry uses the new name.
        if (client.getTransactionStatus() !== 'I') throw error;
        return plain({ name: prepared.get(text), text, values });
      }
    };

    // Defined on the instance, over the prototype's overloaded method: every overload lands here.
    Object.defineProperty(client, 'query', {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        const [text, values] = args;
        // Kysely calls query(text, parameters); cursors and callback forms pass through.
        if (
          args.length === 2 &&
          typeof text === 'string' &&
          Array.isArray(values) &&
          DATA_STATEMENT.test(text)
        ) {
          return named(text, values);
        }
        return plain(...args);
      },
    });
  });
}
