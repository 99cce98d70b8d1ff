import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql, type Generated } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { PGliteDialect } from './pglite-dialect.js';

type Schema = {
  counter: { id: number; value: number };
  trace: { seq: Generated<number>; tx: number; step: string };
};

// PGlite is a single connection: without serialisation two transactions would share one BEGIN
// and lose each other's writes. This proves the dialect serialises them.
describe('PGlite dialect', async () => {
  const pglite = await PGlite.create();
  const db = new Kysely<Schema>({ dialect: new PGliteDialect(pglite) });
  afterAll(async () => {
    await db.destroy();
    await pglite.close();
  });
  await sql`create table counter (id int primary key, value int not null)`.execute(db);
  await sql`create table trace (seq serial primary key, tx int not null, step text not null)`.execute(
    db,
  );
  await db.insertInto('counter').values({ id: 1, value: 0 }).execute();

  it('runs 20 concurrent read-modify-write transactions without losing or interleaving a write', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, tx) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('trace').values({ tx, step: 'begin' }).execute();
          const { value } = await trx
            .selectFrom('counter')
            .select('value')
            .where('id', '=', 1)
            .executeTakeFirstOrThrow();
          // Yield to the event loop so that any other transaction could run here if allowed to.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
          await trx
            .updateTable('counter')
            .set({ value: value + 1 })
            .where('id', '=', 1)
            .execute();
          await trx.insertInto('trace').values({ tx, step: 'commit' }).execute();
        }),
      ),
    );
    const { value } = await db
      .selectFrom('counter')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(value).toBe(20);
    const trace = await db.selectFrom('trace').select(['tx', 'step']).orderBy('seq').execute();
    expect(trace).toHaveLength(40);
    for (let i = 0; i < trace.length; i += 2) {
      expect(trace[i]?.step).toBe('begin');
      expect(trace[i + 1]).toEqual({ tx: trace[i]?.tx, step: 'commit' });
    }
  });

  it('rolls back a failed transaction and keeps serving the next one', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ value: 999 }).where('id', '=', 1).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const row = await db
      .selectFrom('counter')
      .select('value')
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    expect(row.value).toBe(20);
  });
});
