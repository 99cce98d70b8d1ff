import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okSchema, pageOf, pageQuerySchema } from '../../../shared/api/common.js';
import { projectParamsSchema } from '../../../shared/api/projects.js';
import {
  approveBodySchema,
  blockBodySchema,
  blockParamsSchema,
  blockSchema,
  bonusBodySchema,
  bonusSchema,
  bulkReviewBodySchema,
  bulkReviewResultSchema,
  rejectBodySchema,
  reviewAssignmentSchema,
  reviewListQuerySchema,
  reviewListSchema,
} from '../../../shared/api/review.js';
import { assignmentParamsSchema } from '../../../shared/api/work.js';
import { requireUser } from '../../plugins/auth.js';
import { idempotencyHeaders, idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import type { BlocksService } from './blocks.service.js';
import type { BonusesService } from './bonuses.service.js';
import { presentBlock, presentBonus, presentReviewAssignment } from './review.presenters.js';
import type { ReviewService } from './review.service.js';

const read = { auth: { scope: 'projects:read', roles: ['requester'] } } as const;
const write = { auth: { scope: 'review:write', roles: ['requester'] } } as const;

export const reviewRoutes: FastifyPluginAsyncZod<{
  review: ReviewService;
  bonuses: BonusesService;
  blocks: BlocksService;
}> = async (app, { review, bonuses, blocks }) => {
  const tags = ['review'];

  /** The assignment as its requester sees it after a change. */
  async function reviewed(requesterId: string, id: string) {
    const row = await review.getForRequester(requesterId, id);
    return presentReviewAssignment(
      row,
      review.effectiveStatus(row),
      await review.bonusesFor([row.id]),
    );
  }

  app.get(
    '/projects/:id/assignments',
    {
      config: read,
      schema: {
        tags,
        summary: 'Work on my project, newest first, with answers, task data and time spent',
        params: projectParamsSchema,
        querystring: reviewListQuerySchema,
        response: { 200: reviewListSchema },
      },
    },
    async (request) => {
      const page = await review.list(
        requireUser(request).user.id,
        request.params.id,
        request.query,
      );
      const all = await review.bonusesFor(page.items.map((r) => r.id));
      return {
        ...page,
        asOf: page.asOf.toISOString(),
        items: page.items.map((row) =>
          presentReviewAssignment(
            row,
            review.effectiveStatus(row),
            all.filter((b) => b.assignment_id === row.id),
          ),
        ),
      };
    },
  );

  app.post(
    '/assignments/:id/approve',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Approve submitted work and pay it (again: same answer); approving rejected work within 30 days reverses the rejection',
        params: assignmentParamsSchema,
        body: approveBodySchema.optional(),
        response: { 200: reviewAssignmentSchema },
      },
    },
    async (request) => {
      const requesterId = requireUser(request).user.id;
      await review.approve(requesterId, request.params.id, request.body?.feedback || undefined);
      return reviewed(requesterId, request.params.id);
    },
  );

  app.post(
    '/assignments/:id/reject',
    {
      config: write,
      schema: {
        tags,
        summary: 'Reject submitted work with a reason the worker sees (again: same answer)',
        params: assignmentParamsSchema,
        body: rejectBodySchema,
        response: { 200: reviewAssignmentSchema },
      },
    },
    async (request) => {
      const requesterId = requireUser(request).user.id;
      await review.reject(requesterId, request.params.id, request.body.reason);
      return reviewed(requesterId, request.params.id);
    },
  );

  app.post(
    '/projects/:id/review',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Approve or reject many submissions: listed ids, or all submitted at or before a time',
        params: projectParamsSchema,
        body: bulkReviewBodySchema,
        response: { 200: bulkReviewResultSchema },
      },
    },
    async (request) => review.bulk(requireUser(request).user.id, request.params.id, request.body),
  );

  app.post(
    '/assignments/:id/bonus',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Pay the worker a bonus from my available funds (an Idempotency-Key makes retries safe)',
        params: assignmentParamsSchema,
        headers: idempotencyHeaders,
        body: bonusBodySchema,
        response: { 201: bonusSchema, 200: bonusSchema },
      },
    },
    async (request, reply) => {
      const result = await bonuses.give(
        requireUser(request).user.id,
        { assignmentId: request.params.id, ...request.body },
        idempotencyScopeOf(request),
      );
      return reply.status(result.replayed ? 200 : 201).send(presentBonus(result.bonus));
    },
  );

  app.put(
    '/blocks/:workerId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Block a worker (by id or handle) from my projects, with a reason',
        params: blockParamsSchema,
        body: blockBodySchema,
        response: { 200: blockSchema },
      },
    },
    async (request) =>
      presentBlock(
        await blocks.block(
          requireUser(request).user.id,
          request.params.workerId,
          request.body.reason,
        ),
      ),
  );

  app.delete(
    '/blocks/:workerId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Lift a block',
        params: blockParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await blocks.unblock(requireUser(request).user.id, request.params.workerId);
      return { ok: true as const };
    },
  );

  app.get(
    '/blocks',
    {
      config: read,
      schema: {
        tags,
        summary: 'Workers I have blocked, newest first',
        querystring: pageQuerySchema,
        response: { 200: pageOf(blockSchema) },
      },
    },
    async (request) => {
      const page = await blocks.list(requireUser(request).user.id, request.query);
      return { items: page.items.map(presentBlock), nextCursor: page.nextCursor };
    },
  );
};
