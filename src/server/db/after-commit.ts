import type { DatabaseConnection, Dialect, Driver, Kysely, TransactionSettings } from 'kysely';

/**
 * Work to do once a transaction has committed — announcing a change (live events) must never
 * happen for a change that is then rolled back, nor before other connections can read it.
 *
 * Kysely has no commit hooks, so the dialect's driver is wrapped: callbacks registered against a
 * transaction's connection run right after its COMMIT succeeds and are dropped on ROLLBACK (or
 * when the next transaction begins on that connection, after an aborted one). Every database
 * `openDatabase` returns is wrapped.
 */
const pending = new WeakMap<DatabaseConnection, (() => void)[]>();
const hookedConnections = new WeakSet<DatabaseConnection>();

class CommitHooksDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init();
  }
  async acquireConnection() {
    const connection = await this.inner.acquireConnection();
    hookedConnections.add(connection);
    return connection;
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    pending.delete(connection);
    return this.inner.beginTransaction(connection, settings);
  }
  async commitTransaction(connection: DatabaseConnection) {
    const callbacks = pending.get(connection) ?? [];
    pending.delete(connection);
    await this.inner.commitTransaction(connection);
    for (const callback of callbacks) {
      try {
        callback();
      } catch {
        // A hook only announces a change that is already committed: its failure changes nothing.
      }
    }
  }
  rollbackTransaction(connection: DatabaseConnection) {
    pending.delete(connection);
    return this.inner.rollbackTransaction(connection);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(connection);
  }
  destroy() {
    return this.inner.destroy();
  }
  // Savepoints are optional in Driver; forward them only where the inner driver has them.
  get savepoint() {
    return this.inner.savepoint?.bind(this.inner);
  }
  get rollbackToSavepoint() {
    return this.inner.rollbackToSavepoint?.bind(this.inner);
  }
  get releaseSavepoint() {
    return this.inner.releaseSavepoint?.bind(this.inner);
  }
}

/** The same dialect, with commit hooks for `afterCommit`. */
export function withCommitHooks(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new CommitHooksDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}

/**
 * Runs `callback` once the transaction `db` belongs to has committed; outside a transaction (every
 * statement commits on its own) it runs at once. It must be quick and must not throw: it runs on
 * the committing caller's path.
 */
export async function afterCommit(
  db: Pick<Kysely<unknown>, 'isTransaction' | 'getExecutor'>,
  callback: () => void,
): Promise<void> {
  if (!db.isTransaction) {
    callback();
    return;
  }
  await db.getExecutor().provideConnection(async (connection) => {
    if (!hookedConnections.has(connection)) {
      throw new Error('afterCommit needs a database opened with withCommitHooks');
    }
    const callbacks = pending.get(connection);
    if (callbacks) callbacks.push(callback);
    else pending.set(connection, [callback]);
  });
}
