import type { FastifyPluginAsync } from 'fastify';
import { reviewEndpoints as endpoints } from '../../../shared/api/review.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
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

  serveSignedIn(app, endpoints.list, async (request, { user }) => {
    const page = await review.list(user.id, request.params.id, request.query);
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

  serveSignedIn(app, endpoints.approve, async ({ params, body }, { user }) => {
    await review.approve(user.id, params.id, body?.feedback || undefined);
    return reviewed(user.id, params.id);
  });

  serveSignedIn(app, endpoints.reject, async ({ params, body }, { user }) => {
    await review.reject(user.id, params.id, body.reason);
    return reviewed(user.id, params.id);
  });

  serveSignedIn(app, endpoints.bulk, async ({ params, body }, { user }) =>
    review.bulk(user.id, params.id, body),
  );

  serveSignedIn(app, endpoints.bonus, async (request, { user }, reply) => {
    const result = await bonuses.give(
      user.id,
      { assignmentId: request.params.id, ...request.body },
      idempotencyScopeOf(request),
    );
    // A replayed Idempotency-Key answers what the first request created, as 200.
    if (result.replayed) reply.code(200);
    return presentBonus(result.bonus);
  });

  serveSignedIn(app, endpoints.block, async ({ params, body }, { user }) =>
    presentBlock(await blocks.block(user.id, params.workerId, body.reason)),
  );

  serveSignedIn(app, endpoints.unblock, async (request, { user }) => {
    await blocks.unblock(user.id, request.params.workerId);
    return { ok: true as const };
  });

  serveSignedIn(app, endpoints.blocks, async (request, { user }) =>
    presentPage(await blocks.list(user.id, request.query), presentBlock),
  );
};
