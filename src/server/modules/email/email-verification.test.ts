import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { linkIn, mailerWithReceiver, tokenOf } from '../../../../test/helpers/smtp.js';
import { EMAIL_VERIFICATION_TTL_MS, VERIFICATION_EMAILS_PER_HOUR } from './email.service.js';

const CONFIRM_SUBJECT = 'Confirm your email address for Tessera';
const { receiver, mailer } = await mailerWithReceiver(28011);
const ctx = await createTestApp({ deps: { mailer } });
// The same, with REQUIRE_EMAIL_VERIFICATION on.
const strict = await createTestApp({
  env: { REQUIRE_EMAIL_VERIFICATION: 'true' },
  deps: { mailer },
});

/** Signs up and returns the verification link from the email that arrives. */
async function signUpWithLink(app = ctx.app) {
  const member = await signUp(app);
  await mailer.idle();
  const mail = receiver.to(member.email).find((m) => m.subject === CONFIRM_SUBJECT);
  if (!mail) throw new Error('no verification email');
  return { ...member, link: linkIn(mail.text, 'http://localhost:3000/verify-email#token=') };
}

const verify = (app: typeof ctx.app, token: string) =>
  new Client(app).post('/api/v1/auth/email-verification/confirm', { token });

const me = async (client: Client) => (await client.get('/api/v1/me')).json();

describe(`email verification (${testDatabaseKind()})`, () => {
  it('sends a link on sign-up; it verifies the address once', async () => {
    const { client, link } = await signUpWithLink();
    expect((await me(client)).emailVerified).toBe(false);
    expect((await verify(ctx.app, tokenOf(link))).statusCode).toBe(200);
    expect((await me(client)).emailVerified).toBe(true);
    const again = await verify(ctx.app, tokenOf(link));
    expect(again.statusCode).toBe(403);
    expect(again.json().error.code).toBe('verification_link_invalid');
  });

  it('resends on request, a few times an hour, and not once verified', async () => {
    const { client, email, link } = await signUpWithLink();
    const arriving = receiver.next(email, CONFIRM_SUBJECT);
    const resent = await client.post('/api/v1/me/email-verification');
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toEqual({ alreadyVerified: false, delivery: 'smtp' });
    const fresh = linkIn((await arriving).text, 'http://localhost:3000/verify-email#token=');
    expect(fresh).not.toBe(link);
    // Sign-up's and this one count: the limit is reached after a few more.
    for (let i = 2; i < VERIFICATION_EMAILS_PER_HOUR; i++) {
      expect((await client.post('/api/v1/me/email-verification')).statusCode).toBe(202);
    }
    const limited = await client.post('/api/v1/me/email-verification');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('too_many_emails');
    // Either link works (the older one too, until it expires).
    expect((await verify(ctx.app, tokenOf(link))).statusCode).toBe(200);
    await mailer.idle();
    const sent = receiver.to(email).length;
    const after = await client.post('/api/v1/me/email-verification');
    expect(after.json()).toEqual({ alreadyVerified: true, delivery: 'smtp' });
    await mailer.idle();
    expect(receiver.to(email)).toHaveLength(sent);
  });

  it('refuses an expired link and a made-up one, and asks a signed-out caller to sign in to resend', async () => {
    const { client, link } = await signUpWithLink();
    ctx.clock.advance(EMAIL_VERIFICATION_TTL_MS + 1);
    expect((await verify(ctx.app, tokenOf(link))).statusCode).toBe(403);
    expect((await verify(ctx.app, 'neverIssuedToken')).statusCode).toBe(403);
    expect((await verify(ctx.app, 'not a token!')).statusCode).toBe(400);
    expect((await me(client)).emailVerified).toBe(false);
    expect((await new Client(ctx.app).post('/api/v1/me/email-verification')).statusCode).toBe(401);
  });

  it('lets an unverified account work right away while verification is not required', async () => {
    const { client } = await signUp(ctx.app, { roles: ['requester'] });
    const deposit = await client.post('/api/v1/me/deposits', { amountCents: 1000 });
    expect(deposit.statusCode).toBe(201);
  });
});

describe(`with REQUIRE_EMAIL_VERIFICATION (${testDatabaseKind()})`, () => {
  it('lets an unverified account read and edit its profile, but change nothing else until verified', async () => {
    const { client, link } = await signUpWithLink(strict.app);
    expect((await client.get('/api/v1/me')).statusCode).toBe(200);
    expect((await client.patch('/api/v1/me', { bio: 'Hello' })).statusCode).toBe(200);
    const refused = await client.post('/api/v1/me/roles', { role: 'requester' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('email_unverified');
    expect((await me(client)).roles).toEqual(['worker']);
    expect((await client.post('/api/v1/me/email-verification')).statusCode).toBe(202);

    expect((await verify(strict.app, tokenOf(link))).statusCode).toBe(200);
    const allowed = await client.post('/api/v1/me/roles', { role: 'requester' });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().roles).toEqual(['requester', 'worker']);
  });
});
