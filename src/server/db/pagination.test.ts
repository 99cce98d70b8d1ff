import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from './database.js';
import {
  decodeCursor,
  keyOrderPage,
  newestFirstPage,
  pageFrom,
  pageOf,
  type Page,
} from './pagination.js';

type Row = { id: string; created_at: Date };
type SeqRow = { seq: number };

// Pages must cover a list exactly once even when many rows share a sort key (a batch of
// notifications, a bulk review): the id breaks the tie on both sides of the cursor.
describe('keyset pages in the real database', () => {
  let handle: DatabaseHandle;
  let db: Kysely<{ probe: Row }>;
  const rows: Row[] = [];
  beforeAll(async () => {
    handle = await createTestDatabase();
    db = handle.db as unknown as Kysely<{ probe: Row }>;
    await sql`create table probe (id uuid primary key, created_at timestamptz not null)`.execute(
      db,
    );
    for (let i = 0; i < 11; i++) {
      rows.push({
        id: `00000000-0000-4000-8000-${String(i * 7919).padStart(12, '0')}`,
        // Three rows at each moment.
        created_at: new Date(Date.UTC(2026, 11, 6, 8, Math.floor(i / 3))),
      });
    }
    await db.insertInto('probe').values(rows).execute();
  });
  afterAll(() => handle.close());

  async function page(limit: number, cursor: string | undefined): Promise<Page<Row>> {
    const read = await newestFirstPage(db.selectFrom('probe').selectAll(), ['created_at', 'id'], {
      limit,
      before: decodeCursor(cursor),
    }).execute();
    expect(read.length).toBeLessThanOrEqual(limit + 1);
    return pageFrom(read, limit);
  }

  it('walks every row once, newest first, ties broken by id, whatever the page size', async () => {
    const expected = [...rows]
      .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || (a.id < b.id ? 1 : -1))
      .map((r) => r.id);
    for (const limit of [1, 2, 3, 4, 11, 12]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const next = await page(limit, cursor);
        seen.push(...next.items.map((r) => r.id));
        cursor = next.nextCursor ?? undefined;
        pages += 1;
      } while (cursor);
      expect(seen, `limit ${limit}`).toEqual(expected);
      expect(pages, `limit ${limit}`).toBe(Math.max(1, Math.ceil(rows.length / limit)));
    }
  });
});

// A list in the order of one key (a sequence number, an entry id) is read past the last key of
// the page before, in either direction, with one look-ahead row.
describe('pages in the order of one key in the real database', () => {
  let handle: DatabaseHandle;
  let db: Kysely<{ probe_seq: SeqRow }>;
  const seqs = [3, 5, 8, 13, 21, 34, 55];
  beforeAll(async () => {
    handle = await createTestDatabase();
    // The probe table is made here, not in the schema the handle is typed by.
    db = handle.db as unknown as Kysely<{ probe_seq: SeqRow }>;
    await sql`create table probe_seq (seq int primary key)`.execute(db);
    await db
      .insertInto('probe_seq')
      .values(seqs.map((seq) => ({ seq })))
      .execute();
  });
  afterAll(() => handle.close());

  async function walk(order: 'asc' | 'desc', limit: number) {
    const seen: number[] = [];
    let after: number | undefined;
    for (;;) {
      const read = await keyOrderPage(db.selectFrom('probe_seq').selectAll(), 'seq', order, {
        limit,
        after,
      }).execute();
      expect(read.length).toBeLessThanOrEqual(limit + 1);
      const page = pageOf(read, limit, (last) => String(last.seq));
      seen.push(...page.items.map((r) => r.seq));
      if (!page.nextCursor) return seen;
      after = Number(page.nextCursor);
    }
  }

  it('walks every row once, in either order, whatever the page size', async () => {
    for (const limit of [1, 2, 3, 7, 8]) {
      expect(await walk('asc', limit), `asc, limit ${limit}`).toEqual(seqs);
      expect(await walk('desc', limit), `desc, limit ${limit}`).toEqual([...seqs].reverse());
    }
  });
});
