import type { FastifyPluginAsync } from 'fastify';
import { reviewEndpoints as endpoints } from '../../../shared/api/review.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import type { ReputationService } from '../reputation/reputation.service.js';
import type { BlocksService } from './blocks.service.js';
import type { BonusesService } from './bonuses.service.js';
import { presentBlock, presentBonus, presentReviewAssignment } from './review.presenters.js';
import type { ReviewService } from './review.service.js';

export const reviewRoutes: FastifyPluginAsync<{
  review: ReviewService;
  bonuses: BonusesService;
  blocks: BlocksService;
  reputation: Pick<ReputationService, 'workerReputations'>;
}> = async (app, { review, bonuses, blocks, reputation }) => {
  /** The assignment as its requester sees it after a change. */
  async function reviewed(requesterId: string, id: string) {
    const row = await review.getForRequester(requesterId, id);
    return presentReviewAssignment(
      row,
      review.effectiveStatus(row),
      await review.bonusesFor([row.id]),
    );
  }

  serveEndpoint(app, endpoints.list, async (request) => {
    const page = await review.list(requireUser(request).user.id, request.params.id, request.query);
    const all = await review.bonusesFor(page.items.map((r) => r.id));
    const reputationOf = await reputation.workerReputations(page.items.map((r) => r.worker_id));
    return {
      ...page,
      asOf: page.asOf.toISOString(),
      items: page.items.map((row) => ({
        ...presentReviewAssignment(
          row,
          review.effectiveStatus(row),
          all.filter((b) => b.assignment_id === row.id),
        ),
        workerReputation: reputationOf(row.worker_id),
      })),
    };
  });

  serveEndpoint(app, endpoints.approve, async (request) => {
    const requesterId = requireUser(request).user.id;
    await review.approve(requesterId, request.params.id, request.body?.feedback || undefined);
    return reviewed(requesterId, request.params.id);
  });

  serveEndpoint(app, endpoints.reject, async (request) => {
    const requesterId = requireUser(request).user.id;
    await review.reject(requesterId, request.params.id, request.body.reason);
    return reviewed(requesterId, request.params.id);
  });

  serveEndpoint(app, endpoints.bulk, async (request) =>
    review.bulk(requireUser(request).user.id, request.params.id, request.body),
  );

  serveEndpoint(app, endpoints.bonus, async (request, reply) => {
    const result = await bonuses.give(
      requireUser(request).user.id,
      { assignmentId: request.params.id, ...request.body },
      idempotencyScopeOf(request),
    );
    // A replayed Idempotency-Key answers what the first request created, as 200.
    if (result.replayed) reply.code(200);
    return presentBonus(result.bonus);
  });

  serveEndpoint(app, endpoints.block, async (request) =>
    presentBlock(
      await blocks.block(
        requireUser(request).user.id,
        request.params.workerId,
        request.body.reason,
      ),
    ),
  );

  serveEndpoint(app, endpoints.unblock, async (request) => {
    await blocks.unblock(requireUser(request).user.id, request.params.workerId);
    return { ok: true as const };
  });

  serveEndpoint(app, endpoints.blocks, async (request) => {
    const page = await blocks.list(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentBlock), nextCursor: page.nextCursor };
  });
};
