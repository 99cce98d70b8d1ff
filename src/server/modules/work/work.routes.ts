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
  type AssignmentStatus,
} from '../../../shared/api/work.js';
import { ConflictError } from '../../errors.js';
import { requireUser } from '../../plugins/auth.js';
import { TASK_FRAME_CSP } from '../projects/projects.routes.js';
import type { FeedService } from './feed.service.js';
import type { WorkRepository } from './work.repository.js';
import { filledTemplate, frameDocument, templateOf, type WorkService } from './work.service.js';

type AssignmentRow = NonNullable<Awaited<ReturnType<WorkRepository['findAssignment']>>>;
type ListedRow = Awaited<ReturnType<WorkRepository['listForWorker']>>[number];

export const workRoutes: FastifyPluginAsyncZod<{
  work: WorkService;
  feed: FeedService;
}> = async (app, { work, feed }) => {
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
      status: work.effectiveStatus(row) as AssignmentStatus,
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
      const id = await work.accept(workerId, request.params.id);
      return reply.status(201).send(presentDetail(await work.get(id, workerId)));
    },
  );

  app.get(
    '/assignments/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One of my assignments, with its task',
        params: assignmentParamsSchema,
        response: { 200: assignmentDetailSchema },
      },
    },
    async (request) =>
      presentDetail(await work.get(request.params.id, requireUser(request).user.id)),
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
      const filled = filledTemplate(template, row.task_data, null);
      return reply
        .header('content-security-policy', `${TASK_FRAME_CSP}; frame-ancestors 'self'`)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(frameDocument(filled.kind === 'html' ? filled.html : ''));
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
      const id = await work.submit(request.params.id, workerId, request.body.answers);
      return presentDetail(await work.get(id, workerId));
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
