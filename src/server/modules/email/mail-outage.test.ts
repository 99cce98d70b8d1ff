import { afterAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import {
  captureLog,
  linkIn,
  localSmtp,
  startSmtpReceiver,
  tokenOf,
} from '../../../../test/helpers/smtp.js';
import { createMailer } from './mailer.js';

const PORT = 28012;
const smtpLog = captureLog();
const smtpMailer = createMailer({
  smtp: localSmtp(PORT),
  from: 'Tessera <no-reply@tessera.test>',
  log: smtpLog,
  // One retry, at once: the outage outlasts it.
  retryDelaysMs: [0],
});
const withSmtp = await createTestApp({ deps: { mailer: smtpMailer } });

const plainLog = captureLog();
const withoutSmtp = await createTestApp({
  deps: { mailer: createMailer({ smtp: undefined, from: 'x <x@x.test>', log: plainLog }) },
});

// Two sign-ins or resets a minute per address, for the per-address limit.
const limited = await createTestApp({ deps: { authRateLimitPerMinute: 2 } });

afterAll(() => smtpMailer.close());

describe(`when the mail server is down (${testDatabaseKind()})`, () => {
  it('still signs people up and answers reset requests, and logs each email it could not send', async () => {
    const { email } = await signUp(withSmtp.app);
    const reset = await new Client(withSmtp.app).post('/api/v1/auth/password-reset', { email });
    expect(reset.statusCode).toBe(202);
    await smtpMailer.idle();
    const failures = smtpLog.lines.filter((l) => l.level === 'error');
    const failed = failures.map((l) => [l.msg, l.obj.to, l.obj.kind, l.obj.attempts]);
    expect(failed).toHaveLength(2);
    expect(failed).toEqual(
      expect.arrayContaining([
        [
          'email NOT delivered: the SMTP server failed every attempt',
          email,
          'email_verification',
          2,
        ],
        ['email NOT delivered: the SMTP server failed every attempt', email, 'password_reset', 2],
      ]),
    );
    expect(smtpLog.lines.filter((l) => l.level === 'warn')).toHaveLength(2);

    // Back up: the next email goes out.
    const receiver = await startSmtpReceiver(PORT);
    try {
      const arriving = receiver.next(email, 'Reset your Tessera password');
      await new Client(withSmtp.app).post('/api/v1/auth/password-reset', { email });
      expect((await arriving).text).toContain('/reset-password#token=');
    } finally {
      await receiver.stop();
    }
  });
});

describe(`without SMTP configured (${testDatabaseKind()})`, () => {
  it('logs the link at info, saying SMTP is not configured, and the logged link works', async () => {
    const { email } = await signUp(withoutSmtp.app);
    await new Client(withoutSmtp.app).post('/api/v1/auth/password-reset', { email });
    const line = plainLog.lines.find((l) => l.obj.to === email && l.obj.kind === 'password_reset');
    expect(line?.level).toBe('info');
    expect(line?.msg).toMatch(/^SMTP is not configured \(set SMTP_URL or SMTP_HOST\)/);
    const link = linkIn(String(line?.obj.link), 'http://localhost:3000/reset-password#token=');
    const done = await new Client(withoutSmtp.app).post('/api/v1/auth/password-reset/confirm', {
      token: tokenOf(link),
      password: 'reset from the log',
    });
    expect(done.statusCode).toBe(200);
    const { client } = await signUp(withoutSmtp.app);
    const resend = await client.post('/api/v1/me/email-verification');
    expect(resend.json()).toEqual({ alreadyVerified: false, delivery: 'log' });
  });
});

describe(`reset requests per address (${testDatabaseKind()})`, () => {
  it('are rate limited like sign-in, whatever email they name', async () => {
    const ask = (email: string) =>
      new Client(limited.app).post('/api/v1/auth/password-reset', { email });
    expect((await ask('a@example.com')).statusCode).toBe(202);
    expect((await ask('b@example.com')).statusCode).toBe(202);
    const third = await ask('c@example.com');
    expect(third.statusCode).toBe(429);
    expect(third.headers['retry-after']).toBeDefined();
  });
});
