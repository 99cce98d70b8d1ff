import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../shared/api/common.js';
import {
  profileParamsSchema,
  publicProjectSchema,
  publicRecordSchema,
  type PublicProject,
} from '../../../shared/api/profiles.js';
import type { PublicProjectRow } from './profiles.repository.js';
import type { ProfilesService } from './profiles.service.js';

function presentProject(row: PublicProjectRow): PublicProject {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    publishedAt: row.published_at.toISOString(),
    jobsApproved: row.jobs_approved,
    paidToWorkersCents: row.paid_to_workers_cents,
  };
}

export const profilesRoutes: FastifyPluginAsyncZod<{ profiles: ProfilesService }> = async (
  app,
  { profiles },
) => {
  const tags = ['users'];
  const config = { auth: 'optional' } as const;

  app.get(
    '/users/:idOrHandle/record',
    {
      config,
      schema: {
        tags,
        summary: 'A public track record: jobs completed and pay earned, projects and pay given',
        params: profileParamsSchema,
        response: { 200: publicRecordSchema },
      },
    },
    async (request) => profiles.record(request.params.idOrHandle),
  );

  app.get(
    '/users/:idOrHandle/projects',
    {
      config,
      schema: {
        tags,
        summary: 'A requester’s published projects with what each paid workers, newest first',
        params: profileParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: pageOf(publicProjectSchema) },
      },
    },
    async (request) => {
      const page = await profiles.projects(request.params.idOrHandle, request.query);
      return { items: page.items.map(presentProject), nextCursor: page.nextCursor };
    },
  );
};
