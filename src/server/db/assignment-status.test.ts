import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSIGNMENT_STATUSES } from '../../shared/api/work.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import {
  effectiveStatus,
  effectiveStatusIn,
  effectiveStatusSql,
  isOverdue,
  overdueSql,
  type AssignmentStatusRow,
} from './assignment-status.js';
import type { DatabaseHandle } from './database.js';

type Probe = AssignmentStatusRow & { id: number };

// The same rule is read in TypeScript (services) and in SQL (repositories): if the two ever
// disagreed, a list filtered by status would disagree with the status each of its rows shows.
describe('the effective assignment status, in TypeScript and in SQL', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    // The columns' own types, without the constraints that would need a project and a task.
    await sql`create table probe as select 0 as id, status, deadline from assignments where false`.execute(
      handle.db,
    );
  });
  afterAll(() => handle.close());

  /** What the database says of each probe row, through each SQL spelling. */
  async function evaluate(
    rows: Probe[],
    now: Date,
    statuses: readonly AssignmentStatusRow['status'][],
  ) {
    await sql`delete from probe`.execute(handle.db);
    if (rows.length) {
      const values = rows.map((r) => sql`(${r.id}, ${r.status}, ${r.deadline}::timestamptz)`);
      await sql`insert into probe (id, status, deadline) values ${sql.join(values)}`.execute(
        handle.db,
      );
    }
    const { rows: read } = await sql<{
      id: number;
      effective: string;
      matches: boolean;
      overdue: boolean;
      bare: string;
    }>`
      select a.id, ${effectiveStatusSql(now, 'a')} as effective,
             ${effectiveStatusIn(statuses, now, 'a')} as matches,
             ${overdueSql(now, 'a')} as overdue,
             (select ${effectiveStatusSql(now)} from probe where probe.id = a.id) as bare
      from probe a order by a.id`.execute(handle.db);
    return read;
  }

  function expectAgreement(
    rows: Probe[],
    now: Date,
    statuses: readonly AssignmentStatusRow['status'][],
    read: Awaited<ReturnType<typeof evaluate>>,
  ) {
    expect(read.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    rows.forEach((row, i) => {
      const expected = effectiveStatus(row, now);
      const what = `${row.status}, deadline ${row.deadline.toISOString()}, now ${now.toISOString()}`;
      expect(read[i]?.effective, what).toBe(expected);
      expect(read[i]?.bare, what).toBe(expected);
      expect(read[i]?.overdue, what).toBe(isOverdue(row, now));
      expect(read[i]?.matches, `${what} in [${statuses.join(', ')}]`).toBe(
        statuses.includes(expected),
      );
    });
  }

  it('agrees for every stored status with the deadline before, at and after now', async () => {
    const now = new Date('2026-12-06T12:00:00.000Z');
    const rows: Probe[] = ASSIGNMENT_STATUSES.flatMap((status, s) =>
      [-1, 0, 1].map((offset, o) => ({
        id: s * 3 + o,
        status,
        deadline: new Date(now.getTime() + offset),
      })),
    );
    for (const statuses of [[], ...ASSIGNMENT_STATUSES.map((s) => [s]), ASSIGNMENT_STATUSES]) {
      expectAgreement(rows, now, statuses, await evaluate(rows, now, statuses));
    }
    // The rule itself, so that "agreeing" cannot mean "both wrong".
    const at = (status: Probe['status'], offset: number) =>
      effectiveStatus({ status, deadline: new Date(now.getTime() + offset) }, now);
    expect([at('accepted', -1), at('accepted', 0), at('accepted', 1)]).toEqual([
      'expired',
      'expired',
      'accepted',
    ]);
    expect(ASSIGNMENT_STATUSES.filter((s) => s !== 'accepted').map((s) => at(s, -1))).toEqual(
      ASSIGNMENT_STATUSES.filter((s) => s !== 'accepted'),
    );
  });

  it('agrees for any rows, any moment and any set of statuses asked for', async () => {
    const moment = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2100-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    // Deadlines near now (including exactly now) are where the two could differ.
    const offset = fc.oneof(
      fc.constantFrom(-1, 0, 1),
      fc.integer({ min: -86_400_000, max: 86_400_000 }),
    );
    const row = fc.record({ status: fc.constantFrom(...ASSIGNMENT_STATUSES), offset });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { maxLength: 12 }),
        moment,
        fc.subarray([...ASSIGNMENT_STATUSES]),
        async (drawn, now, statuses) => {
          const rows = drawn.map((r, id) => ({
            id,
            status: r.status,
            deadline: new Date(now.getTime() + r.offset),
          }));
          expectAgreement(rows, now, statuses, await evaluate(rows, now, statuses));
        },
      ),
      { numRuns: 60 },
    );
  });
});
