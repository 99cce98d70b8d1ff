import type { FastifyPluginAsync } from 'fastify';
import { projectEndpoints as endpoints } from '../../../shared/api/projects.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { sendTaskFrame } from '../../lib/task-frame.js';
import { requireUser } from '../../plugins/auth.js';
import type { BatchWithdrawal } from './batch-withdrawal.service.js';
import type { BatchesService } from './batches.service.js';
import { batchesRoutes } from './batches.routes.js';
import { goldRoutes } from './gold.routes.js';
import { pilotRoutes } from './pilot.routes.js';
import type { PilotService } from './pilot.service.js';
import type { GoldService } from './gold.service.js';
import type { LifecycleService } from './lifecycle.service.js';
import { presentProject } from './projects.presenters.js';
import type { ProjectsService } from './projects.service.js';
import { workTimesRoutes } from './work-times.routes.js';
import type { WorkTimesService } from './work-times.service.js';

export const projectsRoutes: FastifyPluginAsync<{
  projects: ProjectsService;
  lifecycle: LifecycleService;
  batches: BatchesService;
  withdrawal: BatchWithdrawal;
  gold: GoldService;
  workTimes: WorkTimesService;
  pilot: PilotService;
}> = async (app, { projects, lifecycle, batches, withdrawal, gold, workTimes, pilot }) => {
  serveEndpoint(app, endpoints.create, async (request) =>
    presentProject(await projects.create(requireUser(request).user.id, request.body)),
  );

  serveEndpoint(app, endpoints.list, async (request) => {
    const page = await projects.list(requireUser(request).user.id, request.query);
    return { items: page.items.map(presentProject), nextCursor: page.nextCursor };
  });

  serveEndpoint(app, endpoints.get, async (request) =>
    presentProject(await projects.get(requireUser(request).user.id, request.params.id)),
  );

  serveEndpoint(app, endpoints.update, async (request) =>
    presentProject(
      await projects.update(requireUser(request).user.id, request.params.id, request.body),
    ),
  );

  const transitions = [
    [endpoints.publish, lifecycle.publish],
    [endpoints.pause, lifecycle.pause],
    [endpoints.resume, lifecycle.resume],
    [endpoints.cancel, lifecycle.cancel],
  ] as const;
  for (const [transition, run] of transitions) {
    serveEndpoint(app, transition, async (request) =>
      presentProject(await run(requireUser(request).user.id, request.params.id)),
    );
  }

  serveEndpoint(app, endpoints.preview, async (request) =>
    projects.preview(requireUser(request).user.id, request.params.id, request.query.taskId),
  );

  serveEndpoint(app, endpoints.taskFrame, async (request, reply) => {
    const html = await projects.taskFrame(
      requireUser(request).user.id,
      request.params.id,
      request.params.taskId,
    );
    return sendTaskFrame(reply, html);
  });

  await app.register(batchesRoutes, { batches, withdrawal });
  await app.register(goldRoutes, { gold });
  await app.register(workTimesRoutes, { workTimes });
  await app.register(pilotRoutes, { lifecycle, pilot });
};
