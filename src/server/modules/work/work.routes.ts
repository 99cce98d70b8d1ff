import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { projectParamsSchema } from '../../../shared/api/projects.js';
import {
  assignmentDetailSchema,
  assignmentParamsSchema,
  feedPageSchema,
  feedQuerySchema,
  myAssignmentsQuerySchema,
  myAssignmentsSchema,
  submitBodySchema,
  workPreviewSchema,
  type Assignment,
} from '../../../shared/api/work.js';
import { assignmentViewSchema } from '../../../shared/api/review.js';
import type { Scope } from '../../../shared/scopes.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { presentBonus, presentReviewDetail } from '../review/review.presenters.js';
import type { ReviewService } from '../review/review.service.js';
import { requireUser } from '../../plugins/auth.js';
import { sendTaskFrame } from '../../lib/task-frame.js';
import { fillHtmlTemplate } from '../../../shared/templates/index.js';
import type { FeedService } from './feed.service.js';
import type { WorkRepository } from './work.repository.js';
import {
  filledTemplate,
  templateOf,
  type AssignmentDetailRow as AssignmentRow,
  type WorkService,
} from './work.service.js';

type ListedRow = Awaited<ReturnType<WorkRepository['listForWorker']>>[number];

/** A route open to several scopes checks, per branch, the one it serves. */
function requireScope(scopes: readonly string[], scope: Scope) {
  if (!scopes.includes(scope)) {
    throw new ForbiddenError(`This token lacks the "${scope}" scope.`, 'insufficient_scope', {
      requiredScope: scope,
    });
  }
}

export const workRoutes: FastifyPluginAsyncZod<{
  work: WorkService;
  feed: FeedService;
  /** The requester's side of `GET /assignments/{id}`, and the bonuses a worker sees there. */
  review: Pick<ReviewService, 'getForRequester' | 'effectiveStatus' | 'bonusesFor'>;
}> = async (app, { work, feed, review }) => {
  const tags = ['work'];
  const read = { auth: { scope: 'work:read', roles: ['worker'] } } as const;
  const write = { auth: { scope: 'work:write', roles: ['worker'] } } as const;

  function present(row: ListedRow | AssignmentRow): Assignment {
    return {
      id: row.id,
      taskId: row.task_id,
      projectId: row.project_id,
      projectTitle: row.project_title,
      workerId: row.worker_id,
      status: work.effectiveStatus(row),
      rewardCents: row.reward_cents,
      acceptedAt: row.accepted_at.toISOString(),
      deadline: row.deadline.toISOString(),
      submittedAt: row.submitted_at?.toISOString() ?? null,
      reviewedAt: row.reviewed_at?.toISOString() ?? null,
      feedback: row.feedback,
      answers: row.answers,
    };
  }

  function presentDetail(row: AssignmentRow) {
    return {
      ...present(row),
      instructions: row.instructions,
      timeAllottedSeconds: row.time_allotted_seconds,
      template: filledTemplate(row.template, row.task_data, `/api/v1/assignments/${row.id}/frame`),
    };
  }

  app.get(
    '/feed',
    {
      config: read,
      schema: {
        tags,
        summary: 'Projects I can accept a task in now',
        querystring: feedQuerySchema,
        response: { 200: feedPageSchema },
      },
    },
    async (request) => feed.list(requireUser(request).user.id, request.query),
  );

  app.get(
    '/feed/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'Preview a project’s next task before accepting (reserves nothing)',
        params: projectParamsSchema,
        response: { 200: workPreviewSchema },
      },
    },
    async (request) => work.preview(requireUser(request).user.id, request.params.id),
  );

  app.post(
    '/projects/:id/assignments',
    {
      config: write,
      schema: {
        tags,
        summary: 'Accept the next task of a project',
        params: projectParamsSchema,
        response: { 201: assignmentDetailSchema },
      },
    },
    async (request, reply) => {
      const workerId = requireUser(request).user.id;
      return reply.status(201).send(presentDetail(await work.accept(workerId, request.params.id)));
    },
  );

  app.get(
    '/assignments/:id',
    {
      config: {
        auth: { scope: ['work:read', 'projects:read'], roles: ['worker', 'requester'] },
      },
      schema: {
        tags,
        summary:
          'One assignment: mine with its task and bonuses, or (for its project’s requester) the submission',
        params: assignmentParamsSchema,
        response: { 200: assignmentViewSchema },
      },
    },
    async (request) => {
      const auth = requireUser(request);
      const row = await work.find(request.params.id);
      if (row?.worker_id === auth.user.id) {
        requireScope(auth.scopes, 'work:read');
        const bonuses = await review.bonusesFor([row.id]);
        return { ...presentDetail(row), bonuses: bonuses.map(presentBonus) };
      }
      if (row?.owner_id === auth.user.id) {
        requireScope(auth.scopes, 'projects:read');
        const reviewed = await review.getForRequester(auth.user.id, row.id);
        return presentReviewDetail(
          reviewed,
          review.effectiveStatus(reviewed),
          await review.bonusesFor([row.id]),
        );
      }
      throw new NotFoundError('Assignment');
    },
  );

  app.get(
    '/assignments/:id/frame',
    {
      config: read,
      schema: {
        tags,
        summary: 'The filled HTML task, for a sandboxed frame',
        params: assignmentParamsSchema,
      },
    },
    async (request, reply) => {
      const row = await work.get(request.params.id, requireUser(request).user.id);
      const template = templateOf(row.template);
      if (template.kind !== 'html') {
        throw new ConflictError(
          'not_html',
          'This project uses a form template; only HTML templates are served in a frame.',
        );
      }
      return sendTaskFrame(reply, fillHtmlTemplate(template.html, row.task_data));
    },
  );

  app.post(
    '/assignments/:id/submit',
    {
      config: write,
      schema: {
        tags,
        summary: 'Submit answers (a retry with the same answers is safe)',
        params: assignmentParamsSchema,
        body: submitBodySchema,
        response: { 200: assignmentDetailSchema },
      },
    },
    async (request) => {
      const workerId = requireUser(request).user.id;
      return presentDetail(await work.submit(request.params.id, workerId, request.body.answers));
    },
  );

  app.post(
    '/assignments/:id/return',
    {
      config: write,
      schema: {
        tags,
        summary: 'Give the task back',
        params: assignmentParamsSchema,
        response: { 200: assignmentDetailSchema },
      },
    },
    async (request) => {
      const workerId = requireUser(request).user.id;
      const id = await work.returnAssignment(request.params.id, workerId);
      return presentDetail(await work.get(id, workerId));
    },
  );

  app.get(
    '/me/assignments',
    {
      config: read,
      schema: {
        tags,
        summary: 'My work, newest first, with totals of pending and approved pay',
        querystring: myAssignmentsQuerySchema,
        response: { 200: myAssignmentsSchema },
      },
    },
    async (request) => {
      const page = await work.listMine(requireUser(request).user.id, request.query);
      return { ...page, items: page.items.map(present) };
    },
  );
};
