import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { resultEndpoints as endpoints } from '../../../shared/api/results.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
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

export const resultsRoutes: FastifyPluginAsync<{ results: ResultsService }> = async (
  app,
  { results },
) => {
  const exports = [
    [
      endpoints.csv,
      'csv',
      { extension: 'csv', type: 'text/csv; charset=utf-8', chunks: csvChunks },
    ],
    [
      endpoints.json,
      'json',
      { extension: 'jsonl', type: 'application/x-ndjson; charset=utf-8', chunks: jsonLineChunks },
    ],
  ] as const;
  for (const [endpoint, format, file] of exports) {
    serveSignedIn(
      app,
      endpoint,
      async (request, { user }, reply) =>
        sendExport(
          reply,
          await results.open(user.id, request.params.id, request.query, format),
          file,
        ),
      // A HEAD would read the whole export only to drop it.
      { exposeHeadRoute: false },
    );
  }
};
