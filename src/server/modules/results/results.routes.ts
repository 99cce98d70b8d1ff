import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { projectParamsSchema } from '../../../shared/api/projects.js';
import { resultsQuerySchema } from '../../../shared/api/results.js';
import { requireUser } from '../../plugins/auth.js';
import { csvChunks, fileSlug, jsonLineChunks } from './results.format.js';
import type { ResultsExport, ResultsService } from './results.service.js';

/**
 * Sends the export as it is read: a page of rows at a time, pulled only as fast as the client
 * takes it (a stalled or gone client stops the reading).
 */
function sendExport(
  reply: FastifyReply,
  exported: ResultsExport,
  format: { extension: string; type: string; chunks: typeof csvChunks },
) {
  return reply
    .header(
      'content-disposition',
      `attachment; filename="${fileSlug(exported.projectTitle)}-results.${format.extension}"`,
    )
    .header('cache-control', 'no-store')
    .type(format.type)
    .send(Readable.from(format.chunks(exported), { highWaterMark: 1 }));
}

export const resultsRoutes: FastifyPluginAsyncZod<{ results: ResultsService }> = async (
  app,
  { results },
) => {
  const tags = ['results'];
  const options = {
    config: { auth: { scope: 'projects:read', roles: ['requester'] } },
    // A HEAD would read the whole export only to drop it.
    exposeHeadRoute: false,
  } as const;
  const filters =
    ' Filter with `status` (comma-separated; default submitted,approved,rejected) and `batchId`. Streamed.';

  app.get(
    '/projects/:id/results.csv',
    {
      ...options,
      schema: {
        tags,
        summary: 'Results as CSV with MTurk-style columns (Input.*, Answer.*)',
        description: `HITId, HITTypeId (the project), AssignmentId, WorkerId, AssignmentStatus, AcceptTime, SubmitTime, ApprovalTime, RejectionTime, WorkTimeInSeconds, RequesterFeedback, TaskNumber (the task's number in the project, stable across batches), then Input.<column> and Answer.<item>. Several values of one answer are joined with "|". Cells a spreadsheet would run as formulas are prefixed with "'".${filters}`,
        querystring: resultsQuerySchema,
        params: projectParamsSchema,
        produces: ['text/csv'],
        response: { 200: z.string().describe('CSV (RFC 4180), header row first') },
      },
    },
    async (request, reply) => {
      const exported = await results.open(
        requireUser(request).user.id,
        request.params.id,
        request.query,
        'csv',
      );
      return sendExport(reply, exported, {
        extension: 'csv',
        type: 'text/csv; charset=utf-8',
        chunks: csvChunks,
      });
    },
  );

  app.get(
    '/projects/:id/results.json',
    {
      ...options,
      schema: {
        tags,
        summary: 'Results as JSON lines (one assignment per line, raw values)',
        description: `Each line: assignmentId, taskId, projectId, batchId, rowNumber, taskNumber, workerId, status, acceptedAt, submittedAt, approvedAt, rejectedAt, workTimeSeconds, feedback, input, answers.${filters}`,
        querystring: resultsQuerySchema,
        params: projectParamsSchema,
        produces: ['application/x-ndjson'],
        response: { 200: z.string().describe('Newline-delimited JSON') },
      },
    },
    async (request, reply) => {
      const exported = await results.open(
        requireUser(request).user.id,
        request.params.id,
        request.query,
        'json',
      );
      return sendExport(reply, exported, {
        extension: 'jsonl',
        type: 'application/x-ndjson; charset=utf-8',
        chunks: jsonLineChunks,
      });
    },
  );
};
