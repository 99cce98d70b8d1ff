import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common.js';
import { access } from './access.js';
import { endpoint } from './endpoint.js';
import { projectParamsSchema } from './projects.js';

export const AGGREGATION_METHODS = ['dawid_skene', 'majority'] as const;
export type AggregationMethod = (typeof AGGREGATION_METHODS)[number];

export const aggregatesQuerySchema = pageQuerySchema.extend({
  method: z
    .enum(AGGREGATION_METHODS, { message: `must be one of ${AGGREGATION_METHODS.join(', ')}` })
    .default('dawid_skene'),
  /** Only the aggregates whose confidence is below this: the ones worth a second look. */
  confidenceBelow: z.coerce
    .number({ message: 'must be a number from 0 to 1' })
    .min(0, 'must be a number from 0 to 1')
    .max(1, 'must be a number from 0 to 1')
    .optional(),
});
export type AggregatesQuery = z.infer<typeof aggregatesQuerySchema>;

export const aggregateSchema = z.object({
  taskId: z.string(),
  taskNumber: z.number().int(),
  /** The item name, or `item.option` for one option of a multiple choice (labels yes / no). */
  item: z.string(),
  /** The chosen label (an option value, a rating, yes / no); null when nobody answered. */
  answer: z.string().nullable(),
  /** The posterior of the chosen answer (Dawid-Skene), or its share of the votes (majority). */
  confidence: z.number(),
  /** How many workers chose each label. */
  votes: z.record(z.string(), z.number().int()),
  /** Who answered what: each handed-in answer of the task to this item, as it is now. */
  voters: z.array(
    z.object({ workerId: z.string(), displayName: z.string(), answer: z.string().nullable() }),
  ),
});
export type Aggregate = z.infer<typeof aggregateSchema>;

export const aggregatesPageSchema = pageOf(aggregateSchema).extend({
  /** When the aggregates were last computed from the project's work; null before the first time. */
  computedAt: z.string().nullable(),
});

export const workerQualitySchema = z.object({
  workerId: z.string(),
  handle: z.string(),
  displayName: z.string(),
  /** Everything the worker handed in, whatever its review: submitted + approved + rejected. */
  submitted: z.number().int(),
  approved: z.number().int(),
  rejected: z.number().int(),
  goldAnswered: z.number().int(),
  goldCorrect: z.number().int(),
  /** The share of the worker's choice answers equal to the Dawid-Skene aggregate, 0–100. */
  agreementPercent: z.number().nullable(),
  /** Dawid-Skene's estimate of the probability that the worker answers right, 0–1. */
  estimatedAccuracy: z.number().nullable(),
  medianWorkSeconds: z.number().nullable(),
  /** The worker's latest handed-in assignment here: where a bonus for their work is paid. */
  latestAssignmentId: z.string(),
});
export type WorkerQuality = z.infer<typeof workerQualitySchema>;

const read = access('quality', 'projects:read', ['requester']);

export const aggregateEndpoints = {
  list: endpoint({
    ...read,
    method: 'GET',
    path: '/projects/:id/aggregates',
    summary: "A project's aggregated answers per task and choice-like item, with confidence",
    description:
      'For every single choice, dropdown, rating and each option of a multiple choice: the answer chosen by `method` (dawid_skene, the default, or majority), its confidence and the votes, in task order. Recomputed in the background shortly after work is submitted or reviewed (`computedAt`). `confidenceBelow` keeps the uncertain ones.',
    params: projectParamsSchema,
    query: aggregatesQuerySchema,
    response: aggregatesPageSchema,
  }),
  workers: endpoint({
    ...read,
    method: 'GET',
    path: '/projects/:id/workers',
    summary: "The quality of each worker's work in a project",
    description:
      'Per worker who handed in work: counts by review, gold answered and correct, agreement with the aggregate and the Dawid-Skene estimated accuracy (as of the last aggregation), and the median work time.',
    params: projectParamsSchema,
    response: z.object({ items: z.array(workerQualitySchema) }),
  }),
};
