import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { TokenCache } from './token-cache.js';
import { memberOf, stringMember } from '../../../shared/narrow.js';

export const CREDENTIALS_CHANNEL = 'tessera:credentials:v1';
/** A cluster worker's message to the primary, which passes it to every other worker. */
export const CREDENTIALS_MESSAGE = 'tessera:credentials-changed';

/** A publish Redis has not answered by then fails: the change still committed. */
const PUBLISH_TIMEOUT_MS = 2_000;

type Log = { warn(obj: object, msg: string): void; info(msg: string): void };

export type CredentialChanges = {
  /**
   * After a change to what an account's tokens may do has committed: this instance forgets the
   * account's cached tokens at once, and every other instance is told to (through Redis, before
   * this resolves, so the caller's next request finds them forgotten; or through the cluster's
   * primary). Never throws.
   */
  announce(userId: string): Promise<void>;
  close(): Promise<void>;
};

export function isCredentialsMessage(
  message: unknown,
): message is { type: typeof CREDENTIALS_MESSAGE; userId: string } {
  return (
    memberOf(message, 'type') === CREDENTIALS_MESSAGE &&
    stringMember(message, 'userId') !== undefined
  );
}

/**
 * How an instance hears of other instances' credential changes: Redis pub/sub when REDIS_URL is
 * set, the cluster primary's relay when it is a worker of `tessera serve --workers N`, nothing
 * when it is alone. While the Redis subscription is down the cache is paused (every request
 * reads its token from the database), as this instance would not hear a revocation elsewhere.
 */
export function createCredentialChanges(options: {
  cache: TokenCache;
  redisUrl: string | undefined;
  log: Log;
}): CredentialChanges {
  const { cache, log } = options;
  if (options.redisUrl) return overRedis(cache, options.redisUrl, log);
  if (cluster.isWorker) return overClusterPrimary(cache);
  return {
    async announce(userId) {
      cache.forgetUser(userId);
    },
    async close() {},
  };
}

function overClusterPrimary(cache: TokenCache): CredentialChanges {
  const onMessage = (message: unknown) => {
    if (isCredentialsMessage(message)) cache.forgetUser(message.userId);
  };
  process.on('message', onMessage);
  return {
    async announce(userId) {
      cache.forgetUser(userId);
      process.send?.({ type: CREDENTIALS_MESSAGE, userId });
    },
    async close() {
      process.off('message', onMessage);
    },
  };
}

function overRedis(cache: TokenCache, url: string, log: Log): CredentialChanges {
  const origin = randomUUID();
  const publisher = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: PUBLISH_TIMEOUT_MS,
  });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, autoResubscribe: false });
  let outage = false;
  cache.pause();
  const lost = (error?: unknown) => {
    cache.pause();
    if (!outage) log.warn({ err: error }, 'Redis is unreachable: bearer tokens are not cached');
    outage = true;
  };
  publisher.on('error', () => {});
  subscriber.on('error', lost);
  subscriber.on('close', () => lost());
  subscriber.on('ready', () => {
    subscriber.subscribe(CREDENTIALS_CHANNEL).then(
      () => {
        if (outage) log.info('Redis is back: bearer tokens are cached again');
        outage = false;
        cache.resume();
      },
      (error: unknown) => lost(error),
    );
  });
  subscriber.on('message', (channel: string, raw: string) => {
    if (channel !== CREDENTIALS_CHANNEL) return;
    try {
      const message: unknown = JSON.parse(raw);
      const userId = stringMember(message, 'userId');
      if (memberOf(message, 'origin') !== origin && userId !== undefined) cache.forgetUser(userId);
    } catch {
      // Not ours: another version or something else on the channel.
    }
  });
  return {
    async announce(userId) {
      cache.forgetUser(userId);
      await publisher
        .publish(CREDENTIALS_CHANNEL, JSON.stringify({ origin, userId }))
        .catch((error: unknown) => {
          log.warn(
            { err: error, userId },
            'could not tell other instances of a credential change; their cached tokens expire within seconds',
          );
        });
    },
    async close() {
      publisher.disconnect();
      subscriber.disconnect();
    },
  };
}
