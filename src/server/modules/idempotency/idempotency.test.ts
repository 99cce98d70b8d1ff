import { describe, expect, it } from 'vitest';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { createTestApp, type Client } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import {
  balance,
  createProject,
  SAMPLE_CSV,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';
import { fundedProject, givePayoutMethod, submissions } from '../../../../test/helpers/review.js';

/**
 * Idempotency-Keys on every route that takes them: a key belongs to one caller on one route and
 * is bound to the request it first came with.
 */
const ctx = await createTestApp({ env: { PAYOUT_MINIMUM_CENTS: '1' } });
const { app } = ctx;
const db = ctx.database.db;
const consistent = { unbalanced: [], drifted: [], empty: [] };

async function count(table: 'ledger_transactions' | 'payouts' | 'bonuses' | 'batches') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function reused(res: { statusCode: number; body: string; json: () => any }) {
  expect(res.statusCode, res.body).toBe(409);
  expect(res.json().error.code).toBe('idempotency_key_reused');
}

let admins = 0;
async function admin() {
  admins += 1;
  return signInAsAdmin(ctx, `idempotency-admin-${admins}@example.com`);
}

describe('POST /me/deposits', () => {
  const depositWith = (client: Client, amountCents: number, key: string) =>
    client.post('/api/v1/me/deposits', { amountCents }, { 'idempotency-key': key });

  it('makes one deposit for concurrent retries with one key and body, both answered with it', async () => {
    const { client } = await signUpRequester(app);
    const before = await count('ledger_transactions');
    const results = await Promise.all([0, 1].map(() => depositWith(client, 700, 'dep-1')));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    expect(results[0]!.json().transactionId).toBe(results[1]!.json().transactionId);
    expect(await count('ledger_transactions')).toBe(before + 1);
    expect((await balance(client)).availableCents).toBe(700);
  });

  it('refuses the key with another amount and changes nothing', async () => {
    const { client } = await signUpRequester(app);
    expect((await depositWith(client, 700, 'dep-2')).statusCode).toBe(201);
    const before = await count('ledger_transactions');
    reused(await depositWith(client, 70_000, 'dep-2'));
    expect(await count('ledger_transactions')).toBe(before);
    expect((await balance(client)).availableCents).toBe(700);
  });

  it('lets one concurrent request win when two send one key with different amounts', async () => {
    const { client } = await signUpRequester(app);
    const results = await Promise.all([
      depositWith(client, 100, 'dep-race'),
      depositWith(client, 200, 'dep-race'),
    ]);
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409]);
    const won = results.find((r) => r.statusCode === 201)!;
    expect((await balance(client)).availableCents).toBe(won.json().balance.availableCents);
    expect([100, 200]).toContain((await balance(client)).availableCents);
  });

  it('keeps each caller’s keys apart: the same key from two requesters is two deposits', async () => {
    const first = await signUpRequester(app);
    const second = await signUpRequester(app);
    const a = await depositWith(first.client, 300, 'shared-key');
    const b = await depositWith(second.client, 500, 'shared-key');
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().transactionId).not.toBe(b.json().transactionId);
    expect((await balance(first.client)).availableCents).toBe(300);
    expect((await balance(second.client)).availableCents).toBe(500);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });
});

describe('POST /admin/deposits', () => {
  // A reference names one payment (recorded once), so each payment here has its own.
  const record = (
    client: Client,
    userId: string,
    amountCents: number,
    key: string,
    reference = `Wire for ${key}`,
  ) =>
    client.post(
      '/api/v1/admin/deposits',
      { userId, amountCents, reference },
      { 'idempotency-key': key },
    );

  it('replays the same payment, and refuses the key for another user or amount', async () => {
    const { client } = await admin();
    const alice = await signUpRequester(app);
    const bob = await signUpRequester(app);
    const first = await record(client, alice.user.id, 25_000, 'wire-1');
    expect(first.statusCode).toBe(201);
    const again = await record(client, alice.user.id, 25_000, 'wire-1');
    expect(again.statusCode).toBe(200);
    expect(again.json().transactionId).toBe(first.json().transactionId);
    const before = await count('ledger_transactions');

    reused(await record(client, bob.user.id, 25_000, 'wire-1'));
    reused(await record(client, alice.user.id, 99, 'wire-1'));
    expect(await count('ledger_transactions')).toBe(before);
    expect((await balance(bob.client)).availableCents).toBe(0);
    expect((await balance(alice.client)).availableCents).toBe(25_000);
  });

  it('keeps two admins’ keys apart', async () => {
    const one = await admin();
    const two = await admin();
    const requester = await signUpRequester(app);
    expect((await record(one.client, requester.user.id, 100, 'wire-2', 'Wire A')).statusCode).toBe(
      201,
    );
    expect((await record(two.client, requester.user.id, 200, 'wire-2', 'Wire B')).statusCode).toBe(
      201,
    );
    expect((await balance(requester.client)).availableCents).toBe(300);
  });
});

describe('POST /me/payouts', () => {
  /** A worker with 10 cents of approved earnings. */
  async function paidWorker() {
    const { requester, projectId } = await fundedProject(app, { tasks: 1 });
    const [done] = await submissions(app, projectId, 1);
    await requester.client.post(`/api/v1/assignments/${done!.id}/approve`);
    await givePayoutMethod(done!.worker.client);
    return done!.worker;
  }
  const payout = (client: Client, body: Record<string, unknown>, key: string) =>
    client.post('/api/v1/me/payouts', body, { 'idempotency-key': key });

  it('replays one payout for the same key and body, and refuses another amount', async () => {
    const worker = await paidWorker();
    const first = await payout(worker.client, { amountCents: 4 }, 'out-1');
    expect(first.statusCode).toBe(201);
    const again = await payout(worker.client, { amountCents: 4 }, 'out-1');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const before = { payouts: await count('payouts'), txs: await count('ledger_transactions') };

    reused(await payout(worker.client, { amountCents: 5 }, 'out-1'));
    reused(await payout(worker.client, {}, 'out-1'));
    expect({ payouts: await count('payouts'), txs: await count('ledger_transactions') }).toEqual(
      before,
    );
    const mine = (await worker.client.get('/api/v1/me/payouts')).json().items;
    expect(mine.map((p: { amountCents: number }) => p.amountCents)).toEqual([4]);
  });

  it('keeps two workers’ keys apart', async () => {
    const one = await paidWorker();
    const two = await paidWorker();
    const a = await payout(one.client, { amountCents: 3 }, 'out-shared');
    const b = await payout(two.client, { amountCents: 3 }, 'out-shared');
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).not.toBe(b.json().id);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });
});

describe('POST /assignments/{id}/bonus', () => {
  const bonus = (client: Client, id: string, amountCents: number, key: string) =>
    client.post(
      `/api/v1/assignments/${id}/bonus`,
      { amountCents, reason: 'thanks' },
      { 'idempotency-key': key },
    );

  it('refuses the key for another assignment and changes nothing', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    const [one, two] = await submissions(app, projectId, 2);
    expect((await bonus(requester.client, one!.id, 50, 'tip-1')).statusCode).toBe(201);
    const again = await bonus(requester.client, one!.id, 50, 'tip-1');
    expect(again.statusCode).toBe(200);
    const before = { bonuses: await count('bonuses'), funds: await balance(requester.client) };
    reused(await bonus(requester.client, two!.id, 50, 'tip-1'));
    expect({ bonuses: await count('bonuses'), funds: await balance(requester.client) }).toEqual(
      before,
    );
  });

  it('keeps two requesters’ keys apart', async () => {
    const first = await fundedProject(app, { tasks: 1 });
    const second = await fundedProject(app, { tasks: 1 });
    const [a] = await submissions(app, first.projectId, 1);
    const [b] = await submissions(app, second.projectId, 1);
    const paidA = await bonus(first.requester.client, a!.id, 20, 'tip-shared');
    const paidB = await bonus(second.requester.client, b!.id, 30, 'tip-shared');
    expect([paidA.statusCode, paidB.statusCode]).toEqual([201, 201]);
    expect(paidB.json()).toMatchObject({ assignmentId: b!.id, amountCents: 30 });
  });
});

describe('POST /projects/{id}/batches', () => {
  const OTHER_CSV = 'title,image_url\r\nBird,https://img.example.com/bird.png\r\n';

  it('replays the same upload, and refuses the key for other rows or another project', async () => {
    const requester = await signUpRequester(app);
    const project = await createProject(requester.client);
    const another = await createProject(requester.client);
    const key = { 'idempotency-key': 'upload-1' };
    const first = await uploadCsv(requester.client, project.id, SAMPLE_CSV, key);
    expect(first.statusCode).toBe(201);
    const again = await uploadCsv(requester.client, project.id, SAMPLE_CSV, key);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const before = await count('batches');

    reused(await uploadCsv(requester.client, project.id, OTHER_CSV, key));
    reused(await uploadCsv(requester.client, another.id, SAMPLE_CSV, key));
    expect(await count('batches')).toBe(before);
    const tasks = await requester.client.get(`/api/v1/projects/${project.id}/tasks`);
    expect(tasks.json().items).toHaveLength(2);
  });

  it('keeps two requesters’ keys apart', async () => {
    const first = await signUpRequester(app);
    const second = await signUpRequester(app);
    const p1 = await createProject(first.client);
    const p2 = await createProject(second.client);
    const key = { 'idempotency-key': 'upload-shared' };
    const a = await uploadCsv(first.client, p1.id, SAMPLE_CSV, key);
    const b = await uploadCsv(second.client, p2.id, SAMPLE_CSV, key);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().id).not.toBe(a.json().id);
  });
});

describe('one key on two routes', () => {
  it('records keys under the route names the migration gave the keys it moved', async () => {
    const { client, user } = await signUpRequester(app);
    await client.post('/api/v1/me/deposits', { amountCents: 5 }, { 'idempotency-key': 'named' });
    const row = await db
      .selectFrom('idempotency_keys')
      .select('route')
      .where('caller_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.route).toBe('POST /api/v1/me/deposits');
  });

  it('is two keys: an admin’s own sandbox deposit does not answer a payment recorded for another', async () => {
    const operator = await admin();
    // An admin who also spends money as a requester, so both deposit routes are theirs.
    await db
      .updateTable('users')
      .set({ roles: ['admin', 'requester'] })
      .where('id', '=', operator.user.id)
      .execute();
    const customer = await signUpRequester(app);
    const key = { 'idempotency-key': 'both-routes' };
    const own = await operator.client.post('/api/v1/me/deposits', { amountCents: 100 }, key);
    expect(own.statusCode).toBe(201);
    const recorded = await operator.client.post(
      '/api/v1/admin/deposits',
      { userId: customer.user.id, amountCents: 900, reference: 'Wire #2' },
      key,
    );
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json().transactionId).not.toBe(own.json().transactionId);
    expect((await balance(customer.client)).availableCents).toBe(900);
    expect((await balance(operator.client)).availableCents).toBe(100);
  });
});
