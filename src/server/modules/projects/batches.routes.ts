import { on } from 'node:events';
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf } from '../../../shared/api/common.js';
import {
  batchListQuerySchema,
  batchParamsSchema,
  deletedBatchSchema,
  batchQuerySchema,
  batchSchema,
  jsonBatchBodySchema,
  jsonRowsSchema,
  PROJECT_LIMITS,
  projectParamsSchema,
  taskListQuerySchema,
  taskSchema,
} from '../../../shared/api/projects.js';
import { PayloadTooLargeError, ValidationError } from '../../errors.js';
import { requireUser } from '../../plugins/auth.js';
import { idempotencyHeaders, idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import type { BatchWithdrawal } from './batch-withdrawal.service.js';
import type { BatchesService, BatchInput } from './batches.service.js';
import { presentBatch, presentTask } from './projects.presenters.js';

const read = { auth: { scope: 'projects:read', roles: ['requester'] } } as const;
const write = { auth: { scope: 'projects:write', roles: ['requester'] } } as const;

/**
 * The request's bytes as they arrive, paused while the parser is behind. Giving up early leaves
 * the request stream alive (see the handler) so the error response can still be sent.
 */
async function* requestChunks(stream: Readable): AsyncGenerator<Buffer> {
  for await (const [chunk] of on(stream, 'data', { close: ['end'], highWaterMark: 64 })) {
    yield chunk as Buffer;
  }
}

function jsonRows(body: unknown): { input: BatchInput; filename: string | undefined } {
  const result = Array.isArray(body)
    ? jsonRowsSchema.safeParse(body)
    : jsonBatchBodySchema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 10).map((issue) => ({
      path: ['body', ...issue.path].join('.'),
      message: issue.message,
    }));
    throw new ValidationError(
      `Invalid input — ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  const data = result.data;
  return Array.isArray(data)
    ? { input: { kind: 'json', rows: data }, filename: undefined }
    : { input: { kind: 'json', rows: data.rows }, filename: data.filename };
}

export const batchesRoutes: FastifyPluginAsyncZod<{
  batches: BatchesService;
  withdrawal: BatchWithdrawal;
}> = async (app, { batches, withdrawal }) => {
  const tags = ['projects'];

  // CSV streams into the parser instead of being buffered; only this plugin's routes see it.
  app.addContentTypeParser('text/csv', (request, payload, done) => {
    const declared = Number(request.headers['content-length']);
    if (declared > PROJECT_LIMITS.batchBytes) {
      done(
        new PayloadTooLargeError(
          `The upload is larger than the limit of ${PROJECT_LIMITS.batchBytes} bytes.`,
          { limitBytes: PROJECT_LIMITS.batchBytes },
        ),
        undefined,
      );
      return;
    }
    done(null, payload);
  });

  app.post(
    '/projects/:id/batches',
    {
      // The importer names the CSV line or row and column of text PostgreSQL cannot store.
      config: { ...write, checksOwnText: true },
      bodyLimit: PROJECT_LIMITS.batchBytes,
      schema: {
        tags,
        summary: 'Upload a batch of rows: text/csv (header row first) or JSON { rows: [...] }',
        description: `Every row becomes a task; all or nothing. Limits: ${PROJECT_LIMITS.batchBytes} bytes, ${PROJECT_LIMITS.batchRows} rows, ${PROJECT_LIMITS.batchColumns} columns. A CSV may be separated by commas, semicolons or tabs (delimiter, found in the header line by default). Cells the template uses as web addresses or numbers are checked (400 invalid_cells, naming line, column and value). Adding a batch to a published project escrows for it. Send an Idempotency-Key to make retries safe.`,
        params: projectParamsSchema,
        querystring: batchQuerySchema,
        headers: idempotencyHeaders,
        response: { 201: batchSchema, 200: batchSchema },
      },
    },
    async (request, reply) => {
      const body: unknown = request.body;
      const csv = body instanceof Readable;
      const { input, filename } = csv
        ? {
            input: {
              kind: 'csv',
              source: requestChunks(body),
              delimiter: request.query.delimiter === 'auto' ? undefined : request.query.delimiter,
            } as const,
            filename: undefined,
          }
        : jsonRows(body);
      try {
        const { batch, replayed } = await batches.add(
          requireUser(request).user.id,
          request.params.id,
          input,
          {
            filename: request.query.filename ?? filename ?? null,
            idempotency: idempotencyScopeOf(request),
          },
        );
        return await reply.status(replayed ? 200 : 201).send(presentBatch(batch));
      } catch (error) {
        if (csv && !body.readableEnded) {
          // Refused before the end of the upload: discard the rest and close the connection
          // once the error is sent, rather than reading a large upload we will not use.
          reply.header('connection', 'close');
          body.resume();
        }
        throw error;
      }
    },
  );

  app.get(
    '/projects/:id/batches',
    {
      config: read,
      schema: {
        tags,
        summary: "A project's batches, newest first",
        params: projectParamsSchema,
        querystring: batchListQuerySchema,
        response: { 200: pageOf(batchSchema) },
      },
    },
    async (request) => {
      const page = await batches.list(
        requireUser(request).user.id,
        request.params.id,
        request.query,
      );
      return { items: page.items.map(presentBatch), nextCursor: page.nextCursor };
    },
  );

  app.delete(
    '/projects/:id/batches/:batchId',
    {
      config: write,
      schema: {
        tags,
        summary: "Delete a draft project's batch and its tasks",
        description:
          "Only while the project is a draft (nothing was charged for it); a published or paused project's batch is cancelled instead (409 invalid_state). Deleting it again answers 404.",
        params: batchParamsSchema,
        response: { 200: deletedBatchSchema },
      },
    },
    async (request) =>
      withdrawal.deleteDraftBatch(
        requireUser(request).user.id,
        request.params.id,
        request.params.batchId,
      ),
  );

  app.post(
    '/projects/:id/batches/:batchId/cancel',
    {
      config: write,
      schema: {
        tags,
        summary: "Cancel a published project's batch: close its untaken tasks, return their escrow",
        description:
          'Slots nobody has taken close and their escrow returns to available funds (releasedCents); accepted and submitted work stays and is paid as usual. Slots such work gives back later close too. Cancelling again answers the batch as it is.',
        params: batchParamsSchema,
        response: { 200: batchSchema },
      },
    },
    async (request) =>
      presentBatch(
        await withdrawal.cancelBatch(
          requireUser(request).user.id,
          request.params.id,
          request.params.batchId,
        ),
      ),
  );

  app.get(
    '/projects/:id/tasks',
    {
      config: read,
      schema: {
        tags,
        summary: "A project's tasks in upload order",
        params: projectParamsSchema,
        querystring: taskListQuerySchema,
        response: { 200: pageOf(taskSchema) },
      },
    },
    async (request) => {
      const page = await batches.listTasks(
        requireUser(request).user.id,
        request.params.id,
        request.query,
      );
      return { items: page.items.map(presentTask), nextCursor: page.nextCursor };
    },
  );
};
