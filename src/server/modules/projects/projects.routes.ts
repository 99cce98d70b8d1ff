import type { FastifyPluginAsync } from 'fastify';
import { projectEndpoints as endpoints } from '../../../shared/api/projects.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { sendTaskFrame } from '../../lib/task-frame.js';
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
  serveSignedIn(app, endpoints.create, async (request, { user }) =>
    presentProject(await projects.create(user.id, request.body)),
  );

  serveSignedIn(app, endpoints.list, async (request, { user }) =>
    presentPage(await projects.list(user.id, request.query), presentProject),
  );

  serveSignedIn(app, endpoints.get, async (request, { user }) =>
    presentProject(await projects.get(user.id, request.params.id)),
  );

  serveSignedIn(app, endpoints.update, async (request, { user }) =>
    presentProject(await projects.update(user.id, request.params.id, request.body)),
  );

  const transitions = [
    [endpoints.publish, lifecycle.publish],
    [endpoints.pause, lifecycle.pause],
    [endpoints.resume, lifecycle.resume],
    [endpoints.cancel, lifecycle.cancel],
  ] as const;
  for (const [transition, run] of transitions) {
    serveSignedIn(app, transition, async (request, { user }) =>
      presentProject(await run(user.id, request.params.id)),
    );
  }

  serveSignedIn(app, endpoints.preview, async (request, { user }) =>
    projects.preview(user.id, request.params.id, request.query.taskId),
  );

  serveSignedIn(app, endpoints.taskFrame, async (request, { user }, reply) => {
    const html = await projects.taskFrame(user.id, request.params.id, request.params.taskId);
    return sendTaskFrame(reply, html);
  });

  await app.register(batchesRoutes, { batches, withdrawal });
  await app.register(goldRoutes, { gold });
  await app.register(workTimesRoutes, { workTimes });
  await app.register(pilotRoutes, { lifecycle, pilot });
};
