import { randomUUID } from 'node:crypto';
import { TooManyRequestsError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { UploadSlotsRepository } from './upload-slots.repository.js';

/** How long a slot stays taken without renewal: what a crashed server's upload keeps it for. */
const LEASE_MS = 60_000;
const RENEW_EVERY_MS = 20_000;
/** A typical large import takes tens of seconds; asking again sooner would mostly be refused. */
const RETRY_AFTER_SECONDS = 10;

/**
 * At most `perRequester` uploads of one requester run at once, counted in the database so that
 * the limit holds over every server instance. Each running upload leases a slot row and renews
 * the lease while it works; the row is deleted when it ends, and a lease left by a server that
 * died runs out by itself.
 */
export function createUploadSlots(deps: {
  slots: UploadSlotsRepository;
  clock: Clock;
  perRequester: number;
}) {
  const { slots, clock, perRequester } = deps;
  const leaseFromNow = () => new Date(clock.now().getTime() + LEASE_MS);

  return {
    /** Runs `work` in one of the requester's slots, or refuses with 429 when all are in use. */
    async hold<T>(requesterId: string, work: () => Promise<T>): Promise<T> {
      const holder = randomUUID();
      const slot = await slots.claim(requesterId, holder, perRequester, {
        now: clock.now(),
        expiresAt: leaseFromNow(),
      });
      if (slot === undefined) {
        throw new TooManyRequestsError(
          'too_many_uploads',
          `You already have ${perRequester} uploads running, the most at once. Try again in ${RETRY_AFTER_SECONDS} seconds.`,
          RETRY_AFTER_SECONDS,
          { limitConcurrentUploads: perRequester },
        );
      }
      // A renewal that fails (the database is away) only lets the lease run out sooner.
      const renewal = setInterval(() => {
        slots.renew(requesterId, holder, leaseFromNow()).catch(() => {});
      }, RENEW_EVERY_MS);
      renewal.unref();
      try {
        return await work();
      } finally {
        clearInterval(renewal);
        // Failing to free the slot (the database is away) leaves it to its lease.
        await slots.release(requesterId, holder).catch(() => {});
      }
    },
  };
}

export type UploadSlots = ReturnType<typeof createUploadSlots>;
