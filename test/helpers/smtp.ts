import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll } from 'vitest';
import { createMailer } from '../../src/server/modules/email/mailer.js';

export type ReceivedEmail = { to: string[]; subject: string; text: string; html: string };

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, parsed: the peer the mailer talks
 * to in tests. `next(to)` waits for the next message to an address (no sleeping, no timeouts:
 * it resolves when the message arrives).
 */
export async function startSmtpReceiver(port: number) {
  const received: ReceivedEmail[] = [];
  const waiters: {
    to: string;
    subject: string | undefined;
    resolve: (email: ReceivedEmail) => void;
  }[] = [];

  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate to make, and nodemailer then sends without TLS.
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Stopping (a mail server going down) cuts connections still open after a moment.
    closeTimeout: 500,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed: ParsedMail) => {
          const toField = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
          const email: ReceivedEmail = {
            to: toField.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase())),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          };
          received.push(email);
          for (const waiter of [...waiters]) {
            if (
              email.to.includes(waiter.to) &&
              (waiter.subject ?? email.subject) === email.subject
            ) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(email);
            }
          }
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  let listening = true;

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Messages to `to`, in order of arrival. */
    to(to: string) {
      return received.filter((m) => m.to.includes(to.toLowerCase()));
    },
    /** The next message to arrive for `to` (with `subject`, if given): ask before sending it. */
    next(to: string, subject?: string): Promise<ReceivedEmail> {
      return new Promise((resolve) => waiters.push({ to: to.toLowerCase(), subject, resolve }));
    },
    /** Stops accepting connections (a mail server that is down). */
    async stop() {
      if (!listening) return;
      listening = false;
      await new Promise<void>((resolve) => server.close(resolve));
    },
  };
}

/** The first link in a text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const found = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no link starting ${prefix} in:\n${text}`);
  return found;
}

/** The token of a Tessera link whose fragment is `#token=…`. */
export function tokenOf(link: string): string {
  const token = new URL(link).hash.replace(/^#token=/, '');
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

export type LogLine = {
  level: 'info' | 'warn' | 'error';
  msg: string;
  obj: Record<string, unknown>;
};

/** A logger that keeps its lines, for asserting what an operator would read. */
export function captureLog() {
  const lines: LogLine[] = [];
  const at =
    (level: LogLine['level']) =>
    (obj: object, msg: string): void => {
      lines.push({ level, msg, obj: obj as Record<string, unknown> });
    };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** SMTP settings for a receiver on this machine (plain SMTP, no credentials). */
export function localSmtp(port: number) {
  return { host: '127.0.0.1', port, secure: false, user: undefined, password: undefined };
}

/**
 * A receiver on `port` and the mailer that sends to it, each message tried once (a test waits
 * for what arrives, not for retries); both are closed after the file's tests. `log` keeps what
 * the mailer logged.
 */
export async function mailerWithReceiver(port: number) {
  const receiver = await startSmtpReceiver(port);
  const log = captureLog();
  const mailer = createMailer({
    smtp: localSmtp(receiver.port),
    from: 'Tessera <no-reply@tessera.test>',
    log,
    retryDelaysMs: [],
  });
  afterAll(async () => {
    await mailer.close();
    await receiver.stop();
  });
  return { receiver, mailer, log };
}
