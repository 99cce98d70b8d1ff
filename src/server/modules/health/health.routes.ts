import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../db/database.js';
import { sendError } from '../../plugins/error-handler.js';

const READY_TIMEOUT_MS = 2_000;

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const status = z.object({ status: z.string() });
  app.get(
    '/healthz',
    {
      config: { auth: 'public' },
      schema: { tags: ['operations'], summary: 'The process is up', response: { 200: status } },
    },
    () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { auth: 'public' },
      schema: { tags: ['operations'], summary: 'The database answers', response: { 200: status } },
    },
    async (_request, reply) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS);
      });
      try {
        await Promise.race([sql`select 1`.execute(db), timeout]);
        return { status: 'ready' };
      } catch {
        return sendError(reply, 503, 'unavailable', 'The database is not reachable.');
      } finally {
        clearTimeout(timer);
      }
    },
  );
};
