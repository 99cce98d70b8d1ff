import { z } from 'zod';
import { isUuid } from '../../../../shared/api/qualifications.js';
import { REVIEW_LIMITS } from '../../../../shared/api/review.js';
import type { BlocksService } from '../../review/blocks.service.js';
import { requestError } from '../mturk-errors.js';
import { operation, type MturkOperations } from '../operation.js';
import type { WorkerMessagesService } from '../worker-messages.service.js';

const workerId = z.string().min(1).max(64);

/** A WorkerId MTurk would call malformed; Tessera's are user ids. */
function requireWorkerId(id: string): string {
  if (!isUuid(id)) {
    throw requestError(`WorkerId ${id} is invalid.`, 'AWS.MechanicalTurk.InvalidParameterValue');
  }
  return id;
}

/**
 * Workers as a requester meets them: blocks (CreateWorkerBlock, DeleteWorkerBlock,
 * ListWorkerBlocks, on the same blocks as the web app's) and messages (NotifyWorkers).
 */
export function workerOperations(deps: {
  blocks: Pick<BlocksService, 'block' | 'unblock' | 'list'>;
  messages: Pick<WorkerMessagesService, 'send'>;
}): MturkOperations {
  const { blocks, messages } = deps;
  return {
    CreateWorkerBlock: operation(
      z.strictObject({
        WorkerId: workerId,
        Reason: z.string().trim().min(1, 'is required').max(REVIEW_LIMITS.reasonMax),
      }),
      async (caller, input) => {
        await blocks.block(caller.user.id, requireWorkerId(input.WorkerId), input.Reason);
        return {};
      },
    ),

    DeleteWorkerBlock: operation(
      z.strictObject({
        WorkerId: workerId,
        // MTurk keeps the reason for the requester's records; Tessera drops the block itself.
        Reason: z.string().max(REVIEW_LIMITS.reasonMax).optional(),
      }),
      async (caller, input) => {
        await blocks.unblock(caller.user.id, requireWorkerId(input.WorkerId));
        return {};
      },
    ),

    ListWorkerBlocks: operation(
      z.strictObject({
        NextToken: z.string().min(1).max(256).optional(),
        MaxResults: z.number().int().min(1).max(100).optional(),
      }),
      async (caller, input) => {
        const page = await blocks.list(caller.user.id, {
          limit: input.MaxResults ?? 10,
          cursor: input.NextToken,
        });
        return {
          NumResults: page.items.length,
          WorkerBlocks: page.items.map((block) => ({ WorkerId: block.id, Reason: block.reason })),
          ...(page.nextCursor !== null && { NextToken: page.nextCursor }),
        };
      },
    ),

    NotifyWorkers: operation(
      z.strictObject({
        Subject: z.string().trim().min(1).max(200),
        MessageText: z.string().trim().min(1).max(4_096),
        WorkerIds: z.array(workerId).min(1).max(100),
      }),
      async (caller, input) => {
        const failures = await messages.send(caller.user, {
          subject: input.Subject,
          text: input.MessageText,
          workerIds: input.WorkerIds,
        });
        return {
          NotifyWorkersFailureStatuses: failures.map((failure) => ({
            NotifyWorkersFailureCode: failure.code,
            NotifyWorkersFailureMessage: failure.message,
            WorkerId: failure.workerId,
          })),
        };
      },
    ),
  };
}
