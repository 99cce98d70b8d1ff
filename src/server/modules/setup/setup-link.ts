import type { AddressInfo } from 'node:net';
import type { DataDirLock } from '../../db/data-dir-lock.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import { createSetupRepository } from './setup.repository.js';
import { createSetupLinks } from './setup.service.js';

/** At start: a one-time token for the first admin while there is none, else nothing. */
export function issueSetupToken(db: Db, clock: Clock): Promise<string | undefined> {
  return createSetupLinks({ setup: createSetupRepository(db), clock }).issueToken();
}

/** How a command on this machine reaches the server: its own address, never PUBLIC_URL. */
export function localApiUrl(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const host =
    address.family === 'IPv6'
      ? `[${wildcard ? '::1' : address.address}]`
      : wildcard
        ? '127.0.0.1'
        : address.address;
  return `http://${host}:${address.port}`;
}

export function setupBanner(publicUrl: string, token: string): string {
  return [
    '',
    '  No administrator yet. Create the first one (this link works once, for 24 hours):',
    `    ${publicUrl.replace(/\/+$/, '')}/setup/${token}`,
    '  or, while this server runs:',
    "    npm run tessera -- create-admin --email you@example.com --password 'a long passphrase'",
    '',
  ].join('\n');
}

/**
 * Prints the setup link and, with the embedded database, leaves it in the data folder's lock
 * file (readable only by its owner), where `tessera create-admin` finds it: that command cannot
 * open the database this server holds, so it asks the server instead.
 */
export function announceSetupLink(options: {
  publicUrl: string;
  token: string;
  address: AddressInfo;
  lock: DataDirLock | undefined;
}) {
  options.lock?.publish({ api: localApiUrl(options.address), token: options.token });
  console.log(setupBanner(options.publicUrl, options.token));
}
