import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { hourlyPaySchema } from './fair-pay.js';
import { projectParamsSchema } from './projects.js';

/** One bar of the work-time histogram: submissions whose workSeconds fell in [from, to). */
export const workTimeBinSchema = z.object({
  fromSeconds: z.number().int(),
  toSeconds: z.number().int(),
  count: z.number().int(),
});
export type WorkTimeBin = z.infer<typeof workTimeBinSchema>;

/**
 * How long a project's submitted work took (DESIGN §10), for its requester: a histogram of the
 * latest submissions' `workSeconds`, the bar below which work counts as implausibly fast, and the
 * measured hourly pay beside the requester's estimate.
 */
export const workTimeDistributionSchema = z.object({
  /** Submissions in the histogram: the latest ones, at most `WORK_TIME_SAMPLE_MAX`. */
  submissions: z.number().int(),
  /** Work faster than this is left out of the median (bots, blind clicking). */
  plausibleFromSeconds: z.number().int(),
  /** Of `submissions`, how many were faster than `plausibleFromSeconds`. */
  tooFast: z.number().int(),
  /** Equal-width bars from 0 s to the slowest submission (at most the time allotted); [] before any. */
  bins: z.array(workTimeBinSchema),
  /** The median the hourly pay is measured by (latest 50 plausible); null below 3 of them. */
  medianSeconds: z.number().nullable(),
  /** What workers see: measured once 3 plausible submissions exist, else the estimate. */
  hourlyPay: hourlyPaySchema,
  estimatedSeconds: z.number().int().nullable(),
  /** The hourly pay at the requester's estimate, to compare with the measured one. */
  estimatedHourlyCents: z.number().int().nullable(),
});
export type WorkTimeDistribution = z.infer<typeof workTimeDistributionSchema>;

/** The histogram reads at most this many of the latest submissions. */
export const WORK_TIME_SAMPLE_MAX = 1000;

export const workTimeEndpoints = {
  distribution: endpoint({
    method: 'GET',
    path: '/projects/:id/work-times',
    tag: 'projects',
    auth: { scope: 'projects:read', roles: ['requester'] },
    summary: 'How long the submitted work of a project took, and what that pays an hour',
    description: `A histogram of the latest ${WORK_TIME_SAMPLE_MAX} submissions' workSeconds (accept → submit, server clock), how many were implausibly fast (left out of the median), the median the measured hourly pay is based on and the hourly pay at the requester's estimatedSeconds. The project's owner only.`,
    params: projectParamsSchema,
    response: workTimeDistributionSchema,
  }),
};
