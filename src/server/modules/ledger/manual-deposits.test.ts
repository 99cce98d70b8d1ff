import { describe, expect, it } from 'vitest';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { Client, createTestApp, signUp, type TestContext } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { balance, signUpRequester } from '../../../../test/helpers/projects.js';
import { MAX_MANUAL_DEPOSIT_CENTS } from '../../../shared/api/money.js';

/** Offline payments an administrator records: `POST /admin/deposits` and its audit list. */
const ctx: TestContext = await createTestApp({ env: { PAYMENTS_SANDBOX: 'false' } });
const { app } = ctx;
const db = ctx.database.db;
const consistent = { unbalanced: [], drifted: [], empty: [] };

let admins = 0;
async function admin() {
  admins += 1;
  return signInAsAdmin(ctx, `deposits-admin-${admins}@example.com`);
}

async function counts() {
  const n = async (table: 'ledger_transactions' | 'manual_deposits' | 'idempotency_keys') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    transactions: await n('ledger_transactions'),
    deposits: await n('manual_deposits'),
    keys: await n('idempotency_keys'),
  };
}

let references = 0;
const newReference = () => `SEPA-2026-${++references}`;

describe('recording an offline payment', () => {
  it('credits the requester, keeps who/when/reference/note, and shows the reference on their ledger', async () => {
    const { client, user: recorder } = await admin();
    const requester = await signUpRequester(app);
    const res = await client.post(
      '/api/v1/admin/deposits',
      {
        userId: requester.user.id,
        amountCents: 125_000,
        reference: '  SEPA-7781-XK  ',
        note: 'Invoice 2026-014, paid early',
      },
      { 'idempotency-key': 'record-1' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.balance).toMatchObject({ availableCents: 125_000, escrowCents: 0 });
    expect(body.deposit).toMatchObject({
      transactionId: body.transactionId,
      amountCents: 125_000,
      reference: 'SEPA-7781-XK',
      note: 'Invoice 2026-014, paid early',
      requester: { id: requester.user.id, email: requester.user.email },
      recordedBy: { id: recorder.id },
      recordedAt: ctx.clock.now().toISOString(),
    });

    // The ledger transaction says who moved the money, through which provider, and why.
    const transaction = await db
      .selectFrom('ledger_transactions')
      .selectAll()
      .where('id', '=', body.transactionId)
      .executeTakeFirstOrThrow();
    expect(transaction).toMatchObject({
      kind: 'deposit',
      provider: 'manual',
      actor_id: recorder.id,
      external_reference: 'SEPA-7781-XK',
    });

    // The requester sees the money and the reference, never the administrators' note.
    expect((await balance(requester.client)).availableCents).toBe(125_000);
    const ledger = await requester.client.get('/api/v1/me/ledger');
    expect(ledger.json().items).toEqual([
      expect.objectContaining({
        kind: 'deposit',
        amountCents: 125_000,
        reference: 'SEPA-7781-XK',
        memo: 'Payment recorded by an administrator',
      }),
    ]);
    expect(ledger.body).not.toContain('Invoice 2026-014');

    // A retry with the same key answers with the same deposit and credits nothing more.
    const retry = await client.post(
      '/api/v1/admin/deposits',
      {
        userId: requester.user.id,
        amountCents: 125_000,
        reference: 'SEPA-7781-XK',
        note: 'Invoice 2026-014, paid early',
      },
      { 'idempotency-key': 'record-1' },
    );
    expect(retry.statusCode).toBe(200);
    expect(retry.json().deposit.id).toBe(body.deposit.id);
    expect((await balance(requester.client)).availableCents).toBe(125_000);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });

  it('lists recorded payments newest first, a page at a time, with who, when and reference', async () => {
    const { client } = await admin();
    const requester = await signUpRequester(app);
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      // Each a minute after the last, and after those of the tests before (the clock is shared).
      ctx.clock.advance(60_000);
      const reference = newReference();
      const res = await client.post('/api/v1/admin/deposits', {
        userId: requester.user.id,
        amountCents: 1_000 * (i + 1),
        reference,
      });
      expect(res.statusCode).toBe(201);
      made.push(reference);
    }
    const first = await client.get('/api/v1/admin/deposits?limit=2');
    expect(first.statusCode).toBe(200);
    expect(first.json().items.map((d: { reference: string }) => d.reference)).toEqual([
      made[2],
      made[1],
    ]);
    expect(first.json().items[0]).toMatchObject({
      amountCents: 3_000,
      note: null,
      requester: { id: requester.user.id },
      recordedBy: { displayName: 'Admin' },
    });
    const second = await client.get(
      `/api/v1/admin/deposits?limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(second.json().items[0].reference).toBe(made[0]);
    expect((await client.get('/api/v1/admin/deposits?cursor=nope')).statusCode).toBe(400);
  });

  it('finds requesters to credit by name or email, only requesters when asked', async () => {
    const { client } = await admin();
    const requester = await signUpRequester(app);
    const worker = await signUp(app, { roles: ['worker'] });
    const search = async (q: string) =>
      (await client.get(`/api/v1/admin/users?role=requester&q=${encodeURIComponent(q)}`))
        .json()
        .items.map((u: { id: string }) => u.id);
    expect(await search(requester.user.email)).toEqual([requester.user.id]);
    expect(await search(worker.user.email)).toEqual([]);
    expect((await client.get('/api/v1/admin/users?role=boss')).statusCode).toBe(400);
  });
});

describe('refusals change nothing', () => {
  it.each([
    ['a zero amount', { amountCents: 0 }, 'body.amountCents'],
    ['a negative amount', { amountCents: -500 }, 'body.amountCents'],
    ['a fraction of a cent', { amountCents: 10.5 }, 'body.amountCents'],
    ['an amount as text', { amountCents: '100' }, 'body.amountCents'],
    ['more than the limit', { amountCents: MAX_MANUAL_DEPOSIT_CENTS + 1 }, 'body.amountCents'],
    ['no reference', { reference: undefined }, 'body.reference'],
    ['a blank reference', { reference: '   ' }, 'body.reference'],
    ['a reference too long', { reference: 'x'.repeat(201) }, 'body.reference'],
    ['a note too long', { note: 'x'.repeat(1_001) }, 'body.note'],
    ['an unknown field', { currency: 'EUR' }, 'currency'],
    ['a malformed user id', { userId: 'alice' }, 'body.userId'],
  ])('refuses %s with 400', async (_what, change, field) => {
    const { client } = await admin();
    const requester = await signUpRequester(app);
    const before = await counts();
    const res = await client.post(
      '/api/v1/admin/deposits',
      { userId: requester.user.id, amountCents: 100, reference: newReference(), ...change },
      { 'idempotency-key': `bad-${references}` },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain(field);
    expect(await counts()).toEqual(before);
    expect((await balance(requester.client)).availableCents).toBe(0);
  });

  it('refuses a worker-only or admin-only account (409) and an unknown user (404)', async () => {
    const { client, user: self } = await admin();
    const worker = await signUp(app, { roles: ['worker'] });
    const before = await counts();
    for (const [userId, status, code] of [
      [worker.user.id, 409, 'not_a_requester'],
      [self.id, 409, 'not_a_requester'],
      ['00000000-0000-4000-8000-000000000000', 404, 'not_found'],
    ] as const) {
      const res = await client.post('/api/v1/admin/deposits', {
        userId,
        amountCents: 100,
        reference: newReference(),
      });
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a reference already recorded, whatever its case, even from two admins at once', async () => {
    const one = await admin();
    const two = await admin();
    const alice = await signUpRequester(app);
    const bob = await signUpRequester(app);
    const reference = newReference();
    const first = await one.client.post('/api/v1/admin/deposits', {
      userId: alice.user.id,
      amountCents: 500,
      reference,
    });
    expect(first.statusCode).toBe(201);
    const before = await counts();
    const again = await two.client.post('/api/v1/admin/deposits', {
      userId: bob.user.id,
      amountCents: 500,
      reference: reference.toLowerCase(),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'duplicate_reference',
      details: { depositId: first.json().deposit.id, requesterId: alice.user.id },
    });
    expect(again.json().error.message).toContain('was already recorded');
    expect(await counts()).toEqual(before);

    const raced = newReference();
    const results = await Promise.all(
      [one, two].map((a, i) =>
        a.client.post(
          '/api/v1/admin/deposits',
          { userId: bob.user.id, amountCents: 700, reference: raced },
          { 'idempotency-key': `race-${i}` },
        ),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect((await balance(bob.client)).availableCents).toBe(700);
    expect(await expectLedgerConsistent(db)).toEqual(consistent);
  });
});

describe('who may record and read', () => {
  it('is for administrators with the admin scope only', async () => {
    const requester = await signUpRequester(app);
    const worker = await signUp(app, { roles: ['worker'] });
    const body = { userId: requester.user.id, amountCents: 100, reference: newReference() };
    const before = await counts();
    for (const client of [requester.client, worker.client]) {
      const res = await client.post('/api/v1/admin/deposits', body);
      expect(res.statusCode).toBe(403);
      expect((await client.get('/api/v1/admin/deposits')).statusCode).toBe(403);
    }
    const anonymous = new Client(app);
    expect((await anonymous.post('/api/v1/admin/deposits', body)).statusCode).toBe(401);
    expect((await anonymous.get('/api/v1/admin/deposits')).statusCode).toBe(401);

    // An administrator's token without the admin scope has no admin powers.
    const { client } = await admin();
    const token = (
      await client.post('/api/v1/me/tokens', {
        name: 'money',
        scopes: ['money:read', 'money:write'],
      })
    ).json().token as string;
    const bot = new Client(app);
    bot.bearer = token;
    expect((await bot.post('/api/v1/admin/deposits', body)).statusCode).toBe(403);
    expect((await bot.get('/api/v1/admin/deposits')).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
