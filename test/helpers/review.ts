import { sql } from 'kysely';
import type { App } from '../../src/server/app.js';
import type { Db } from '../../src/server/db/database.js';
import { signUp, type Client } from './app.js';
import { GOOD_ANSWERS, publishedProject } from './work.js';
import { openTasksSql } from '../../src/server/db/open-tasks.js';

export type Worker = Awaited<ReturnType<typeof signUp>>;

/** The review suites' name for a published project of `publishedProject` (test/helpers/work.ts). */
export const fundedProject = publishedProject;

export async function accept(worker: Worker, projectId: string): Promise<string> {
  const res = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
  if (res.statusCode !== 201) throw new Error(`accept failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}

export async function submit(worker: Worker, assignmentId: string) {
  const res = await worker.client.post(`/api/v1/assignments/${assignmentId}/submit`, {
    answers: GOOD_ANSWERS,
  });
  if (res.statusCode !== 200) throw new Error(`submit failed: ${res.body}`);
}

/** `count` fresh workers each accept and submit one assignment of the project. */
export async function submissions(app: App, projectId: string, count: number) {
  const done: { id: string; worker: Worker }[] = [];
  for (let i = 0; i < count; i++) {
    const worker = await signUp(app, { roles: ['worker'] });
    const id = await accept(worker, projectId);
    await submit(worker, id);
    done.push({ id, worker });
  }
  return done;
}

/** Payment transactions recorded for one assignment (there must never be two). */
export async function paymentsOf(db: Db, assignmentId: string): Promise<number> {
  const row = await db
    .selectFrom('ledger_transactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assignment_id', '=', assignmentId)
    .where('kind', '=', 'payment')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Tasks whose live counter differs from the assignments holding their slots. */
/** Tasks whose slot counter disagrees with their assignments, and the project if its open-task count does. */
export async function slotDrift(db: Db, projectId: string) {
  const { rows } = await sql<{ id: string; live_assignments: number; live: number }>`
    select t.id, t.live_assignments,
           (select count(*)::int from assignments a
             where a.task_id = t.id and a.holds_slot
               and a.status in ('accepted', 'submitted', 'approved')) as live
    from tasks t where t.project_id = ${projectId}
    union all
    -- The project's open-task count (kept by triggers) against a fresh count.
    select p.id, ${openTasksSql('p')},
           (select count(*)::int from tasks t
             where t.project_id = p.id and t.live_assignments < t.assignments_per_task)
    from projects p where p.id = ${projectId}`.execute(db);
  return rows.filter((r) => r.live_assignments !== r.live || r.live_assignments < 0);
}

export async function earnings(client: Client) {
  return (await client.get('/api/v1/me/earnings')).json<{
    pendingCents: number;
    approvedCents: number;
    paidOutCents: number;
    availableCents: number;
    bonusesCents: number;
  }>();
}

export async function notificationsOf(db: Db, userId: string) {
  return db
    .selectFrom('notifications')
    .select(['kind', 'title', 'body', 'link'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** A payout method for tests: without one a worker cannot ask for a payout. */
export const TEST_PAYOUT_METHOD = { method: 'paypal', destination: 'payouts@example.com' } as const;

export async function givePayoutMethod(
  client: Client,
  method: Record<string, unknown> = TEST_PAYOUT_METHOD,
) {
  const res = await client.put('/api/v1/me/payout-method', method);
  if (res.statusCode !== 200) throw new Error(`payout method failed: ${res.body}`);
  return res.json<{ payoutMethod: Record<string, unknown> }>().payoutMethod;
}
