import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp, TEST_PASSWORD } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { createServices } from '../../app.js';
import { sha256 } from '../../lib/secrets.js';
import { SETUP_LINK_TTL_MS } from './setup.service.js';

const ctx = await createTestApp();
const { app } = ctx;
const { setup } = createServices({ db: ctx.database.db, clock: ctx.clock, config: ctx.config });

async function userCount() {
  const row = await ctx.database.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function createAdmin(token: string, email = 'first-admin@example.com') {
  return new Client(app).post('/api/v1/setup/admin', {
    token,
    email,
    password: TEST_PASSWORD,
    displayName: 'First Admin',
  });
}

let spareToken = '';

// The tests run in order: the first admin exists from the fourth test on.
describe(`the first administrator through the setup link (${testDatabaseKind()})`, () => {
  it('refuses a made-up token and bad input, creating nobody', async () => {
    await setup.issueToken();
    const before = await userCount();
    const madeUp = await createAdmin('not-the-token');
    expect(madeUp.statusCode).toBe(403);
    expect(madeUp.json().error.code).toBe('setup_link_invalid');
    const badInput = await new Client(app).post('/api/v1/setup/admin', {
      token: 'x',
      email: 'not an email',
      password: 'short',
      displayName: '',
    });
    expect(badInput.statusCode).toBe(400);
    expect(await userCount()).toBe(before);
  });

  it('refuses a link past its expiry', async () => {
    const token = (await setup.issueToken())!;
    ctx.clock.advance(SETUP_LINK_TTL_MS + 1);
    const res = await createAdmin(token);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('setup_link_invalid');
  });

  it("refuses someone else's email and leaves the link usable", async () => {
    const { user } = await signUp(app, { email: 'taken@example.com' });
    const token = (await setup.issueToken())!;
    spareToken = (await setup.issueToken())!;
    const taken = await createAdmin(token, user.email);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('email_taken');
    const again = await createAdmin(token);
    expect(again.statusCode).toBe(201);
  });

  it('signs in as the admin created, and the link works only once', async () => {
    const client = new Client(app);
    const login = await client.post('/api/v1/auth/login', {
      email: 'first-admin@example.com',
      password: TEST_PASSWORD,
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.roles).toEqual(['admin']);
    expect((await client.get('/api/v1/admin/users')).statusCode).toBe(200);
  });

  it('issues no link once an admin exists, and refuses every link issued before', async () => {
    expect(await setup.issueToken()).toBeUndefined();
    const before = await userCount();
    const spare = await createAdmin(spareToken, 'second-admin@example.com');
    expect(spare.statusCode).toBe(403);
    expect(spare.json().error.code).toBe('setup_link_invalid');
    // A link another instance printed before the admin existed, still unused.
    await ctx.database.db
      .insertInto('setup_tokens')
      .values({
        token_hash: sha256('other-instance'),
        expires_at: new Date(ctx.clock.now().getTime() + SETUP_LINK_TTL_MS),
      })
      .execute();
    const other = await createAdmin('other-instance', 'third-admin@example.com');
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('admin_exists');
    expect(await userCount()).toBe(before);
  });
});
