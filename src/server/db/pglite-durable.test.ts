import fs, { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it, vi } from 'vitest';
import { testDatabaseKind } from '../../../test/helpers/database-kind.js';
import { pgliteSnapshot } from '../../../test/helpers/database.js';
import { openDatabase } from './database.js';

// The embedded database's own concern: runs in the PGlite pass, from its migrated snapshot.
describe.runIf(testDatabaseKind() === 'pglite')('the embedded database in a folder', () => {
  it('puts every commit on the disk before it returns', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-durable-'));
    const database = await openDatabase({ kind: 'pglite', dataDir, loadDataDir: pgliteSnapshot() });
    const fsync = vi.spyOn(fs, 'fsyncSync');
    try {
      const { rows } = await sql<{ fsync: string; method: string }>`
        select current_setting('fsync') as fsync,
               current_setting('wal_sync_method') as method`.execute(database.db);
      expect(rows).toEqual([{ fsync: 'on', method: 'fsync' }]);

      fsync.mockClear();
      await database.db.transaction().execute(async (trx) => {
        await sql`create table durability_probe (n int)`.execute(trx);
        await sql`insert into durability_probe values (1)`.execute(trx);
      });
      expect(fsync).toHaveBeenCalled();
    } finally {
      fsync.mockRestore();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
