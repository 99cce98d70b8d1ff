import { sql, type Kysely } from 'kysely';

const APPROVAL_RATE = '00000000-0000-4000-8000-000000000001';

/**
 * The approval-rate system type counts a worker as 100 % approved until they have
 * APPROVAL_RATE_MIN_DECIDED decided assignments (MTurk's rule); its description, which requesters
 * read when choosing requirements, says so.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update qualification_types set description = ${'Percent (0–100, rounded down) of the worker’s decided (approved or rejected) assignments that were approved. A worker with fewer than 100 decided assignments (the operator may change the number) has 100, so one early rejection does not lock a newcomer out.'}
    where id = ${APPROVAL_RATE}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`update qualification_types set description = ${'Percent (0–100, rounded down) of the worker’s reviewed assignments that were approved. A worker with no reviewed work has 100.'}
    where id = ${APPROVAL_RATE}`.execute(db);
}
