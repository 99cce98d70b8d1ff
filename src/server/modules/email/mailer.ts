import nodemailer from 'nodemailer';
import type { SmtpSettings } from '../../config.js';

/** One message: plain text for every client, simple HTML for those that show it. */
export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What it is (`password_reset`, …), for the logs. */
  kind: string;
  /**
   * The one link that matters in it. Without SMTP it is logged in place of the email, so a
   * laptop install can still reset a password; with SMTP it is never logged (it is a secret).
   */
  link?: string | undefined;
};

type Log = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};

export type Mailer = {
  /** `smtp` sends; `log` writes the link to the log because no SMTP server is configured. */
  readonly delivery: 'smtp' | 'log';
  /**
   * Queues the email and returns at once: a slow or absent mail server never delays or fails
   * the request that caused it. Failures are retried, then logged.
   */
  send(email: OutgoingEmail): void;
  /** Resolves when nothing is queued or being retried (tests, graceful shutdown). */
  idle(): Promise<void>;
  /** Drops retries not yet started, waits for sends in flight and closes connections. */
  close(): Promise<void>;
};

/** Waits between attempts: three tries over about half a minute, then the failure is logged. */
export const DEFAULT_RETRY_DELAYS_MS = [2_000, 20_000];

export function createMailer(options: {
  smtp: SmtpSettings | undefined;
  from: string;
  log: Log;
  retryDelaysMs?: readonly number[];
}): Mailer {
  return options.smtp
    ? createSmtpMailer({ ...options, smtp: options.smtp })
    : createLogMailer(options.log);
}

function createLogMailer(log: Log): Mailer {
  return {
    delivery: 'log',
    send(email) {
      log.info(
        { to: email.to, kind: email.kind, subject: email.subject, link: email.link },
        'SMTP is not configured (set SMTP_URL or SMTP_HOST), so this email was not sent; its link is logged instead',
      );
    },
    idle: async () => {},
    close: async () => {},
  };
}

function createSmtpMailer(options: {
  smtp: SmtpSettings;
  from: string;
  log: Log;
  retryDelaysMs?: readonly number[];
}): Mailer {
  const { smtp, log } = options;
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    // nodemailer waits minutes by default; a mail server that does not answer is a failure.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const pending = new Set<Promise<void>>();
  /** Sleeping retries: closing wakes each with `false` so it gives up at once. */
  const sleepers = new Map<NodeJS.Timeout, (goOn: boolean) => void>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (closed) return resolve(false);
      const timer = setTimeout(() => {
        sleepers.delete(timer);
        resolve(true);
      }, ms);
      timer.unref();
      sleepers.set(timer, resolve);
    });

  async function deliver(email: OutgoingEmail) {
    const about = { to: email.to, kind: email.kind, smtpHost: smtp.host, smtpPort: smtp.port };
    for (let attempt = 0; ; attempt++) {
      try {
        await transport.sendMail({
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
        });
        log.info(about, 'email sent');
        return;
      } catch (err) {
        const delay = retryDelaysMs[attempt];
        if (delay === undefined || closed) {
          log.error(
            { ...about, attempts: attempt + 1, err },
            'email NOT delivered: the SMTP server failed every attempt',
          );
          return;
        }
        log.warn(
          { ...about, attempt: attempt + 1, retryInMs: delay, err },
          'email failed; will retry',
        );
        if (!(await wait(delay))) {
          log.error({ ...about, attempts: attempt + 1 }, 'email NOT delivered: server stopping');
          return;
        }
      }
    }
  }

  return {
    delivery: 'smtp',
    send(email) {
      if (closed) {
        log.error({ to: email.to, kind: email.kind }, 'email NOT delivered: server stopping');
        return;
      }
      const run = deliver(email).finally(() => pending.delete(run));
      pending.add(run);
    },
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    async close() {
      closed = true;
      for (const [timer, wake] of sleepers) {
        clearTimeout(timer);
        wake(false);
      }
      sleepers.clear();
      await this.idle();
      transport.close();
    },
  };
}
