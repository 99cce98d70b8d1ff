import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { linkIn, mailerWithReceiver, tokenOf } from '../../../../test/helpers/smtp.js';
import { createServices } from '../../app.js';

const { receiver, mailer } = await mailerWithReceiver(28013);
const ctx = await createTestApp({
  env: { PUBLIC_URL: 'https://work.example.org' },
  deps: { mailer },
});

/** Two server instances over the one database, each with its own services and sweeps. */
const instance = () =>
  createServices({ db: ctx.database.db, clock: ctx.clock, config: ctx.config, mailer });
const [first, second] = [instance(), instance()];
const DAY_MS = 24 * 60 * 60 * 1000;
const digestsTo = (email: string) =>
  receiver.to(email).filter((m) => m.subject.startsWith('Tessera: '));

async function notify(userId: string, title: string) {
  await first.notifications.notify(ctx.database.db, {
    userId,
    kind: 'bonus_received',
    title,
    body: `About ${title}`,
    link: '/earnings',
  });
}

/** A member with a verified address who chose the digest (or not). */
async function member(options: { digest: boolean; verified?: boolean }) {
  const { client, user, email } = await signUp(ctx.app);
  await mailer.idle();
  if (options.verified ?? true) {
    const mail = receiver.to(email).find((m) => m.subject.startsWith('Confirm'))!;
    const link = linkIn(mail.text, 'https://work.example.org/verify-email#token=');
    await first.email.verifyEmail(tokenOf(link));
  }
  const patched = await client.patch('/api/v1/me', { emailDigest: options.digest });
  expect(patched.json().emailDigest).toBe(options.digest);
  return { client: client, user, email };
}

async function sweepBothAtOnce() {
  const claimed = await Promise.all([first.digest.sweep(), second.digest.sweep()]);
  await mailer.idle();
  return claimed[0] + claimed[1];
}

describe(`the daily digest (${testDatabaseKind()})`, () => {
  it('is sent once a day by one of two instances sweeping at once, listing what is unread', async () => {
    const reader = await member({ digest: true });
    await notify(reader.user.id, 'Bonus from Acme <Labs>');
    await notify(reader.user.id, 'Second bonus');
    expect(await sweepBothAtOnce()).toBe(1);
    const [digest] = digestsTo(reader.email);
    expect(digestsTo(reader.email)).toHaveLength(1);
    expect(digest!.subject).toBe('Tessera: 2 new notifications');
    expect(digest!.text).toContain('- Bonus from Acme <Labs>');
    expect(digest!.text).toContain('https://work.example.org/earnings');
    expect(digest!.text).toContain('https://work.example.org/settings#email');
    expect(digest!.html).toContain('Bonus from Acme &lt;Labs&gt;');

    // Later the same day: something new, but today's digest went out already.
    ctx.clock.advance(60_000);
    await notify(reader.user.id, 'Third bonus');
    expect(await sweepBothAtOnce()).toBe(0);
    expect(digestsTo(reader.email)).toHaveLength(1);

    // The next day, only what came since the last digest.
    ctx.clock.advance(DAY_MS);
    expect(await sweepBothAtOnce()).toBe(1);
    const next = digestsTo(reader.email)[1]!;
    expect(next.subject).toBe('Tessera: 1 new notification');
    expect(next.text).toContain('Third bonus');
    expect(next.text).not.toContain('Second bonus');
  });

  it('sends nothing when there is nothing new, nor to those who did not ask or did not verify', async () => {
    const quiet = await member({ digest: true });
    const notAsked = await member({ digest: false });
    const unverified = await member({ digest: true, verified: false });
    const readIt = await member({ digest: true });
    await notify(notAsked.user.id, 'Not asked');
    await notify(unverified.user.id, 'Unverified');
    await notify(readIt.user.id, 'Already read');
    await readIt.client.post('/api/v1/me/notifications/read', { ids: 'all' });
    ctx.clock.advance(DAY_MS);
    expect(await sweepBothAtOnce()).toBe(0);
    for (const who of [quiet, notAsked, unverified, readIt]) {
      expect(digestsTo(who.email)).toEqual([]);
    }
  });
});
