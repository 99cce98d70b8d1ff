import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userSchema } from '../../../shared/api/accounts.js';
import { setupAdminBodySchema } from '../../../shared/api/setup.js';
import { presentUser } from '../accounts/accounts.presenters.js';
import type { SetupService } from './setup.service.js';

export type SetupRoutesOptions = {
  setup: SetupService;
  rateLimit: { max: number; timeWindow: number };
};

export const setupRoutes: FastifyPluginAsyncZod<SetupRoutesOptions> = async (app, opts) => {
  const { setup, rateLimit } = opts;

  app.post(
    '/setup/admin',
    {
      // Public, but only the holder of a live one-time link gets anywhere (and only once).
      config: { auth: 'public', rateLimit },
      schema: {
        tags: ['setup'],
        summary: 'Create the first administrator with the setup link the server printed',
        body: setupAdminBodySchema,
        response: { 201: z.object({ user: userSchema }) },
      },
    },
    async (request, reply) => {
      const user = await setup.createFirstAdmin(request.body);
      return reply.status(201).send({ user: presentUser(user) });
    },
  );
};
