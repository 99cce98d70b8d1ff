import type { UserRow } from '../../db/types.js';
import { ForbiddenError, NotFoundError, TooManyRequestsError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { newSecret, sha256 } from '../../lib/secrets.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { AuditService } from '../audit/audit.service.js';
import type { EmailRepository } from './email.repository.js';
import type { Mailer } from './mailer.js';
import { passwordResetEmail, requesterMessageEmail, verificationEmail } from './messages.js';

/** A reset link works once, for an hour: long enough to find the email, short if it leaks. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const EMAIL_VERIFICATION_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** At most this many reset emails per account per hour, whoever asks (the per-email limit). */
export const RESET_EMAILS_PER_HOUR = 3;
/** At most this many verification emails per account per hour (sign-up counts as one). */
export const VERIFICATION_EMAILS_PER_HOUR = 5;
const HOUR_MS = 60 * 60 * 1000;

type Log = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

export function createEmailService(deps: {
  emails: EmailRepository;
  accounts: Pick<
    AccountsService,
    'findUserByEmail' | 'findUser' | 'replacePasswordEverywhere' | 'credentialsChanged'
  >;
  audit: Pick<AuditService, 'record'>;
  mailer: Mailer;
  clock: Clock;
  publicUrl: string;
  log: Log;
}) {
  const { emails, accounts, mailer, clock, log } = deps;
  const site = deps.publicUrl.replace(/\/+$/, '');
  // The token travels in the fragment: browsers never send it to a server (nor to nginx's
  // access log), and the page posts it to the API itself.
  const resetLink = (token: string) => `${site}/reset-password#token=${token}`;
  const verifyLink = (token: string) => `${site}/verify-email#token=${token}`;

  function issueResetToken(user: UserRow, issuedBy?: string) {
    const token = newSecret();
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
    return {
      token,
      expiresAt,
      row: {
        tokenHash: sha256(token),
        userId: user.id,
        purpose: 'password_reset' as const,
        email: user.email,
        createdAt: now,
        expiresAt,
        issuedBy,
      },
    };
  }

  async function sendVerification(user: UserRow) {
    const token = newSecret();
    const now = clock.now();
    await emails.insertToken({
      tokenHash: sha256(token),
      userId: user.id,
      purpose: 'email_verification',
      email: user.email,
      createdAt: now,
      expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_TTL_MS),
    });
    mailer.send(
      verificationEmail({
        to: user.email,
        displayName: user.display_name,
        link: verifyLink(token),
        validHours: EMAIL_VERIFICATION_TTL_MS / HOUR_MS,
        publicUrl: site,
      }),
    );
  }

  return {
    delivery: mailer.delivery,

    /**
     * Always returns the same nothing, whether or not the email has an account, so the answer
     * tells a caller nothing. The email itself goes out in the background (same timing either
     * way, near enough: one lookup, and for a known account a count and an insert).
     */
    async requestPasswordReset(email: string): Promise<void> {
      const user = await accounts.findUserByEmail(email.trim());
      if (!user) return;
      const recent = await emails.countSince(
        user.id,
        'password_reset',
        new Date(clock.now().getTime() - HOUR_MS),
      );
      if (recent >= RESET_EMAILS_PER_HOUR) {
        log.info(
          { userId: user.id },
          'password reset email not sent: hourly limit for this account',
        );
        return;
      }
      const { token, row } = issueResetToken(user);
      await emails.insertToken(row);
      mailer.send(
        passwordResetEmail({
          to: user.email,
          displayName: user.display_name,
          link: resetLink(token),
          validMinutes: PASSWORD_RESET_TTL_MS / 60_000,
          publicUrl: site,
        }),
      );
    },

    /**
     * Sets the new password with a live reset link, once. Every other reset link, every
     * session, access token and connected app of the account ends with it. The link came to the
     * account's address, so the address counts as verified too.
     */
    async resetPassword(input: { token: string; password: string }): Promise<void> {
      const now = clock.now();
      const used = await emails.transaction(async (trx) => {
        const found = await emails.useToken(sha256(input.token), 'password_reset', now, trx);
        if (found) await emails.spendAll(found.user_id, 'password_reset', now, trx);
        return found;
      });
      const user = used && (await accounts.findUser(used.user_id));
      if (!used || !user || user.email.toLowerCase() !== used.email.toLowerCase()) {
        throw new ForbiddenError(
          'This reset link does not work: it was used already, has expired or is mistyped. Ask for a new one.',
          'reset_link_invalid',
        );
      }
      await accounts.replacePasswordEverywhere(user.id, input.password);
      await emails.markVerified(user.id, used.email, now);
      log.info({ userId: user.id }, 'password reset with an emailed link');
    },

    /** Sends a verification link after sign-up; a failure is logged, never the sign-up's. */
    async sendVerificationAfterSignup(user: UserRow): Promise<void> {
      try {
        await sendVerification(user);
      } catch (err) {
        log.error({ err, userId: user.id }, 'could not send the verification email');
      }
    },

    async resendVerification(userId: string): Promise<{ alreadyVerified: boolean }> {
      const user = await accounts.findUser(userId);
      if (!user) throw new NotFoundError('User');
      if (user.email_verified_at) return { alreadyVerified: true };
      const recent = await emails.countSince(
        user.id,
        'email_verification',
        new Date(clock.now().getTime() - HOUR_MS),
      );
      if (recent >= VERIFICATION_EMAILS_PER_HOUR) {
        throw new TooManyRequestsError(
          'too_many_emails',
          'We sent several verification emails in the last hour. Check your inbox and spam folder, or try again later.',
          60 * 60,
        );
      }
      await sendVerification(user);
      return { alreadyVerified: false };
    },

    async verifyEmail(token: string): Promise<void> {
      const now = clock.now();
      const used = await emails.useToken(sha256(token), 'email_verification', now);
      const user = used && (await emails.markVerified(used.user_id, used.email, now));
      if (!user) {
        throw new ForbiddenError(
          'This verification link does not work: it was used already, has expired or is mistyped. Send a new one from the app.',
          'verification_link_invalid',
        );
      }
      // What the account's tokens may do changed (REQUIRE_EMAIL_VERIFICATION).
      await deps.accounts.credentialsChanged(user.id);
    },

    /**
     * For a user whose email cannot reach them (or a server without SMTP): the admin gets the
     * link to hand over. Recorded in the audit trail; the link itself is never stored or logged.
     */
    async issueResetLinkByAdmin(actorId: string, userId: string) {
      const user = await accounts.findUser(userId);
      if (!user) throw new NotFoundError('User');
      const { token, expiresAt, row } = issueResetToken(user, actorId);
      await emails.transaction(async (trx) => {
        await emails.insertToken(row, trx);
        await deps.audit.record(
          {
            actorId,
            action: 'user.password_reset_link_issued',
            subjectUserId: user.id,
            details: { expiresAt: expiresAt.toISOString() },
            at: clock.now(),
          },
          trx,
        );
      });
      log.info({ actorId, userId: user.id }, 'an admin issued a password reset link');
      return { url: resetLink(token), expiresAt };
    },

    /** Emails a requester's message to a worker (queued: the caller never waits on SMTP). */
    sendRequesterMessage(message: {
      to: string;
      displayName: string;
      requesterName: string;
      subject: string;
      text: string;
    }): void {
      mailer.send(requesterMessageEmail({ ...message, publicUrl: site }));
    },
  };
}

export type EmailService = ReturnType<typeof createEmailService>;
