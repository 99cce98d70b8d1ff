import { describe, expect, it } from 'vitest';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { earnings, fundedProject, givePayoutMethod } from '../../../../test/helpers/review.js';

/** Where workers are paid: their own to set, private, and copied onto each payout. */
const ctx = await createTestApp({ env: { PAYOUT_MINIMUM_CENTS: '1' } });
const { app } = ctx;
const db = ctx.database.db;

const IBAN = 'DE89370400440532013000';
const BANK = { method: 'bank_transfer', destination: IBAN, accountHolder: 'Mara Quist' };

/** A worker with approved work in a requester's project, so both have something to look at. */
async function workerWithEarnings(tasks = 2) {
  const { requester, projectId } = await fundedProject(app, { tasks });
  const worker = await signUp(app, { roles: ['worker'] });
  for (let i = 0; i < tasks; i++) {
    const id = (await worker.client.post(`/api/v1/projects/${projectId}/assignments`)).json().id;
    await worker.client.post(`/api/v1/assignments/${id}/submit`, { answers: { animal: 'yes' } });
    await requester.client.post(`/api/v1/assignments/${id}/approve`);
  }
  return { requester, projectId, worker };
}

async function changesOf(userId: string) {
  return db
    .selectFrom('payout_method_changes')
    .select(['method', 'destination', 'account_holder', 'changed_at'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

describe('setting a payout method', () => {
  it('takes each method in its own form, normalised, and keeps every change with its time', async () => {
    const worker = await signUp(app, { roles: ['worker'] });
    expect((await worker.client.get('/api/v1/me/payout-method')).json()).toEqual({
      payoutMethod: null,
    });

    const bank = await worker.client.put('/api/v1/me/payout-method', {
      ...BANK,
      destination: ' de89 3704 0044 0532 0130 00 ',
    });
    expect(bank.statusCode, bank.body).toBe(200);
    expect(bank.json().payoutMethod).toEqual({
      method: 'bank_transfer',
      destination: IBAN,
      accountHolder: 'Mara Quist',
      updatedAt: ctx.clock.now().toISOString(),
    });

    ctx.clock.advance(60_000);
    // The same again is no change: nothing new in the history.
    await worker.client.put('/api/v1/me/payout-method', BANK);
    const paypal = await worker.client.put('/api/v1/me/payout-method', {
      method: 'paypal',
      destination: ' Mara.Quist@Example.com ',
    });
    expect(paypal.json().payoutMethod).toMatchObject({
      method: 'paypal',
      destination: 'mara.quist@example.com',
      accountHolder: null,
    });
    const other = await worker.client.put('/api/v1/me/payout-method', {
      method: 'other',
      destination: 'Wise account @maraq, USD',
    });
    expect(other.statusCode).toBe(200);
    expect((await worker.client.get('/api/v1/me/payout-method')).json().payoutMethod).toMatchObject(
      { method: 'other', destination: 'Wise account @maraq, USD' },
    );

    expect((await worker.client.delete('/api/v1/me/payout-method')).json()).toEqual({
      payoutMethod: null,
    });
    const history = await changesOf(worker.user.id);
    expect(history.map((c) => [c.method, c.destination])).toEqual([
      ['bank_transfer', IBAN],
      ['paypal', 'mara.quist@example.com'],
      ['other', 'Wise account @maraq, USD'],
      [null, null],
    ]);
    expect(history[1]!.changed_at.getTime() - history[0]!.changed_at.getTime()).toBe(60_000);
  });

  it.each([
    [
      'an IBAN with a typo',
      { ...BANK, destination: 'DE89370400440532013001' },
      'does not check out',
    ],
    ['an IBAN without a country', { ...BANK, destination: '89370400440532013000' }, 'country code'],
    ['an IBAN too short', { ...BANK, destination: 'DE8937040044' }, '15 to 34 characters'],
    [
      'an IBAN with symbols',
      { ...BANK, destination: 'DE89-3704-0044-0532-0130-00' },
      'letters and digits',
    ],
    [
      'a bank transfer without holder',
      { method: 'bank_transfer', destination: IBAN },
      'body.accountHolder',
    ],
    [
      'a PayPal address that is not one',
      { method: 'paypal', destination: 'mara at example' },
      'PayPal account',
    ],
    ['an empty "other"', { method: 'other', destination: '  ' }, 'at least 5 characters'],
    ['an "other" too long', { method: 'other', destination: 'x'.repeat(501) }, 'at most 500'],
    ['an unknown method', { method: 'cheque', destination: 'Mara' }, 'body.method'],
    [
      'a holder on PayPal',
      { method: 'paypal', destination: 'a@b.co', accountHolder: 'X' },
      'accountHolder',
    ],
  ])('refuses %s with 400 and keeps the method it had', async (_what, body, message) => {
    const worker = await signUp(app, { roles: ['worker'] });
    await givePayoutMethod(worker.client);
    const before = await changesOf(worker.user.id);
    const res = await worker.client.put('/api/v1/me/payout-method', body);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.message).toContain(message);
    expect((await worker.client.get('/api/v1/me/payout-method')).json().payoutMethod).toMatchObject(
      { method: 'paypal', destination: 'payouts@example.com' },
    );
    expect(await changesOf(worker.user.id)).toEqual(before);
  });
});

describe('privacy', () => {
  it('is seen by its worker and by administrators on payouts, by nobody else', async () => {
    const { requester, projectId, worker } = await workerWithEarnings();
    await givePayoutMethod(worker.client, BANK);
    const leaks = (body: string) => body.includes(IBAN) || body.includes('Mara Quist');

    // Another worker reads their own (none), never this one's; requesters have no such route.
    const stranger = await signUp(app, { roles: ['worker'] });
    expect((await stranger.client.get('/api/v1/me/payout-method')).json()).toEqual({
      payoutMethod: null,
    });
    expect((await requester.client.get('/api/v1/me/payout-method')).statusCode).toBe(403);
    expect((await new Client(app).get('/api/v1/me/payout-method')).statusCode).toBe(401);
    const otherRequester = await signUpRequester(app);
    expect((await otherRequester.client.put('/api/v1/me/payout-method', BANK)).statusCode).toBe(
      403,
    );

    // What the requester and the public see of the worker carries none of it.
    for (const [client, url] of [
      [requester.client, `/api/v1/projects/${projectId}/assignments`],
      [requester.client, `/api/v1/users/${worker.user.id}`],
      [requester.client, `/api/v1/users/${worker.user.handle}/record`],
      [new Client(app), `/api/v1/users/${worker.user.handle}`],
      [stranger.client, `/api/v1/users/${worker.user.id}/record`],
      [worker.client, '/api/v1/me'],
    ] as const) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(leaks(res.body), url).toBe(false);
    }
    // Nor does a payout of theirs reach anyone but them and the administrators.
    const payout = (await worker.client.post('/api/v1/me/payouts', {})).json();
    expect(payout.destination).toMatchObject({ destination: IBAN });
    expect(leaks((await stranger.client.get('/api/v1/me/payouts')).body)).toBe(false);
    expect((await requester.client.get('/api/v1/admin/payouts')).statusCode).toBe(403);
  });
});

describe('payouts and their destination', () => {
  it('refuses a payout without a method, pointing to the settings, and changes nothing', async () => {
    const { worker } = await workerWithEarnings();
    const before = await earnings(worker.client);
    const res = await worker.client.post(
      '/api/v1/me/payouts',
      {},
      { 'idempotency-key': 'nowhere' },
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'payout_method_missing',
      details: { settingsPath: '/settings#payout' },
    });
    expect(res.json().error.message).toContain('Settings');
    expect(await earnings(worker.client)).toEqual(before);
    expect((await worker.client.get('/api/v1/me/payouts')).json().items).toEqual([]);

    // Once a method is set, the same key is free to do the real thing.
    await givePayoutMethod(worker.client);
    const paid = await worker.client.post(
      '/api/v1/me/payouts',
      {},
      { 'idempotency-key': 'nowhere' },
    );
    expect(paid.statusCode).toBe(201);
  });

  it('keeps the destination of request time, whatever the worker changes afterwards', async () => {
    const admin = await signInAsAdmin(ctx);
    const { worker } = await workerWithEarnings(3);
    const bank = await givePayoutMethod(worker.client, BANK);
    const first = (await worker.client.post('/api/v1/me/payouts', { amountCents: 10 })).json();

    ctx.clock.advance(3_600_000);
    await givePayoutMethod(worker.client, { method: 'paypal', destination: 'new@example.com' });
    const second = (await worker.client.post('/api/v1/me/payouts', { amountCents: 10 })).json();
    await worker.client.delete('/api/v1/me/payout-method');

    const queue = (await admin.client.get('/api/v1/admin/payouts?status=requested')).json();
    const byId = (id: string) => queue.items.find((p: { id: string }) => p.id === id);
    expect(byId(first.id).destination).toEqual({
      method: 'bank_transfer',
      destination: IBAN,
      accountHolder: 'Mara Quist',
      updatedAt: bank.updatedAt,
    });
    expect(byId(second.id).destination).toMatchObject({
      method: 'paypal',
      destination: 'new@example.com',
      accountHolder: null,
    });
    const mine = (await worker.client.get('/api/v1/me/payouts')).json().items;
    expect(mine.map((p: { destination: { method: string } }) => p.destination.method)).toEqual([
      'paypal',
      'bank_transfer',
    ]);

    // With the method removed, the next payout is refused; the ones asked for are unchanged.
    const third = await worker.client.post('/api/v1/me/payouts', { amountCents: 10 });
    expect(third.json().error.code).toBe('payout_method_missing');
    const paid = await admin.client.post(`/api/v1/admin/payouts/${first.id}/mark-paid`, {
      reference: 'SEPA out 1',
    });
    expect(paid.json().destination).toMatchObject({ destination: IBAN });
    expect(await expectLedgerConsistent(db)).toEqual({ unbalanced: [], drifted: [], empty: [] });
  });
});
