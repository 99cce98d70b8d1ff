import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';

const ctx = await createTestApp();
const { app } = ctx;
const services = createServices({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });

async function transactionCount() {
  const row = await ctx.database.db
    .selectFrom('ledger_transactions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('funds', () => {
  it('starts a requester at zero and adds sandbox credit to available funds', async () => {
    const { client } = await signUp(app, { roles: ['requester'] });
    expect((await client.get('/api/v1/me/balance')).json()).toMatchObject({
      availableCents: 0,
      escrowCents: 0,
      sandboxDeposits: true,
    });
    const res = await client.post('/api/v1/me/deposits', { amountCents: 5_000 });
    expect(res.statusCode).toBe(201);
    expect(res.json().balance).toMatchObject({ availableCents: 5_000, escrowCents: 0 });
    const ledger = (await client.get('/api/v1/me/ledger')).json();
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0]).toMatchObject({
      kind: 'deposit',
      account: 'requester_available',
      amountCents: 5_000,
    });
    expect(await expectLedgerConsistent(ctx.database.db)).toEqual({
      unbalanced: [],
      drifted: [],
      empty: [],
    });
  });

  it('pays a retried deposit with the same Idempotency-Key once', async () => {
    const { client } = await signUp(app, { roles: ['requester'] });
    const headers = { 'idempotency-key': 'deposit-1' };
    const results = await Promise.all([
      client.post('/api/v1/me/deposits', { amountCents: 700 }, headers),
      client.post('/api/v1/me/deposits', { amountCents: 700 }, headers),
      client.post('/api/v1/me/deposits', { amountCents: 700 }, headers),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.json().transactionId)).size).toBe(1);
    expect((await client.get('/api/v1/me/balance')).json().availableCents).toBe(700);
  });

  it.each([0, -5, 1.5, '100', 10_000_001])(
    'rejects a deposit of %j with 400 and writes nothing',
    async (amountCents) => {
      const { client } = await signUp(app, { roles: ['requester'] });
      const before = await transactionCount();
      const res = await client.post('/api/v1/me/deposits', { amountCents });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.message).toContain('body.amountCents');
      expect(await transactionCount()).toBe(before);
    },
  );

  it('refuses deposits from worker-only accounts and anonymous callers', async () => {
    const { client } = await signUp(app, { roles: ['worker'] });
    const res = await client.post('/api/v1/me/deposits', { amountCents: 100 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('role_required');
    expect(
      (await new Client(app).post('/api/v1/me/deposits', { amountCents: 100 })).statusCode,
    ).toBe(401);
    expect((await new Client(app).get('/api/v1/me/balance')).statusCode).toBe(401);
  });

  it('needs money scopes on tokens', async () => {
    const { client } = await signUp(app, { roles: ['requester'] });
    const { token } = (
      await client.post('/api/v1/me/tokens', { name: 'r', scopes: ['money:read'] })
    ).json();
    const bot = new Client(app);
    bot.bearer = token;
    expect((await bot.get('/api/v1/me/balance')).statusCode).toBe(200);
    const denied = await bot.post('/api/v1/me/deposits', { amountCents: 100 });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('insufficient_scope');
  });

  it("never shows one user's ledger to another", async () => {
    const a = await signUp(app, { roles: ['requester'] });
    const b = await signUp(app, { roles: ['requester'] });
    await a.client.post('/api/v1/me/deposits', { amountCents: 1_234 });
    expect((await b.client.get('/api/v1/me/ledger')).json().items).toEqual([]);
    expect((await b.client.get('/api/v1/me/balance')).json().availableCents).toBe(0);
  });

  it('pages through the ledger with a cursor', async () => {
    const { client } = await signUp(app, { roles: ['requester'] });
    for (let i = 1; i <= 5; i++) await client.post('/api/v1/me/deposits', { amountCents: i * 100 });
    const first = (await client.get('/api/v1/me/ledger?limit=3')).json();
    expect(first.items.map((e: { amountCents: number }) => e.amountCents)).toEqual([500, 400, 300]);
    const second = (
      await client.get(`/api/v1/me/ledger?limit=3&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((e: { amountCents: number }) => e.amountCents)).toEqual([200, 100]);
    expect(second.nextCursor).toBeNull();
    expect((await client.get('/api/v1/me/ledger?cursor=nonsense')).statusCode).toBe(400);
  });
});

describe('manual deposits by an admin', () => {
  it('records an offline payment into a requester account', async () => {
    const admin = await signInAsAdmin(ctx);
    const requester = await signUp(app, { roles: ['requester'] });
    const res = await admin.client.post('/api/v1/admin/deposits', {
      userId: requester.user.id,
      amountCents: 25_000,
      reference: 'Wire 2026-11-27 #88',
    });
    expect(res.statusCode).toBe(201);
    expect((await requester.client.get('/api/v1/me/balance')).json().availableCents).toBe(25_000);
    const worker = await signUp(app, { roles: ['worker'] });
    const toWorker = await admin.client.post('/api/v1/admin/deposits', {
      userId: worker.user.id,
      amountCents: 1,
      reference: 'x',
    });
    expect(toWorker.statusCode).toBe(409);
    const missing = await admin.client.post('/api/v1/admin/deposits', {
      userId: '00000000-0000-4000-8000-000000000000',
      amountCents: 1,
      reference: 'x',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('is for admins only', async () => {
    const requester = await signUp(app, { roles: ['requester'] });
    const res = await requester.client.post('/api/v1/admin/deposits', {
      userId: requester.user.id,
      amountCents: 100,
      reference: 'me',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('sandbox switched off (as with DATABASE_URL by default)', async () => {
  const off = await createTestApp({ env: { PAYMENTS_SANDBOX: 'false' } });
  it('refuses sandbox credit with a clear reason', async () => {
    const { client } = await signUp(off.app, { roles: ['requester'] });
    expect((await client.get('/api/v1/me/balance')).json().sandboxDeposits).toBe(false);
    const res = await client.post('/api/v1/me/deposits', { amountCents: 100 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('sandbox_disabled');
  });
});

describe('escrow', () => {
  it('moves money to escrow only when it is there, and never overdraws under concurrency', async () => {
    const { client, user } = await signUp(app, { roles: ['requester'] });
    await client.post('/api/v1/me/deposits', { amountCents: 1_000 });
    const projectIds = Array.from(
      { length: 6 },
      (_, i) => `00000000-0000-4000-8000-00000000000${i}`,
    );
    const outcomes = await Promise.allSettled(
      projectIds.map((projectId) =>
        ctx.database.db.transaction().execute((trx) =>
          services.ledger.escrowForProject(trx, {
            requesterId: user.id,
            projectId,
            amountCents: 300,
            memo: 'test',
          }),
        ),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    const rejected = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(rejected.map((o) => (o.reason as { code: string }).code)).toEqual(
      Array(3).fill('insufficient_funds'),
    );
    expect((await client.get('/api/v1/me/balance')).json()).toMatchObject({
      availableCents: 100,
      escrowCents: 900,
    });
    expect(await expectLedgerConsistent(ctx.database.db)).toEqual({
      unbalanced: [],
      drifted: [],
      empty: [],
    });
  });

  it('releases exactly what a project still holds', async () => {
    const { client, user } = await signUp(app, { roles: ['requester'] });
    await client.post('/api/v1/me/deposits', { amountCents: 1_000 });
    const projectId = '00000000-0000-4000-8000-0000000000aa';
    await ctx.database.db.transaction().execute((trx) =>
      services.ledger.escrowForProject(trx, {
        requesterId: user.id,
        projectId,
        amountCents: 600,
        memo: 'publish',
      }),
    );
    expect(await services.ledger.projectEscrowCents(projectId)).toBe(600);
    const released = await ctx.database.db.transaction().execute((trx) =>
      services.ledger.releaseProjectEscrow(trx, {
        requesterId: user.id,
        projectId,
        memo: 'cancel',
      }),
    );
    expect(released).toBe(600);
    const again = await ctx.database.db.transaction().execute((trx) =>
      services.ledger.releaseProjectEscrow(trx, {
        requesterId: user.id,
        projectId,
        memo: 'cancel',
      }),
    );
    expect(again).toBe(0);
    expect((await client.get('/api/v1/me/balance')).json()).toMatchObject({
      availableCents: 1_000,
      escrowCents: 0,
    });
  });
});
