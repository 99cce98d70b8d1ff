import { z } from 'zod';
import { AGGREGATION_METHODS } from './aggregates.js';
import { idSchema } from './common.js';
import { access } from './access.js';
import { endpoint } from './endpoint.js';
import { projectParamsSchema } from './projects.js';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from './work.js';

/** Exported unless `status` says otherwise: work that was handed in. */
export const DEFAULT_RESULT_STATUSES = [
  'submitted',
  'approved',
  'rejected',
] as const satisfies readonly AssignmentStatus[];

/** The fixed CSV columns, MTurk's names, before the `Input.*` and `Answer.*` ones. */
export const RESULT_CSV_COLUMNS = [
  'HITId',
  'HITTypeId',
  'AssignmentId',
  'WorkerId',
  'AssignmentStatus',
  'AcceptTime',
  'SubmitTime',
  'ApprovalTime',
  'RejectionTime',
  'WorkTimeInSeconds',
  'RequesterFeedback',
  /** Tessera's: the task's number in its project (#1, #2, …), stable across batches. */
  'TaskNumber',
] as const;

/** Several values of one answer (a multiple choice) share a CSV cell, joined with this. */
export const MULTI_VALUE_SEPARATOR = '|';

export const resultsQuerySchema = z.strictObject({
  /** One status or several, comma-separated (`submitted,approved`). */
  status: z
    .string()
    .max(200)
    .transform((value) => [...new Set(value.split(',').map((s) => s.trim()))])
    .pipe(
      z.array(
        z.enum(ASSIGNMENT_STATUSES, {
          message: `must be one of ${ASSIGNMENT_STATUSES.join(', ')}`,
        }),
      ),
    )
    .optional(),
  batchId: idSchema.optional(),
  /** Whose aggregates fill the `Aggregate.*` and `Confidence.*` columns; Dawid-Skene unless said. */
  method: z
    .enum(AGGREGATION_METHODS, { message: `must be one of ${AGGREGATION_METHODS.join(', ')}` })
    .default('dawid_skene'),
});
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

/** After the `Aggregate.*` and `Confidence.*` columns: is the task gold, was this answer right. */
export const RESULT_GOLD_COLUMNS = ['gold', 'goldCorrect'] as const;

/** One item's aggregate in a JSON line: the task's answer by the chosen method, its confidence. */
export const lineAggregateSchema = z.object({
  answer: z.string().nullable(),
  confidence: z.number(),
});

/** One line of `results.json` (JSON lines): the raw values, never neutralised for spreadsheets. */
export const resultLineSchema = z.object({
  assignmentId: z.string(),
  taskId: z.string(),
  projectId: z.string(),
  batchId: z.string(),
  rowNumber: z.number().int(),
  /** The task's number in its project, in import order across batches; never changes. */
  taskNumber: z.number().int(),
  workerId: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  acceptedAt: z.string(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  workTimeSeconds: z.number().int().nullable(),
  feedback: z.string().nullable(),
  input: z.record(z.string(), z.unknown()),
  answers: z.record(z.string(), z.unknown()).nullable(),
  /**
   * The task's aggregate per choice-like item by `method`, as last computed (an item missing when
   * it has not been aggregated yet); the same for every assignment of the task.
   */
  aggregates: z.record(z.string(), lineAggregateSchema),
  /** Whether the task is gold (has known answers). */
  gold: z.boolean(),
  /** For a gold task, whether this answer matched every known answer when it was scored. */
  goldCorrect: z.boolean().nullable(),
});
export type ResultLine = z.infer<typeof resultLineSchema>;

const FILTERS =
  ' Filter with `status` (comma-separated; default submitted,approved,rejected) and `batchId`; `method` (dawid_skene, the default, or majority) chooses the aggregates. Streamed.';

/** A project's results, streamed as files: opened as links (downloads), never through `call()`. */
const exportOf = {
  ...access('results', 'projects:read', ['requester']),
  method: 'GET',
  params: projectParamsSchema,
  query: resultsQuerySchema,
} as const;

export const resultEndpoints = {
  csv: endpoint({
    ...exportOf,
    path: '/projects/:id/results.csv',
    summary: 'Results as CSV with MTurk-style columns (Input.*, Answer.*)',
    description: `HITId, HITTypeId (the project), AssignmentId, WorkerId, AssignmentStatus, AcceptTime, SubmitTime, ApprovalTime, RejectionTime, WorkTimeInSeconds, RequesterFeedback, TaskNumber (the task's number in the project, stable across batches), then Input.<column>, Answer.<item>, Aggregate.<item> and Confidence.<item> (the task's aggregated answer of each choice-like item and its confidence, as last computed), gold (true for a gold task) and goldCorrect (true or false for a scored gold answer, else empty). Several values of one answer are joined with "|". Cells a spreadsheet would run as formulas are prefixed with "'".${FILTERS}`,
    produces: ['text/csv'],
    response: z.string().describe('CSV (RFC 4180), header row first'),
  }),
  json: endpoint({
    ...exportOf,
    path: '/projects/:id/results.json',
    summary: 'Results as JSON lines (one assignment per line, raw values)',
    description: `Each line: assignmentId, taskId, projectId, batchId, rowNumber, taskNumber, workerId, status, acceptedAt, submittedAt, approvedAt, rejectedAt, workTimeSeconds, feedback, input, answers, aggregates ({ item: { answer, confidence } }), gold, goldCorrect.${FILTERS}`,
    produces: ['application/x-ndjson'],
    response: z.string().describe('Newline-delimited JSON'),
  }),
};
