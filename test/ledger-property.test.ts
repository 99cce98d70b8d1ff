import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCOPES, SCOPES } from '../src/shared/scopes.js';
import { createServices } from '../src/server/app.js';
import { signInAsAdmin } from './helpers/admin.js';
import { Client, createTestApp, signUp } from './helpers/app.js';
import { NO_LEDGER_VIOLATIONS, ledgerViolations } from './helpers/ledger.js';
import { createProject, uploadCsv } from './helpers/projects.js';
import { givePayoutMethod } from './helpers/review.js';
import { GOOD_ANSWERS, SIMPLE_FORM } from './helpers/work.js';

/**
 * Random sequences of everything that moves money, through the HTTP API, with the ledger's
 * invariants (`ledgerViolations`: balanced transactions, no negative balances, escrow equal to
 * what is owed, earnings equal to approved work and bonuses less payouts, slot counters right)
 * checked after every step; projects with adaptive overlap among them, whose answers disagree at
 * random. Moving the clock runs the sweeps (expiry, auto-approval, settlement) as the server
 * would. Projects that top up to the pay floor hold a reserve per slot in escrow; the invariants
 * count it, and a worker's top-ups in their earnings.
 */
const FEE_PERCENT = 10;
/**
 * A pay floor of 6 cents a minute: with 10 minutes allotted, a topUpToFloor project of any
 * reward here holds a top-up reserve, and work of 30 s or more may earn a top-up.
 */
const MIN_HOURLY_CENTS = 360;
const ctx = await createTestApp({
  env: {
    PLATFORM_FEE_PERCENT: String(FEE_PERCENT),
    PAYOUT_MINIMUM_CENTS: '1',
    MIN_HOURLY_CENTS: String(MIN_HOURLY_CENTS),
  },
});
const { app } = ctx;
const db = ctx.database.db;
const services = createServices({ db, clock: ctx.clock, config: ctx.config });
const DAY_S = 86_400;

type Actor = { client: Client; id: string };

/** A token client, so that moving the clock by a month does not end the session. */
async function actor(roles: ('worker' | 'requester')[]): Promise<Actor> {
  const { client, user } = await signUp(app, { roles });
  const token = (
    await client.post('/api/v1/me/tokens', { name: 'p', scopes: [...DEFAULT_SCOPES] })
  ).json().token as string;
  const bot = new Client(app);
  bot.bearer = token;
  if (roles.includes('worker')) await givePayoutMethod(bot);
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
      // Adaptive overlap: `slots` is its min; up to `extra` more open while answers disagree.
      overlap: fc.option(
        fc.record({ extra: fc.integer({ min: 0, max: 2 }), agreement: fc.constantFrom(60, 100) }),
        { freq: 2 },
      ),
      reward: fc.integer({ min: 1, max: 25 }),
      autoApprove: fc.constantFrom(60, 3600, DAY_S),
      topUp: fc.boolean(),
      // 300 s is under the floor for rewards below 30 cents: a refused publish moves nothing.
      estimatedSeconds: fc.constantFrom(10, 60, 300),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('accept' as const), who: fc.nat(2), pick: fc.nat() }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      pick: fc.nat(),
      // Answers that disagree make adaptive overlap open slots.
      animal: fc.constantFrom('yes', 'no'),
    }),
  },
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
      // 30 and 120 s between accept and submit earn top-ups on topUpToFloor projects.
      seconds: fc.constantFrom(30, 30, 120, 700, 3_601, DAY_S + 1, 31 * DAY_S),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('cancelBatch' as const), pick: fc.nat() }),
  },
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
    ...(s.overlap
      ? {
          assignmentsPerTask: undefined,
          overlap: {
            min: s.slots,
            max: s.slots + s.overlap.extra,
            agreementPercent: s.overlap.agreement,
          },
        }
      : { assignmentsPerTask: s.slots }),
    autoApproveSeconds: s.autoApprove,
    timeAllottedSeconds: 600,
    estimatedSeconds: s.estimatedSeconds,
    topUpToFloor: s.topUp,
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
  await services.projects.withdrawal.sweepFreedSlots();
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
        answers: { ...GOOD_ANSWERS, animal: s.animal },
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
    case 'cancelBatch': {
      const project = pick(world.projects, s.pick);
      if (!project) return;
      const batches = await project.owner.client.get(`/api/v1/projects/${project.id}/batches`);
      const batch = (JSON.parse(batches.body) as { items: { id: string }[] }).items[0];
      if (!batch) return;
      res = await project.owner.client.post(
        `/api/v1/projects/${project.id}/batches/${batch.id}/cancel`,
      );
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
  expect(await ledgerViolations(db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
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
          // Every run starts with one funded, published project so that work can happen: one with
          // adaptive overlap, whose tasks open a third slot when their two answers differ.
          await perform(world, { kind: 'deposit', who: 0, amount: 300 });
          await perform(world, {
            kind: 'publish',
            who: 0,
            tasks: 3,
            slots: 2,
            overlap: { extra: 1, agreement: 100 },
            reward: 7,
            autoApprove: 3600,
            topUp: true,
            estimatedSeconds: 60,
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
