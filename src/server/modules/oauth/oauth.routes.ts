import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okSchema } from '../../../shared/api/common.js';
import {
  createdOAuthClientSchema,
  createOAuthClientBodySchema,
  oauthClientIdParamsSchema,
  oauthClientListSchema,
  oauthClientSchema,
  oauthGrantListSchema,
  oauthGrantParamsSchema,
  updateOAuthClientBodySchema,
} from '../../../shared/api/oauth.js';
import { ForbiddenError } from '../../errors.js';
import { requireUser } from '../../plugins/auth.js';
import type { OAuthService } from './oauth.service.js';
import { presentClient, presentGrant } from './oauth.presenters.js';

/**
 * App registration and connected apps. Both are managed from a signed-in browser session only:
 * an access token must not mint clients or grants of its own.
 */
export const oauthRoutes: FastifyPluginAsyncZod<{ oauth: OAuthService }> = async (app, opts) => {
  const { oauth } = opts;
  const config = { auth: { scope: 'profile' } } as const;
  const clientTags = ['oauth clients'];
  const grantTags = ['connected apps'];

  function sessionUserId(request: FastifyRequest) {
    const auth = requireUser(request);
    if (auth.via !== 'session') {
      throw new ForbiddenError(
        'Manage OAuth apps from a signed-in browser session.',
        'session_required',
      );
    }
    return auth.user.id;
  }

  app.post(
    '/oauth-clients',
    {
      config,
      schema: {
        tags: clientTags,
        summary: 'Register an OAuth client (a confidential client’s secret is shown once)',
        body: createOAuthClientBodySchema,
        response: { 201: createdOAuthClientSchema },
      },
    },
    async (request, reply) => {
      const { row, clientSecret } = await oauth.createClient(sessionUserId(request), request.body);
      return reply.status(201).send({ ...presentClient(row), clientSecret });
    },
  );

  app.get(
    '/oauth-clients',
    {
      config,
      schema: {
        tags: clientTags,
        summary: 'My OAuth clients',
        response: { 200: oauthClientListSchema },
      },
    },
    async (request) => ({
      items: (await oauth.listClients(sessionUserId(request))).map(presentClient),
      nextCursor: null,
    }),
  );

  app.get(
    '/oauth-clients/:id',
    {
      config,
      schema: {
        tags: clientTags,
        summary: 'One of my OAuth clients',
        params: oauthClientIdParamsSchema,
        response: { 200: oauthClientSchema },
      },
    },
    async (request) =>
      presentClient(await oauth.getClient(sessionUserId(request), request.params.id)),
  );

  app.patch(
    '/oauth-clients/:id',
    {
      config,
      schema: {
        tags: clientTags,
        summary: 'Rename a client, or change its redirect URIs or scopes',
        params: oauthClientIdParamsSchema,
        body: updateOAuthClientBodySchema,
        response: { 200: oauthClientSchema },
      },
    },
    async (request) =>
      presentClient(
        await oauth.updateClient(sessionUserId(request), request.params.id, request.body),
      ),
  );

  app.post(
    '/oauth-clients/:id/secret',
    {
      config,
      schema: {
        tags: clientTags,
        summary: 'Replace a confidential client’s secret (the new one is shown once)',
        params: oauthClientIdParamsSchema,
        response: { 200: createdOAuthClientSchema },
      },
    },
    async (request) => {
      const { row, clientSecret } = await oauth.rotateSecret(
        sessionUserId(request),
        request.params.id,
      );
      return { ...presentClient(row), clientSecret };
    },
  );

  app.delete(
    '/oauth-clients/:id',
    {
      config,
      schema: {
        tags: clientTags,
        summary: 'Delete a client and revoke all its tokens',
        params: oauthClientIdParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await oauth.deleteClient(sessionUserId(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/me/oauth-grants',
    {
      config,
      schema: {
        tags: grantTags,
        summary: 'Apps I have connected to my account',
        response: { 200: oauthGrantListSchema },
      },
    },
    async (request) => ({
      items: (await oauth.listGrants(sessionUserId(request))).map(presentGrant),
      nextCursor: null,
    }),
  );

  app.delete(
    '/me/oauth-grants/:clientId',
    {
      config,
      schema: {
        tags: grantTags,
        summary: 'Disconnect an app: revoke its access and refresh tokens',
        params: oauthGrantParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await oauth.revokeGrants(sessionUserId(request), request.params.clientId);
      return { ok: true as const };
    },
  );
};
