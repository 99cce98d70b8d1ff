/**
 * The end-to-end server's mail server: a real SMTP receiver (smtp-server) that appends each
 * message it gets, parsed (mailparser), as one JSON line to a mailbox file the specs read.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type MailboxEntry = { to: string[]; subject: string; text: string; html: string };

export function startMailReceiver(port: number, mailboxFile: string): Promise<SMTPServer> {
  writeFileSync(mailboxFile, '');
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap(
            (a) => a.value.map((v) => (v.address ?? '').toLowerCase()),
          );
          const entry: MailboxEntry = {
            to,
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
          };
          appendFileSync(mailboxFile, `${JSON.stringify(entry)}\n`);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
