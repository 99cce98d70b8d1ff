import { existsSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import { MAILBOX_FILE } from './env.js';
import type { MailboxEntry } from './mail-receiver.js';

/** Every message the e2e server has sent so far (see start-server.ts). */
export function mailbox(): MailboxEntry[] {
  if (!existsSync(MAILBOX_FILE)) return [];
  return readFileSync(MAILBOX_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as MailboxEntry);
}

/** Waits for a message to `to` whose subject is `subject`, and returns the newest such. */
export async function waitForMail(to: string, subject: string): Promise<MailboxEntry> {
  const matching = () =>
    mailbox().filter((m) => m.to.includes(to.toLowerCase()) && m.subject === subject);
  await expect
    .poll(() => matching().length, { message: `an email "${subject}" to ${to}` })
    .toBeGreaterThan(0);
  return matching().at(-1)!;
}

/** The first address in a message's text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const found = text.split(/\s+/).find((word) => word.startsWith(prefix));
  if (!found) throw new Error(`no link starting ${prefix} in:\n${text}`);
  return found;
}
