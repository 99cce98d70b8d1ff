import fc from 'fast-check';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SCOPES } from '../src/shared/scopes.js';
import { platformFeeCents } from '../src/shared/money.js';
import { createServices } from '../src/server/app.js';
import { signInAsAdmin } from './helpers/admin.js';
import { Client, createTestApp, signUp } from './helpers/app.js';
import { expectLedgerConsistent } from './helpers/ledger.js';
import { createProject, uploadCsv } from './helpers/projects.js';
import { GOOD_ANSWERS, SIMPLE_FORM } from './helpers/work.js';

/**
 * Random sequences of everything that moves money, through the HTTP API, with the ledger's
 * invariants checked after every step:
 * - every transaction sums to zero and cached balances equal their entries;
 * - no requester's available funds, escrow or worker's earnings are negative;
 * - each project's escrow equals what is still owed on it: while open (published or paused),
 *   Σ over tasks of (slots − approved assignments holding a slot) × (reward + fee); once closed
 *   (cancelled or completed), Σ over accepted and submitted assignments of (reward + fee);
 *   nothing for a draft;
 * - a worker's earnings = approved rewards + bonuses − payouts not cancelled;
 * - each task's live counter equals the assignments holding its slots.
 * Moving the clock runs the sweeps (expiry, auto-approval, settlement) as the server would.
 */
const FEE_PERCENT = 10;
const ctx = await createTestApp({
  env: { PLATFORM_FEE_PERCENT: String(FEE_PERCENT), PAYOUT_MINIMUM_CENTS: '1' },
});
const { app } = ctx;
const db = ctx.database.db;
const services = createServices({ db, clock: ctx.clock, config: ctx.config });
const DAY_S = 86_400;
const slotCost = (reward: number) => reward + platformFeeCents(reward, FEE_PERCENT);

type Actor = { client: Client; id: string };

/** A token client, so that moving the clock by a month does not end the session. */
async function actor(roles: ('worker' | 'requester')[]): Promise<Actor> {
  const { client, user } = await signUp(app, { roles });
  const token = (await client.post('/api/v1/me/tokens', { name: 'p', scopes: [...SCOPES] })).json()
    .token as string;
  const bot = new Client(app);
  bot.bearer = token;
  return { client: bot, id: user.id };
}

const step = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('deposit' as const),
      who: fc.nat(1),
      amount: fc.integer({ min: 1, max: 300 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('publish' as const),
      who: fc.nat(1),
      tasks: fc.integer({ min: 1, max: 3 }),
      slots: fc.integer({ min: 1, max: 2 }),
      reward: fc.integer({ min: 1, max: 25 }),
      autoApprove: fc.constantFrom(60, 3600, DAY_S),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('accept' as const), who: fc.nat(2), pick: fc.nat() }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('submit' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('bulk' as const),
      pick: fc.nat(),
      approve: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bonus' as const),
      pick: fc.nat(),
      amount: fc.integer({ min: 1, max: 80 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      // Past a deadline (600 s), a review window (60 s, 1 h, 1 day) or every project's expiry.
      seconds: fc.constantFrom(30, 30, 700, 3_601, DAY_S + 1, 31 * DAY_S),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('payout' as const),
      who: fc.nat(2),
      amount: fc.option(fc.integer({ min: 1, max: 40 }), { freq: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('decidePayout' as const),
      pick: fc.nat(),
      paid: fc.boolean(),
    }),
  },
);
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

type World = {
  requesters: Actor[];
  workers: Actor[];
  admin: Actor;
  projects: { id: string; owner: Actor }[];
  /** `status` is what this test last saw: it only steers the picks toward useful steps. */
  assignments: { id: string; worker: Actor; owner: Actor; projectId: string; status: string }[];
  payouts: string[];
};

const pick = <T>(items: T[], n: number): T | undefined =>
  items.length ? items[n % items.length] : undefined;

/** An assignment last seen in one of `statuses` (sweeps may have moved it on since). */
function pickAssignment(world: World, n: number, statuses: string[]) {
  return pick(
    world.assignments.filter((a) => statuses.includes(a.status)),
    n,
  );
}

async function publish(owner: Actor, s: Extract<Step, { kind: 'publish' }>) {
  const project = await createProject(owner.client, {
    template: SIMPLE_FORM,
    rewardCents: s.reward,
    assignmentsPerTask: s.slots,
    autoApproveSeconds: s.autoApprove,
    timeAllottedSeconds: 600,
  });
  const csv = ['word', ...Array.from({ length: s.tasks }, (_, i) => `w${i}`)].join('\n');
  expect((await uploadCsv(owner.client, project.id, csv)).statusCode).toBe(201);
  return {
    id: project.id,
    res: await owner.client.post(`/api/v1/projects/${project.id}/publish`),
  };
}

async function runSweeps() {
  await services.work.sweepExpired();
  while ((await services.review.review.sweepAutoApprove()) > 0);
  await services.review.settlement.sweep();
}

/** Performs one step; answers may be refusals (4xx), never server errors. */
async function perform(world: World, s: Step): Promise<void> {
  let res: { statusCode: number; body: string } | undefined;
  switch (s.kind) {
    case 'deposit':
      res = await world.requesters[s.who]!.client.post('/api/v1/me/deposits', {
        amountCents: s.amount,
      });
      break;
    case 'publish': {
      const owner = world.requesters[s.who]!;
      const published = await publish(owner, s);
      res = published.res;
      if (res.statusCode === 200) world.projects.push({ id: published.id, owner });
      break;
    }
    case 'accept': {
      const project = pick(world.projects, s.pick);
      if (!project) return;
      const worker = world.workers[s.who]!;
      res = await worker.client.post(`/api/v1/projects/${project.id}/assignments`);
      if (res.statusCode === 201) {
        const id = (JSON.parse(res.body) as { id: string }).id;
        world.assignments.push({
          id,
          worker,
          owner: project.owner,
          projectId: project.id,
          status: 'accepted',
        });
      }
      break;
    }
    case 'submit': {
      const a = pickAssignment(world, s.pick, ['accepted']);
      if (!a) return;
      res = await a.worker.client.post(`/api/v1/assignments/${a.id}/submit`, {
        answers: GOOD_ANSWERS,
      });
      if (res.statusCode === 200) a.status = 'submitted';
      break;
    }
    case 'approve':
    case 'reject': {
      const a = pickAssignment(
        world,
        s.pick,
        s.kind === 'approve' ? ['submitted', 'rejected'] : ['submitted'],
      );
      if (!a) return;
      res = await a.owner.client.post(
        `/api/v1/assignments/${a.id}/${s.kind}`,
        s.kind === 'reject' ? { reason: 'Not what was asked' } : {},
      );
      if (res.statusCode === 200) a.status = s.kind === 'approve' ? 'approved' : 'rejected';
      break;
    }
    case 'bulk': {
      const project = pick(world.projects, s.pick);
      if (!project) return;
      res = await project.owner.client.post(`/api/v1/projects/${project.id}/review`, {
        action: s.approve ? 'approve' : 'reject',
        submittedBefore: ctx.clock.now().toISOString(),
        ...(s.approve ? {} : { reason: 'Bulk rejection' }),
      });
      break;
    }
    case 'bonus': {
      const a = pickAssignment(world, s.pick, ['submitted', 'approved', 'rejected']);
      if (!a) return;
      res = await a.owner.client.post(`/api/v1/assignments/${a.id}/bonus`, {
        amountCents: s.amount,
        reason: 'Good work',
      });
      break;
    }
    case 'advance':
      ctx.clock.advance(s.seconds * 1000);
      await runSweeps();
      return;
    case 'cancel': {
      const project = pick(world.projects, s.pick);
      if (!project) return;
      res = await project.owner.client.post(`/api/v1/projects/${project.id}/cancel`);
      break;
    }
    case 'payout': {
      // Mostly someone who has earned something (read from the database only to steer the pick).
      const earners = await db
        .selectFrom('ledger_accounts')
        .select('user_id')
        .where('kind', '=', 'worker_earnings')
        .where('balance_cents', '>', 0)
        .where(
          'user_id',
          'in',
          world.workers.map((w) => w.id),
        )
        .execute();
      const worker =
        pick(
          world.workers.filter((w) => earners.some((e) => e.user_id === w.id)),
          s.who,
        ) ?? world.workers[s.who]!;
      res = await worker.client.post(
        '/api/v1/me/payouts',
        s.amount === null ? {} : { amountCents: s.amount },
      );
      if (res.statusCode === 201) world.payouts.push((JSON.parse(res.body) as { id: string }).id);
      break;
    }
    case 'decidePayout': {
      const id = pick(world.payouts, s.pick);
      if (!id) return;
      res = await world.admin.client.post(
        `/api/v1/admin/payouts/${id}/${s.paid ? 'mark-paid' : 'cancel'}`,
        s.paid ? { reference: 'Wire' } : {},
      );
      break;
    }
  }
  if (res.statusCode >= 500)
    throw new Error(`${s.kind} failed with ${res.statusCode}: ${res.body}`);
}

async function checkInvariants() {
  expect(await expectLedgerConsistent(db)).toEqual({ unbalanced: [], drifted: [], empty: [] });

  const negative = await db
    .selectFrom('ledger_accounts')
    .select(['id', 'kind', 'balance_cents'])
    .where('user_id', 'is not', null)
    .where('balance_cents', '<', 0)
    .execute();
  expect(negative).toEqual([]);

  const projects = await db.selectFrom('projects').select(['id', 'status']).execute();
  const openSlots = await sql<{ project_id: string; reward_cents: number; unpaid: number }>`
    select t.project_id, t.reward_cents,
           sum(t.assignments_per_task - (select count(*) from assignments a
               where a.task_id = t.id and a.status = 'approved' and a.holds_slot))::int as unpaid
    from tasks t group by 1, 2`.execute(db);
  const inProgress = await sql<{ project_id: string; reward_cents: number; n: number }>`
    select project_id, reward_cents, count(*)::int as n from assignments
    where status in ('accepted', 'submitted') group by 1, 2`.execute(db);
  const escrow = await sql<{ project_id: string; cents: number }>`
    select e.project_id, sum(e.amount_cents)::bigint as cents from ledger_entries e
    join ledger_accounts a on a.id = e.account_id
    where a.kind = 'requester_escrow' group by 1`.execute(db);
  const held = new Map(escrow.rows.map((r) => [r.project_id, Number(r.cents)]));
  const mismatched = [];
  for (const p of projects) {
    const rows =
      p.status === 'published' || p.status === 'paused'
        ? openSlots.rows.filter((r) => r.project_id === p.id).map((r) => [r.reward_cents, r.unpaid])
        : p.status === 'draft'
          ? []
          : inProgress.rows.filter((r) => r.project_id === p.id).map((r) => [r.reward_cents, r.n]);
    const owed = rows.reduce((sum, [reward, n]) => sum + Number(n) * slotCost(Number(reward)), 0);
    if ((held.get(p.id) ?? 0) !== owed) {
      mismatched.push({ project: p.id, status: p.status, held: held.get(p.id) ?? 0, owed });
    }
  }
  expect(mismatched).toEqual([]);

  const earnings = await sql<{ user_id: string; balance: number; expected: number }>`
    select a.user_id, a.balance_cents as balance,
           ((select coalesce(sum(reward_cents), 0) from assignments
              where worker_id = a.user_id and status = 'approved')
          + (select coalesce(sum(amount_cents), 0) from bonuses where worker_id = a.user_id)
          - (select coalesce(sum(amount_cents), 0) from payouts
              where worker_id = a.user_id and status in ('requested', 'paid')))::bigint as expected
    from ledger_accounts a where a.kind = 'worker_earnings'`.execute(db);
  expect(earnings.rows.filter((r) => Number(r.balance) !== Number(r.expected))).toEqual([]);

  const drift = await sql<{ id: string }>`
    select t.id from tasks t
    where t.live_assignments <> (select count(*) from assignments a
      where a.task_id = t.id and a.holds_slot and a.status in ('accepted', 'submitted', 'approved'))`.execute(
    db,
  );
  expect(drift.rows).toEqual([]);
}

describe('the ledger under random sequences of money movements', () => {
  it('keeps every invariant after every step', async () => {
    const admin = await signInAsAdmin(ctx);
    const adminToken = (
      await admin.client.post('/api/v1/me/tokens', { name: 'p', scopes: [...SCOPES] })
    ).json().token as string;
    const adminClient = new Client(app);
    adminClient.bearer = adminToken;

    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 10, maxLength: 25, size: 'max' }),
        async (steps) => {
          const world: World = {
            requesters: [await actor(['requester']), await actor(['requester'])],
            workers: [await actor(['worker']), await actor(['worker']), await actor(['worker'])],
            admin: { client: adminClient, id: admin.user.id },
            projects: [],
            assignments: [],
            payouts: [],
          };
          // Every run starts with one funded, published project so that work can happen.
          await perform(world, { kind: 'deposit', who: 0, amount: 300 });
          await perform(world, {
            kind: 'publish',
            who: 0,
            tasks: 3,
            slots: 2,
            reward: 7,
            autoApprove: 3600,
          });
          for (const s of steps) {
            await perform(world, s);
            await checkInvariants();
          }
        },
      ),
      { numRuns: 20, endOnFailure: true },
    );
  }, 240_000);
});
