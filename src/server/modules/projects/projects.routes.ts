import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf } from '../../../shared/api/common.js';
import {
  createProjectBodySchema,
  previewQuerySchema,
  previewSchema,
  projectListQuerySchema,
  projectParamsSchema,
  projectSchema,
  projectTaskParamsSchema,
  updateProjectBodySchema,
} from '../../../shared/api/projects.js';
import { requireUser } from '../../plugins/auth.js';
import { sendTaskFrame } from '../../lib/task-frame.js';
import type { BatchWithdrawal } from './batch-withdrawal.service.js';
import type { BatchesService } from './batches.service.js';
import { batchesRoutes } from './batches.routes.js';
import type { LifecycleService } from './lifecycle.service.js';
import { presentProject } from './projects.presenters.js';
import type { ProjectsService } from './projects.service.js';

const read = { auth: { scope: 'projects:read', roles: ['requester'] } } as const;
const write = { auth: { scope: 'projects:write', roles: ['requester'] } } as const;

/** Requester HTML runs with an opaque origin, even when its URL is opened directly. */

export const projectsRoutes: FastifyPluginAsyncZod<{
  projects: ProjectsService;
  lifecycle: LifecycleService;
  batches: BatchesService;
  withdrawal: BatchWithdrawal;
}> = async (app, { projects, lifecycle, batches, withdrawal }) => {
  const tags = ['projects'];

  app.post(
    '/projects',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a draft project',
        body: createProjectBodySchema,
        response: { 201: projectSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(presentProject(await projects.create(requireUser(request).user.id, request.body))),
  );

  app.get(
    '/projects',
    {
      config: read,
      schema: {
        tags,
        summary: 'My projects, newest first',
        querystring: projectListQuerySchema,
        response: { 200: pageOf(projectSchema) },
      },
    },
    async (request) => {
      const page = await projects.list(requireUser(request).user.id, request.query);
      return { items: page.items.map(presentProject), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/projects/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One of my projects',
        params: projectParamsSchema,
        response: { 200: projectSchema },
      },
    },
    async (request) =>
      presentProject(await projects.get(requireUser(request).user.id, request.params.id)),
  );

  app.patch(
    '/projects/:id',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Edit a project (a draft fully; a published one only its texts and a later expiry)',
        params: projectParamsSchema,
        body: updateProjectBodySchema,
        response: { 200: projectSchema },
      },
    },
    async (request) =>
      presentProject(
        await projects.update(requireUser(request).user.id, request.params.id, request.body),
      ),
  );

  const transitions = [
    [
      'publish',
      'Publish a draft: escrows reward × slots (+ fee) for every task',
      lifecycle.publish,
    ],
    ['pause', 'Pause a published project (no new accepts)', lifecycle.pause],
    ['resume', 'Resume a paused project', lifecycle.resume],
    [
      'cancel',
      'Cancel a project; unused escrow returns once nothing is outstanding',
      lifecycle.cancel,
    ],
  ] as const;
  for (const [action, summary, run] of transitions) {
    app.post(
      `/projects/:id/${action}`,
      {
        config: write,
        schema: { tags, summary, params: projectParamsSchema, response: { 200: projectSchema } },
      },
      async (request) => presentProject(await run(requireUser(request).user.id, request.params.id)),
    );
  }

  app.get(
    '/projects/:id/preview',
    {
      config: read,
      schema: {
        tags,
        summary: 'The task exactly as a worker will see it (the first task unless taskId is given)',
        params: projectParamsSchema,
        querystring: previewQuerySchema,
        response: { 200: previewSchema },
      },
    },
    async (request) =>
      projects.preview(requireUser(request).user.id, request.params.id, request.query.taskId),
  );

  app.get(
    '/projects/:id/tasks/:taskId/frame',
    {
      config: read,
      schema: {
        tags,
        summary: "An HTML task's filled page, for a sandboxed iframe (text/html)",
        params: projectTaskParamsSchema,
      },
    },
    async (request, reply) => {
      const html = await projects.taskFrame(
        requireUser(request).user.id,
        request.params.id,
        request.params.taskId,
      );
      return sendTaskFrame(reply, html);
    },
  );

  await app.register(batchesRoutes, { batches, withdrawal });
};
