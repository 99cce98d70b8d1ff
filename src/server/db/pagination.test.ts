import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from './database.js';
import { decodeCursor, newestFirstPage, pageFrom, type Page } from './pagination.js';

type Row = { id: string; created_at: Date };

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
