import { lookup as dnsLookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to every address it has (node:dns/promises `lookup` with `all: true`). */
export type HostLookup = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemLookup: HostLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Where a delivery connects: the URL's own host for Host and TLS, but this checked address. */
export type WebhookTarget = { url: URL; address: string; family: 4 | 6 };

/** Why a URL may not be a webhook target; the message is for the person who gave the URL. */
export class WebhookTargetError extends Error {}

/**
 * Only the public internet: loopback, private, link-local, unique-local, multicast, CGNAT and
 * reserved ranges are all something other than `unicast` to ipaddr.js. An IPv4 address written
 * as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 address it is.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * Checks a webhook URL and picks the address to connect to. Called when a webhook is created and
 * again before every delivery, because a name that resolved to a public address yesterday may
 * resolve to 127.0.0.1 today (DNS rebinding); the delivery then connects to the address checked
 * here, never to a second lookup's answer. With `allowPrivate` (operator setting, for local
 * testing) any address and plain http are allowed.
 */
export async function resolveWebhookTarget(
  rawUrl: string,
  options: { lookup: HostLookup; allowPrivate: boolean },
): Promise<WebhookTarget> {
  const url = new URL(rawUrl);
  const schemes = options.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw new WebhookTargetError(
      options.allowPrivate ? 'must be an http or https URL' : 'must be an https URL',
    );
  }
  if (url.username || url.password) {
    throw new WebhookTargetError('must not contain a user name or password');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }]
    : await lookupOrExplain(options.lookup, host);
  const [first] = addresses;
  if (first === undefined) throw new WebhookTargetError(`host ${host} has no address`);
  // Every address must pass: a client picks among them, so one private answer is enough to abuse.
  if (!options.allowPrivate && !addresses.every((a) => isPublicAddress(a.address))) {
    throw new WebhookTargetError(
      `host ${host} resolves to a private or reserved address, which webhooks may not reach`,
    );
  }
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

async function lookupOrExplain(lookup: HostLookup, host: string) {
  try {
    return await lookup(host);
  } catch {
    throw new WebhookTargetError(`host ${host} cannot be resolved`);
  }
}
