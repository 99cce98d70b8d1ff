import { on } from 'node:events';
import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { batchEndpoints as endpoints } from '../../../shared/api/batches.js';
import {
  jsonBatchBodySchema,
  jsonRowsSchema,
  PROJECT_LIMITS,
} from '../../../shared/api/projects.js';
import { PayloadTooLargeError, ValidationError } from '../../errors.js';
import { presentPage } from '../../lib/present-page.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import type { BatchWithdrawal } from './batch-withdrawal.service.js';
import type { BatchesService, BatchInput } from './batches.service.js';
import { presentBatch, presentTask } from './projects.presenters.js';

/**
 * The request's bytes as they arrive, paused while the parser is behind. Giving up early leaves
 * the request stream alive (see the handler) so the error response can still be sent.
 */
async function* requestChunks(stream: Readable): AsyncGenerator<Buffer> {
  for await (const [chunk] of on(stream, 'data', { close: ['end'], highWaterMark: 64 })) {
    // A request stream without an encoding emits Buffers; events.on types what it yields as any.
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

export const batchesRoutes: FastifyPluginAsync<{
  batches: BatchesService;
  withdrawal: BatchWithdrawal;
}> = async (app, { batches, withdrawal }) => {
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

  serveSignedIn(
    app,
    endpoints.upload,
    async (request, { user }, reply) => {
      const body = request.body;
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
        const { batch, replayed } = await batches.add(user.id, request.params.id, input, {
          filename: request.query.filename ?? filename ?? null,
          idempotency: idempotencyScopeOf(request),
        });
        if (replayed) reply.code(200);
        return presentBatch(batch);
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
    // The importer names the CSV line or row and column of text PostgreSQL cannot store.
    { bodyLimit: PROJECT_LIMITS.batchBytes, checksOwnText: true },
  );

  serveSignedIn(app, endpoints.list, async ({ params, query }, { user }) =>
    presentPage(await batches.list(user.id, params.id, query), presentBatch),
  );

  serveSignedIn(app, endpoints.deleteDraft, async ({ params }, { user }) =>
    withdrawal.deleteDraftBatch(user.id, params.id, params.batchId),
  );

  serveSignedIn(app, endpoints.cancel, async ({ params }, { user }) =>
    presentBatch(await withdrawal.cancelBatch(user.id, params.id, params.batchId)),
  );

  serveSignedIn(app, endpoints.tasks, async ({ params, query }, { user }) =>
    presentPage(await batches.listTasks(user.id, params.id, query), presentTask),
  );
};
