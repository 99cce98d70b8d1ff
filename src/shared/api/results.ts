import { z } from 'zod';
import { idSchema } from './common.js';
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
});
export type ResultsQuery = z.infer<typeof resultsQuerySchema>;

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
});
export type ResultLine = z.infer<typeof resultLineSchema>;

const FILTERS =
  ' Filter with `status` (comma-separated; default submitted,approved,rejected) and `batchId`. Streamed.';

/** A project's results, streamed as files: opened as links (downloads), never through `call()`. */
const exportOf = {
  tag: 'results',
  auth: { scope: 'projects:read', roles: ['requester'] },
  method: 'GET',
  params: projectParamsSchema,
  query: resultsQuerySchema,
} as const;

export const resultEndpoints = {
  csv: endpoint({
    ...exportOf,
    path: '/projects/:id/results.csv',
    summary: 'Results as CSV with MTurk-style columns (Input.*, Answer.*)',
    description: `HITId, HITTypeId (the project), AssignmentId, WorkerId, AssignmentStatus, AcceptTime, SubmitTime, ApprovalTime, RejectionTime, WorkTimeInSeconds, RequesterFeedback, TaskNumber (the task's number in the project, stable across batches), then Input.<column> and Answer.<item>. Several values of one answer are joined with "|". Cells a spreadsheet would run as formulas are prefixed with "'".${FILTERS}`,
    produces: ['text/csv'],
    response: z.string().describe('CSV (RFC 4180), header row first'),
  }),
  json: endpoint({
    ...exportOf,
    path: '/projects/:id/results.json',
    summary: 'Results as JSON lines (one assignment per line, raw values)',
    description: `Each line: assignmentId, taskId, projectId, batchId, rowNumber, taskNumber, workerId, status, acceptedAt, submittedAt, approvedAt, rejectedAt, workTimeSeconds, feedback, input, answers.${FILTERS}`,
    produces: ['application/x-ndjson'],
    response: z.string().describe('Newline-delimited JSON'),
  }),
};
