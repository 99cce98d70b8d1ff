import { z } from 'zod';
import { idOrHandleParamsSchema } from './accounts.js';
import { pagedList, pageQuerySchema } from './common.js';
import { endpoint } from './endpoint.js';
import { PROJECT_STATUSES } from './projects.js';

/**
 * A user's public track record (`GET /users/{idOrHandle}/record`): what they did on Tessera as a
 * worker and as a requester. A part is null when the user does not hold that role.
 */
export const publicRecordSchema = z.object({
  worker: z
    .object({
      /** Approved assignments. */
      jobsCompleted: z.number().int(),
      /** Projects with at least one approved assignment. */
      projectsWorkedOn: z.number().int(),
      /**
       * Approved rewards plus bonuses, all time: only when the worker chose to show it
       * (`showEarnings` in `PATCH /me`); otherwise the field is absent.
       */
      earnedCents: z.number().int().optional(),
    })
    .nullable(),
  requester: z
    .object({
      /** Projects ever published (drafts are private). */
      projectsPublished: z.number().int(),
      /** Approved assignments over those projects. */
      jobsApproved: z.number().int(),
      /** Rewards of approved work plus bonuses, all time. */
      paidToWorkersCents: z.number().int(),
    })
    .nullable(),
});
export type PublicRecord = z.infer<typeof publicRecordSchema>;

/** One published project on its requester's public profile, with what it paid workers. */
export const publicProjectSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(PROJECT_STATUSES),
  publishedAt: z.string(),
  jobsApproved: z.number().int(),
  paidToWorkersCents: z.number().int(),
});
export type PublicProject = z.infer<typeof publicProjectSchema>;

const publicRecords = { tag: 'users', auth: 'optional', params: idOrHandleParamsSchema } as const;

export const profileEndpoints = {
  record: endpoint({
    ...publicRecords,
    method: 'GET',
    path: '/users/:idOrHandle/record',
    summary: 'A public track record: jobs completed and pay earned, projects and pay given',
    response: publicRecordSchema,
  }),
  projects: endpoint({
    ...publicRecords,
    ...pagedList(pageQuerySchema, publicProjectSchema),
    path: '/users/:idOrHandle/projects',
    summary: 'A requester’s published projects with what each paid workers, newest first',
  }),
};
