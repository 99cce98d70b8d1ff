import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/helpers/database.js';
import type { DatabaseHandle } from './database.js';
import { belowGoldFloor, belowGoldFloorSql, type GoldStanding } from './gold-record.js';

// Accept refuses and review flags in TypeScript; the feed leaves projects out in SQL. If the two
// spellings disagreed, a worker would see a project in Find work that refuses them, or the reverse.
describe('the gold floor, in TypeScript and in SQL', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(() => handle.close());

  async function inSql(standings: GoldStanding[]): Promise<boolean[]> {
    const rows = standings.map(
      (s, i) =>
        sql`(${i}::int, ${s.answered}::int, ${s.correct}::int, ${s.minimumPercent}::int, ${s.minAnswered}::int)`,
    );
    const { rows: read } = await sql<{ below: boolean }>`
      select ${belowGoldFloorSql({
        answered: sql.ref('answered'),
        correct: sql.ref('correct'),
        minimumPercent: sql.ref('minimum'),
        minAnswered: sql.ref('min_answered'),
      })} as below
      from (values ${sql.join(rows)}) as v(i, answered, correct, minimum, min_answered)
      order by i`.execute(handle.db);
    return read.map((r) => r.below);
  }

  it('stops a worker only past the answered count and below the minimum', async () => {
    const cases: [GoldStanding, boolean][] = [
      // Two of two wrong against 60 %: stopped.
      [{ answered: 2, correct: 0, minimumPercent: 60, minAnswered: 2 }, true],
      // Not yet judged: one answer of the two needed.
      [{ answered: 1, correct: 0, minimumPercent: 60, minAnswered: 2 }, false],
      // Exactly at the minimum is enough: 3 of 5 is 60 %.
      [{ answered: 5, correct: 3, minimumPercent: 60, minAnswered: 2 }, false],
      [{ answered: 5, correct: 2, minimumPercent: 60, minAnswered: 2 }, true],
      // A minimum of 0 stops nobody; nothing answered judges nobody, even with minAnswered 0.
      [{ answered: 4, correct: 0, minimumPercent: 0, minAnswered: 0 }, false],
      [{ answered: 0, correct: 0, minimumPercent: 100, minAnswered: 0 }, false],
    ];
    expect(cases.map(([s]) => belowGoldFloor(s))).toEqual(cases.map(([, below]) => below));
    expect(await inSql(cases.map(([s]) => s))).toEqual(cases.map(([, below]) => below));
  });

  it('agrees for any record and any floor', async () => {
    const standing = fc
      .record({
        answered: fc.integer({ min: 0, max: 40 }),
        minimumPercent: fc.integer({ min: 0, max: 100 }),
        minAnswered: fc.integer({ min: 0, max: 20 }),
        share: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ share, ...s }) => ({ ...s, correct: Math.floor(share * s.answered) }));
    await fc.assert(
      fc.asyncProperty(fc.array(standing, { minLength: 1, maxLength: 20 }), async (drawn) => {
        expect(await inSql(drawn)).toEqual(drawn.map(belowGoldFloor));
      }),
      { numRuns: 40 },
    );
  });
});
