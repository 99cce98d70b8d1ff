import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServices } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { Db } from '../../src/server/db/database.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { createProjectBodySchema } from '../../src/shared/api/projects.js';
import { DEFAULT_SCOPES } from '../../src/shared/scopes.js';
import { call, type Answer } from './server-process.js';
import { GOOD_ANSWERS, SIMPLE_FORM } from './work.js';

export type Marketplace = {
  projects: { id: string; requesterToken: string }[];
  workers: { token: string; email: string }[];
};

/** Every seeded account's password. */
export const SEED_PASSWORD = 'fault test password';

/**
 * Funded, published projects (one per requester) and workers, written straight through the
 * services into the database a server will then be started on; every caller gets a token with
 * all scopes, as a script would use.
 */
export async function seedMarketplace(
  db: Db,
  options: {
    feePercent: number;
    requesters: number;
    workers: number;
    tasks: number;
    slots: number;
  },
): Promise<Marketplace> {
  const config = loadConfig({
    PLATFORM_FEE_PERCENT: String(options.feePercent),
    PAYMENTS_SANDBOX: '1',
    LOG_LEVEL: 'silent',
  });
  const services = createServices({ db, clock: systemClock, config });
  const newCaller = async (role: 'worker' | 'requester', n: number) => {
    const email = `${role}-${n}-${randomUUID()}@example.com`;
    const { user } = await services.accounts.signup(
      {
        email,
        password: SEED_PASSWORD,
        displayName: `${role} ${n}`,
        roles: [role],
      },
      'fault test',
    );
    const { token } = await services.accounts.createToken(user.id, {
      name: 'fault test',
      scopes: [...DEFAULT_SCOPES],
    });
    return { id: user.id, token, email };
  };

  const projects: Marketplace['projects'] = [];
  for (let r = 0; r < options.requesters; r++) {
    const requester = await newCaller('requester', r);
    await services.ledger.deposit({
      userId: requester.id,
      actorId: requester.id,
      amountCents: 1_000_000,
      provider: 'sandbox',
    });
    const project = await services.projects.projects.create(
      requester.id,
      createProjectBodySchema.parse({
        title: `Fault project ${r}`,
        rewardCents: 10,
        assignmentsPerTask: options.slots,
        template: SIMPLE_FORM,
      }),
    );
    const rows = Array.from({ length: options.tasks }, (_, i) => ({ word: `word${i}` }));
    await services.projects.batches.add(
      requester.id,
      project.id,
      { kind: 'json', rows },
      { filename: null },
    );
    await services.projects.lifecycle.publish(requester.id, project.id);
    projects.push({ id: project.id, requesterToken: requester.token });
  }
  const workers: Marketplace['workers'] = [];
  for (let w = 0; w < options.workers; w++) {
    const { id, token, email } = await newCaller('worker', w);
    await services.payouts.methods.set(id, { method: 'paypal', destination: email });
    workers.push({ token, email });
  }
  return { projects, workers };
}

/** What the server acknowledged with a 2xx: these must all be in the database, exactly once. */
export type Acknowledged = {
  accepted: Set<string>;
  submitted: Set<string>;
  approved: Set<string>;
  rejected: Set<string>;
  /** Idempotency keys, of every request sent and of those acknowledged. */
  deposits: { sent: Set<string>; acked: Set<string> };
  bonuses: { sent: Set<string>; acked: Set<string> };
  payouts: { sent: Set<string>; acked: Set<string> };
};

export type Operation = 'accept' | 'submit' | 'approve' | 'reject' | 'deposit' | 'bonus' | 'payout';

export type LoadRun = {
  acked: Acknowledged;
  /** Every answer, in the order they arrived. */
  answers: (Answer & { op: Operation })[];
  /** Starts no new operation; retries of those under way go on until answered or `drainMs`. */
  stop(drainMs?: number): Promise<void>;
};

const RETRY_PAUSE_MS = 100;

/**
 * Clients doing real work against a server at `base`: each worker accepts and submits, each
 * requester approves (one in eight rejected) what its workers submitted, pays a bonus now and
 * then and adds funds, and workers ask for payouts. Like a careful client, each retries a call
 * that got no answer, a 5xx or a 429 — with the same Idempotency-Key where the API takes one —
 * until it is answered. Paced so that no caller reaches the server's default rate limits.
 */
export function startWorkLoad(base: string, market: Marketplace): LoadRun {
  const acked: Acknowledged = {
    accepted: new Set(),
    submitted: new Set(),
    approved: new Set(),
    rejected: new Set(),
    deposits: { sent: new Set(), acked: new Set() },
    bonuses: { sent: new Set(), acked: new Set() },
    payouts: { sent: new Set(), acked: new Set() },
  };
  const answers: LoadRun['answers'] = [];
  const toReview = market.projects.map(() => [] as string[]);
  let stopping = false;
  let drainUntil = Number.POSITIVE_INFINITY;

  /** One call, retried while the answer says "try again"; undefined if the drain ran out. */
  async function untilAnswered(
    op: Operation,
    send: () => Promise<Answer>,
  ): Promise<Answer | undefined> {
    for (;;) {
      const answer = await send();
      answers.push({ ...answer, op });
      const retry = answer.status === 0 || answer.status === 429 || answer.status >= 500;
      if (!retry) return answer;
      if (Date.now() > drainUntil) return undefined;
      await sleep(RETRY_PAUSE_MS);
    }
  }

  async function workerLoop(token: string, w: number) {
    let cycle = 0;
    while (!stopping) {
      cycle++;
      const p = (w + cycle) % market.projects.length;
      const projectId = market.projects[p]!.id;
      const accepted = await untilAnswered('accept', () =>
        call(base, 'POST', `/projects/${projectId}/assignments`, { token, body: {} }),
      );
      if (accepted?.status === 201) {
        const id = accepted.body.id as string;
        acked.accepted.add(id);
        const submitted = await untilAnswered('submit', () =>
          call(base, 'POST', `/assignments/${id}/submit`, {
            token,
            body: { answers: GOOD_ANSWERS },
          }),
        );
        if (submitted?.status === 200) {
          acked.submitted.add(id);
          toReview[p]!.push(id);
        }
      }
      if (cycle % 6 === 0 && !stopping) {
        const key = `payout-${randomUUID()}`;
        acked.payouts.sent.add(key);
        const payout = await untilAnswered('payout', () =>
          call(base, 'POST', '/me/payouts', {
            token,
            body: {},
            headers: { 'idempotency-key': key },
          }),
        );
        if (payout && payout.status < 300) acked.payouts.acked.add(key);
      }
      await sleep(150);
    }
  }

  async function requesterLoop(p: number) {
    const token = market.projects[p]!.requesterToken;
    let reviewed = 0;
    while (!stopping) {
      const id = toReview[p]!.shift();
      if (!id) {
        await sleep(50);
        continue;
      }
      reviewed++;
      const reject = reviewed % 8 === 0;
      const review = await untilAnswered(reject ? 'reject' : 'approve', () =>
        call(base, 'POST', `/assignments/${id}/${reject ? 'reject' : 'approve'}`, {
          token,
          body: reject ? { reason: 'The note does not describe the word' } : {},
        }),
      );
      if (review?.status === 200) (reject ? acked.rejected : acked.approved).add(id);
      if (!reject && reviewed % 5 === 0 && !stopping) {
        const key = `bonus-${randomUUID()}`;
        acked.bonuses.sent.add(key);
        const bonus = await untilAnswered('bonus', () =>
          call(base, 'POST', `/assignments/${id}/bonus`, {
            token,
            body: { amountCents: 3, reason: 'Careful work' },
            headers: { 'idempotency-key': key },
          }),
        );
        if (bonus && bonus.status < 300) acked.bonuses.acked.add(key);
      }
      await sleep(100);
    }
  }

  async function depositLoop(p: number) {
    const token = market.projects[p]!.requesterToken;
    while (!stopping) {
      const key = `deposit-${randomUUID()}`;
      acked.deposits.sent.add(key);
      const deposit = await untilAnswered('deposit', () =>
        call(base, 'POST', '/me/deposits', {
          token,
          body: { amountCents: 500 },
          headers: { 'idempotency-key': key },
        }),
      );
      if (deposit && deposit.status < 300) acked.deposits.acked.add(key);
      await sleep(400);
    }
  }

  const loops = [
    ...market.workers.map(({ token }, w) => workerLoop(token, w)),
    ...market.projects.map((_, p) => requesterLoop(p)),
    ...market.projects.map((_, p) => depositLoop(p)),
  ];
  return {
    acked,
    answers,
    async stop(drainMs = 20_000) {
      stopping = true;
      drainUntil = Date.now() + drainMs;
      await Promise.all(loops);
    },
  };
}

/** Resolves once `check` holds, polling; rejects after `timeoutMs` with `what`. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * What the server acknowledged but the database does not show exactly once; empty lists when
 * nothing was lost or doubled. Keys sent but never acknowledged may have taken effect, once.
 */
export async function acknowledgedViolations(db: Db, acked: Acknowledged) {
  const statuses = new Map<string, { status: string; answers: unknown }>();
  const ids = [...acked.accepted];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('assignments')
      .select(['id', 'status', 'answers'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const row of rows) statuses.set(row.id, row);
  }
  const missing = (set: Set<string>, allowed: string[]) =>
    [...set].filter((id) => !allowed.includes(statuses.get(id)?.status ?? 'missing'));

  const countBy = async (
    table: 'ledger_transactions' | 'bonuses' | 'payouts',
    keys: Set<string>,
  ) => {
    const counts = new Map<string, number>();
    if (!keys.size) return counts;
    // Keys are kept apart from what they made: count the keys whose resource is in `table`.
    const rows = await db
      .selectFrom('idempotency_keys')
      .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('key', 'in', [...keys])
      .where('resource_id', 'in', (eb) => eb.selectFrom(table).select('id'))
      .groupBy('key')
      .execute();
    for (const row of rows) counts.set(row.key, Number(row.n));
    return counts;
  };
  const keyProblems = async (
    table: 'ledger_transactions' | 'bonuses' | 'payouts',
    keys: { sent: Set<string>; acked: Set<string> },
  ) => {
    const counts = await countBy(table, keys.sent);
    return [...keys.sent]
      .map((key) => ({ key, acked: keys.acked.has(key), n: counts.get(key) ?? 0 }))
      .filter(({ acked: wasAcked, n }) => (wasAcked ? n !== 1 : n > 1));
  };

  return {
    acceptedLost: missing(acked.accepted, [
      'accepted',
      'submitted',
      'approved',
      'rejected',
      'returned',
      'expired',
    ]),
    submittedLost: [
      ...missing(acked.submitted, ['submitted', 'approved', 'rejected']),
      ...[...acked.submitted].filter((id) => !isGoodAnswers(statuses.get(id)?.answers)),
    ],
    approvedLost: missing(acked.approved, ['approved']),
    rejectedLost: missing(acked.rejected, ['rejected']),
    deposits: await keyProblems('ledger_transactions', acked.deposits),
    bonuses: await keyProblems('bonuses', acked.bonuses),
    payouts: await keyProblems('payouts', acked.payouts),
  };
}

function isGoodAnswers(answers: unknown): boolean {
  const given = (answers ?? {}) as Record<string, unknown>;
  const expected: Record<string, unknown> = GOOD_ANSWERS;
  const keys = Object.keys(expected);
  return Object.keys(given).length === keys.length && keys.every((k) => given[k] === expected[k]);
}

export const NO_ACKNOWLEDGED_VIOLATIONS = {
  acceptedLost: [],
  submittedLost: [],
  approvedLost: [],
  rejectedLost: [],
  deposits: [],
  bonuses: [],
  payouts: [],
};
