import type { Clock } from '../../lib/clock.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { EmailRepository } from './email.repository.js';
import type { Mailer } from './mailer.js';
import { digestEmail } from './messages.js';

/** Users claimed per run; the sweep runner runs again at once while a run finds some. */
const DIGESTS_PER_RUN = 50;
/** Notifications listed in one digest; the rest are counted. */
export const DIGEST_ITEMS_MAX = 20;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar day of a moment, as `YYYY-MM-DD`: each user gets at most one digest a day. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The daily digest: once per UTC day, each user who asked for it and whose address is verified
 * gets one email listing their unread notifications since their last digest (a first digest
 * looks a day back). Nothing new, no email. Every instance may sweep at once: the day's row per user is
 * claimed by exactly one (see claimDueDigests).
 */
export function createDigestService(deps: {
  emails: EmailRepository;
  accounts: Pick<AccountsService, 'findUser'>;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
}) {
  const { emails, mailer, clock } = deps;
  return {
    /** Sends the digests that are due; returns how many were claimed. */
    async sweep(): Promise<number> {
      // Without a mail server a digest is noise in the log: nobody reads it there.
      if (mailer.delivery !== 'smtp') return 0;
      const now = clock.now();
      const day = utcDay(now);
      const claimed = await emails.claimDueDigests({
        day,
        now,
        dayAgo: new Date(now.getTime() - DAY_MS),
        limit: DIGESTS_PER_RUN,
      });
      for (const { userId, since } of claimed) {
        const user = await deps.accounts.findUser(userId);
        if (!user) continue;
        const { items, total } = await emails.unreadSince(userId, since, now, DIGEST_ITEMS_MAX);
        await emails.recordDigestCount(userId, day, total);
        if (total === 0) continue;
        mailer.send(
          digestEmail({
            to: user.email,
            displayName: user.display_name,
            items: items.map((n) => ({
              title: n.title,
              body: n.body,
              link: n.link,
              createdAt: n.created_at,
            })),
            total,
            publicUrl: deps.publicUrl,
          }),
        );
      }
      return claimed.length;
    },
  };
}

export type DigestService = ReturnType<typeof createDigestService>;
