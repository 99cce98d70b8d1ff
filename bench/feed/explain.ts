/**
 * The plans of a feed request: runs the feed service once for a worker on a Kysely instance
 * that records every statement, then prints EXPLAIN (ANALYZE, BUFFERS) of each, for every sort
 * and for a search that matches a fifth of the projects and one that matches none — for a worker
 * in no rating and for one who rated requesters up and down (the feed's rating tiers).
 *
 * Each statement is explained under the settings the app gave it. Where that is
 * `plan_cache_mode = force_generic_plan`, the plan shown is the generic one the server runs
 * (PREPARE, then EXPLAIN EXECUTE): an EXPLAIN of the text with its values would show a custom
 * plan, planned for those values, and can look much better than what runs (it hid a scan of
 * every published project's index entries per rated tier: docs/performance.md).
 */
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/server/db/types.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { createFeedRepository } from '../../src/server/modules/work/feed.repository.js';
import { createFeedService } from '../../src/server/modules/work/feed.service.js';
import { FEED_SORTS, type FeedQuery } from '../../src/shared/api/work.js';

/** The first of `candidates` who rated requesters both up and down, if any. */
export async function findRater(url: string, candidates: Iterable<string>) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const feed = createFeedRepository(
    new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
  );
  try {
    for (const id of candidates) {
      const { ratings } = await feed.workerFacts(id);
      if (ratings.iRatedUp.length > 0 && ratings.iRatedDown.length > 0) return id;
    }
    return undefined;
  } finally {
    await pool.end();
  }
}

/** A parameter as an SQL literal, for EXECUTE of a statement PREPAREd from the same text. */
function literal(client: pg.PoolClient, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return client.escapeLiteral(`{${value.map(String).join(',')}}`);
  return client.escapeLiteral(typeof value === 'string' ? value : JSON.stringify(value));
}

/** EXPLAIN of one statement under `settings` (set_config statements the app ran before it). */
async function explainStatement(
  pool: pg.Pool,
  statement: CompiledQuery,
  settings: CompiledQuery[],
): Promise<string[]> {
  const client = await pool.connect();
  const parameters = statement.parameters as unknown[];
  const generic = settings.some((s) => s.sql.includes('force_generic_plan'));
  try {
    await client.query('begin');
    for (const setting of settings) {
      await client.query(setting.sql, setting.parameters as unknown[]);
    }
    let plan: pg.QueryResult<{ 'QUERY PLAN': string }>;
    if (generic) {
      await client.query(`prepare explained as ${statement.sql}`);
      const values = parameters.map((v) => literal(client, v)).join(', ');
      plan = await client.query(`explain (analyze, buffers) execute explained(${values})`);
    } else {
      plan = await client.query(`explain (analyze, buffers) ${statement.sql}`, parameters);
    }
    return plan.rows.map((row) => row['QUERY PLAN']);
  } finally {
    // A prepared statement outlives its transaction, and a failed EXPLAIN leaves it aborted: the
    // connection is closed rather than returned to the pool.
    await client.query('rollback').catch(() => {});
    client.release(true);
  }
}

export async function explainFeed(url: string, workerId: string): Promise<void> {
  const statements: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query);
    },
  });
  try {
    const feed = createFeedService({
      feed: createFeedRepository(db),
      clock: systemClock,
      approvalRateMinDecided: 100,
      flagRejectionPercent: async () => 30,
    });
    const queries: FeedQuery[] = [
      ...FEED_SORTS.map((sort) => ({ sort, limit: 20 })),
      { sort: 'newest', limit: 20, q: 'transcribe' },
      { sort: 'newest', limit: 20, q: 'no such words' },
    ];
    for (const query of queries) {
      statements.length = 0;
      const page = await feed.list(workerId, query);
      const shown = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      console.log(
        `\n── EXPLAIN of GET /feed?${shown} for ${workerId} (${page.items.length} items) ──`,
      );
      // Statements run as the app runs them: the settings a transaction made apply to its EXPLAIN.
      let settings: CompiledQuery[] = [];
      for (const statement of [...statements]) {
        const text = statement.sql.trim();
        if (/^(commit|rollback)/i.test(text)) settings = [];
        if (/\bset_config\(/i.test(text)) {
          settings.push(statement);
          continue;
        }
        if (!/^(select|with)\s/i.test(text)) continue;
        const plan = await explainStatement(pool, statement, settings);
        const shownText = text.replace(/\s+/g, ' ').slice(0, 160);
        const mode =
          settings.length > 0 ? settings.map((s) => s.sql.replace(/\s+/g, ' ')).join('; ') : '';
        console.log(`\n${mode ? `${mode}; ` : ''}${shownText}…`);
        // The worker's values are inlined into every requirement check: keep lines readable.
        for (const line of plan) console.log(`  ${line.slice(0, 240)}`);
      }
    }
  } finally {
    await db.destroy();
  }
}
