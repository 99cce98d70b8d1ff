import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminUserQuerySchema,
  userIdParamsSchema,
  userSchema,
} from '../../../shared/api/accounts.js';
import { pageOf } from '../../../shared/api/common.js';
import { requireUser } from '../../plugins/auth.js';
import type { AccountsService } from './accounts.service.js';
import { presentUser } from './accounts.presenters.js';

export const adminRoutes: FastifyPluginAsyncZod<{ accounts: AccountsService }> = async (
  app,
  opts,
) => {
  const { accounts } = opts;
  const tags = ['admin'];
  const adminOnly = { auth: { scope: 'admin', roles: ['admin'] } } as const;

  app.get(
    '/admin/users',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'List and search users',
        querystring: adminUserQuerySchema,
        response: { 200: pageOf(userSchema) },
      },
    },
    async (request) => {
      const page = await accounts.listUsers(request.query);
      return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
    },
  );

  for (const [action, status] of [
    ['suspend', 'suspended'],
    ['reinstate', 'active'],
  ] as const) {
    app.post(
      `/admin/users/:id/${action}`,
      {
        config: adminOnly,
        schema: {
          tags,
          summary:
            action === 'suspend'
              ? 'Suspend a user (ends their sessions)'
              : 'Reinstate a suspended user',
          params: userIdParamsSchema,
          response: { 200: userSchema },
        },
      },
      async (request) =>
        presentUser(
          await accounts.setStatus(requireUser(request).user.id, request.params.id, status),
        ),
    );
  }
};
