import { fromCursor, pageFrom, type CursorRequest } from '../../db/pagination.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { BlocksRepository } from './blocks.repository.js';

/**
 * A requester's blocks. The feed and accept already leave out a blocked worker; work the worker
 * accepted before the block may still be submitted (and is reviewed as usual).
 */
export function createBlocksService(deps: { blocks: BlocksRepository; clock: Clock }) {
  const { blocks, clock } = deps;

  async function requireUser(idOrHandle: string) {
    const user = await blocks.findUser(idOrHandle);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  return {
    async block(requesterId: string, idOrHandle: string, reason: string) {
      const worker = await requireUser(idOrHandle);
      if (worker.id === requesterId) {
        throw new ValidationError('Invalid input — workerId: you cannot block yourself', [
          { path: 'params.workerId', message: 'you cannot block yourself' },
        ]);
      }
      const row = await blocks.upsert({
        requesterId,
        workerId: worker.id,
        reason,
        now: clock.now(),
      });
      return {
        id: worker.id,
        handle: worker.handle,
        display_name: worker.display_name,
        reason: row.reason,
        created_at: row.created_at,
      };
    },

    /** Lifts a block; lifting one that does not exist is not an error (the outcome is the same). */
    async unblock(requesterId: string, idOrHandle: string): Promise<void> {
      const worker = await requireUser(idOrHandle);
      await blocks.remove(requesterId, worker.id);
    },

    async list(requesterId: string, page: CursorRequest) {
      const rows = await blocks.list(requesterId, fromCursor(page));
      return pageFrom(rows, page.limit);
    },
  };
}

export type BlocksService = ReturnType<typeof createBlocksService>;
