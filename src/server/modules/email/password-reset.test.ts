import { describe, expect, it } from 'vitest';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { Client, createTestApp, signUp, TEST_PASSWORD } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { linkIn, mailerWithReceiver, tokenOf } from '../../../../test/helpers/smtp.js';
import { PASSWORD_RESET_TTL_MS, RESET_EMAILS_PER_HOUR } from './email.service.js';

const { receiver, mailer, log } = await mailerWithReceiver(28010);
const ctx = await createTestApp({
  env: { PUBLIC_URL: 'https://work.example.org' },
  deps: { mailer },
});
const { app } = ctx;

const NEW_PASSWORD = 'a brand new passphrase';

async function requestReset(email: string) {
  const res = await new Client(app).post('/api/v1/auth/password-reset', { email });
  await mailer.idle();
  return res;
}

/** Asks for a reset and returns the link from the email that arrives. */
async function resetLinkFor(email: string) {
  const arriving = receiver.next(email, 'Reset your Tessera password');
  expect((await requestReset(email)).statusCode).toBe(202);
  const mail = await arriving;
  expect(mail.subject).toBe('Reset your Tessera password');
  return linkIn(mail.text, 'https://work.example.org/reset-password#token=');
}

function confirm(token: string, password = NEW_PASSWORD) {
  return new Client(app).post('/api/v1/auth/password-reset/confirm', { token, password });
}

function signIn(email: string, password: string) {
  return new Client(app).post('/api/v1/auth/login', { email, password });
}

describe(`password reset by email (${testDatabaseKind()})`, () => {
  it('emails a link to the site; it sets a new password once and ends every session and token', async () => {
    const { client, email } = await signUp(app);
    const other = await signIn(email, TEST_PASSWORD);
    expect(other.statusCode).toBe(200);
    const created = await client.post('/api/v1/me/tokens', { name: 'script', scopes: ['profile'] });
    const scripted = new Client(app);
    scripted.bearer = created.json().token;
    expect((await scripted.get('/api/v1/me')).statusCode).toBe(200);

    const link = await resetLinkFor(email);
    const mail = receiver.to(email).find((m) => m.text.includes(link))!;
    expect(mail.html).toContain(link.replace(/&/g, '&amp;'));
    expect(mail.text).toContain('works once, for 60 minutes');

    expect((await confirm(tokenOf(link))).statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    expect((await scripted.get('/api/v1/me')).statusCode).toBe(401);
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(401);
    const signedIn = await signIn(email, NEW_PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    // The link reached the address, so it counts as verified.
    expect(signedIn.json().user.emailVerified).toBe(true);

    const again = await confirm(tokenOf(link), 'yet another passphrase');
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('reset_link_invalid');
    expect((await signIn(email, NEW_PASSWORD)).statusCode).toBe(200);
    // The link is a secret: with SMTP it is never logged.
    expect(JSON.stringify(log.lines)).not.toContain(tokenOf(link));
  });

  it('answers an unknown email exactly as a known one, and sends nothing', async () => {
    const { email } = await signUp(app);
    await mailer.idle();
    const before = receiver.received.length;
    const unknown = await requestReset('nobody-here@example.com');
    const known = await requestReset(email.toUpperCase());
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.json()).toEqual(known.json());
    expect(receiver.received.length).toBe(before + 1);
    expect(receiver.to('nobody-here@example.com')).toEqual([]);
  });

  it('refuses an expired link, and a reset spends every other link it had', async () => {
    const { email } = await signUp(app);
    const expired = await resetLinkFor(email);
    ctx.clock.advance(PASSWORD_RESET_TTL_MS + 1);
    const late = await confirm(tokenOf(expired));
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('reset_link_invalid');
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(200);

    const first = await resetLinkFor(email);
    const second = await resetLinkFor(email);
    expect((await confirm(tokenOf(second))).statusCode).toBe(200);
    expect((await confirm(tokenOf(first), 'the older link passphrase')).statusCode).toBe(403);
    expect((await signIn(email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a made-up link and a weak password, naming the field, and changes nothing', async () => {
    const { email } = await signUp(app);
    const link = await resetLinkFor(email);
    const madeUp = await confirm('madeUpTokenThatWasNeverIssued');
    expect(madeUp.statusCode).toBe(403);
    const weak = await confirm(tokenOf(link), 'short');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toContainEqual(
      expect.objectContaining({ path: 'body.password' }),
    );
    const noToken = await new Client(app).post('/api/v1/auth/password-reset/confirm', {
      password: NEW_PASSWORD,
    });
    expect(noToken.statusCode).toBe(400);
    expect((await signIn(email, TEST_PASSWORD)).statusCode).toBe(200);
    // The link survived the refused attempts.
    expect((await confirm(tokenOf(link))).statusCode).toBe(200);
  });

  it(`sends at most ${RESET_EMAILS_PER_HOUR} reset emails an hour per account, answering the same`, async () => {
    const { email } = await signUp(app);
    const answers = [];
    for (let i = 0; i <= RESET_EMAILS_PER_HOUR; i++)
      answers.push((await requestReset(email)).json());
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    const resets = () =>
      receiver.to(email).filter((m) => m.subject === 'Reset your Tessera password');
    expect(resets()).toHaveLength(RESET_EMAILS_PER_HOUR);
    ctx.clock.advance(60 * 60 * 1000 + 1);
    await requestReset(email);
    expect(resets()).toHaveLength(RESET_EMAILS_PER_HOUR + 1);
  });
});

describe(`an admin-issued reset link (${testDatabaseKind()})`, () => {
  it('is shown once to the admin, works like an emailed one, and is audited', async () => {
    const admin = await signInAsAdmin(ctx);
    const { user, email, client } = await signUp(app);
    await mailer.idle();
    const before = receiver.received.length;
    const res = await admin.client.post(`/api/v1/admin/users/${user.id}/password-reset-link`);
    expect(res.statusCode).toBe(201);
    const { url, expiresAt } = res.json();
    expect(url).toMatch(/^https:\/\/work\.example\.org\/reset-password#token=[\w-]{40,}$/);
    expect(new Date(expiresAt).getTime()).toBe(ctx.clock.now().getTime() + PASSWORD_RESET_TTL_MS);
    expect(receiver.received.length).toBe(before);

    expect((await confirm(tokenOf(url))).statusCode).toBe(200);
    expect((await client.get('/api/v1/me')).statusCode).toBe(401);
    expect((await signIn(email, NEW_PASSWORD)).statusCode).toBe(200);
    expect((await confirm(tokenOf(url))).statusCode).toBe(403);

    const audit = await ctx.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('subject_user_id', '=', user.id)
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: admin.user.id,
        action: 'user.password_reset_link_issued',
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(tokenOf(url));
    // The link's token is kept only as a hash.
    const stored = await ctx.database.db.selectFrom('email_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(tokenOf(url));
  });

  it('is refused to anyone but an admin, and 404 for an unknown user', async () => {
    const admin = await signInAsAdmin(ctx);
    const { user } = await signUp(app);
    const { client: stranger } = await signUp(app);
    const refused = await stranger.post(`/api/v1/admin/users/${user.id}/password-reset-link`);
    expect(refused.statusCode).toBe(403);
    const unknown = await admin.client.post(
      '/api/v1/admin/users/00000000-0000-4000-8000-000000000000/password-reset-link',
    );
    expect(unknown.statusCode).toBe(404);
    const count = await ctx.database.db
      .selectFrom('email_tokens')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', user.id)
      .where('purpose', '=', 'password_reset')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });
});
