import { z } from 'zod';
import type { HitChangesService } from '../hit-changes.service.js';
import type { HitMovesService } from '../hit-moves.service.js';
import { operation, type MturkOperations } from '../operation.js';

const hitId = z.string().min(1).max(64);

/**
 * Changes to existing HITs: UpdateExpirationForHIT, DeleteHIT, CreateAdditionalAssignmentsForHIT
 * and UpdateHITTypeOfHIT, each answered with MTurk's empty body.
 */
export function hitChangeOperations(deps: {
  changes: HitChangesService;
  moves: Pick<HitMovesService, 'changeHitType'>;
}): MturkOperations {
  const { changes, moves } = deps;
  return {
    UpdateHITTypeOfHIT: operation(
      z.strictObject({ HITId: hitId, HITTypeId: z.string().min(1).max(64) }),
      async (caller, input) => {
        await moves.changeHitType(caller.user.id, input.HITId, input.HITTypeId);
        return {};
      },
    ),

    UpdateExpirationForHIT: operation(
      // The SDKs send a timestamp as epoch seconds, with a fraction when it has one.
      z.strictObject({ HITId: hitId, ExpireAt: z.number().finite().min(0) }),
      async (caller, input) => {
        await changes.updateExpiration(
          caller.user.id,
          input.HITId,
          new Date(Math.floor(input.ExpireAt * 1000)),
        );
        return {};
      },
    ),

    DeleteHIT: operation(z.strictObject({ HITId: hitId }), async (caller, input) => {
      await changes.dispose(caller.user.id, input.HITId);
      return {};
    }),

    CreateAdditionalAssignmentsForHIT: operation(
      z.strictObject({
        HITId: hitId,
        NumberOfAdditionalAssignments: z.number().int().min(1).max(1_000_000),
        UniqueRequestToken: z.string().min(1).max(64).optional(),
      }),
      async (caller, input) => {
        await changes.addAssignments(
          caller.user.id,
          input.HITId,
          input.NumberOfAdditionalAssignments,
          input.UniqueRequestToken,
        );
        return {};
      },
    ),
  };
}
