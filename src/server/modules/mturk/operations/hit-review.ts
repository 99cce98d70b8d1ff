import { z } from 'zod';
import type { Clock } from '../../../lib/clock.js';
import { presentHitPage } from '../hit-presenter.js';
import type { HitsService } from '../hits.service.js';
import { operation, type MturkOperations } from '../operation.js';

const hitId = z.string().min(1).max(64);

/**
 * The requester's review of whole HITs: UpdateHITReviewStatus, ListReviewableHITs, and
 * ListReviewPolicyResultsForHIT (Tessera has no review policies: CreateHIT refuses them, so
 * every HIT answers with none, as MTurk does for a HIT created without one).
 */
export function hitReviewOperations(deps: { hits: HitsService; clock: Clock }): MturkOperations {
  const { hits, clock } = deps;
  return {
    UpdateHITReviewStatus: operation(
      z.strictObject({ HITId: hitId, Revert: z.boolean().optional() }),
      async (caller, input) => {
        await hits.setReviewing(caller.user.id, input.HITId, input.Revert ?? false);
        return {};
      },
    ),

    ListReviewableHITs: operation(
      z.strictObject({
        HITTypeId: z.string().min(1).max(64).optional(),
        Status: z.enum(['Reviewable', 'Reviewing']).optional(),
        NextToken: z.string().min(1).max(256).optional(),
        MaxResults: z.number().int().min(1).max(100).optional(),
      }),
      async (caller, input) => {
        const page = await hits.listHits(caller.user.id, {
          after: input.NextToken,
          limit: input.MaxResults ?? 10,
          reviewable: { reviewing: input.Status === 'Reviewing', hitTypeId: input.HITTypeId },
        });
        return presentHitPage(page, clock.now());
      },
    ),

    ListReviewPolicyResultsForHIT: operation(
      z.strictObject({
        HITId: hitId,
        PolicyLevels: z
          .array(z.enum(['Assignment', 'HIT']))
          .max(2)
          .optional(),
        RetrieveActions: z.boolean().optional(),
        RetrieveResults: z.boolean().optional(),
        NextToken: z.string().min(1).max(256).optional(),
        MaxResults: z.number().int().min(1).max(100).optional(),
      }),
      async (caller, input) => {
        const hit = await hits.getHit(caller.user.id, input.HITId);
        return { HITId: hit.task_id };
      },
    ),
  };
}
