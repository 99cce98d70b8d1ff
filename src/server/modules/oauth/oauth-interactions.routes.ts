import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  oauthConsentBodySchema,
  oauthInteractionParamsSchema,
  oauthInteractionSchema,
  oauthRedirectSchema,
} from '../../../shared/api/oauth.js';
import { ForbiddenError } from '../../errors.js';
import { requireUser } from '../../plugins/auth.js';
import type { OAuthInteractionsService } from './oauth-interactions.service.js';

/**
 * The consent page's API. The authorization server's interaction cookie (scoped to this path)
 * ties each request to the browser that started it; answers return `redirectTo`, where the page
 * sends the browser next.
 */
export const oauthInteractionsRoutes: FastifyPluginAsyncZod<{
  interactions: OAuthInteractionsService;
}> = async (app, opts) => {
  const { interactions } = opts;
  const tags = ['oauth consent'];
  const http = (request: FastifyRequest, reply: FastifyReply) => ({
    req: request.raw,
    res: reply.raw,
  });

  // Only a person signed in to Tessera in this browser can sign an app in.
  function browserUser(request: FastifyRequest) {
    const auth = requireUser(request);
    if (auth.via !== 'session') {
      throw new ForbiddenError(
        'Approve apps from a signed-in browser session.',
        'session_required',
      );
    }
    return auth.user;
  }

  app.get(
    '/oauth/interactions/:uid',
    {
      config: { auth: 'optional' },
      schema: {
        tags,
        summary: 'What an app is asking for (for the consent page)',
        params: oauthInteractionParamsSchema,
        response: { 200: oauthInteractionSchema },
      },
    },
    async (request, reply) => {
      const viewer = request.auth?.via === 'session' ? request.auth.user : null;
      return interactions.details(http(request, reply), request.params.uid, viewer);
    },
  );

  app.post(
    '/oauth/interactions/:uid/login',
    {
      config: { auth: { scope: 'profile' } },
      schema: {
        tags,
        summary: 'Continue as the signed-in user (an app already approved)',
        params: oauthInteractionParamsSchema,
        response: { 200: oauthRedirectSchema },
      },
    },
    async (request, reply) => ({
      redirectTo: await interactions.login(
        http(request, reply),
        request.params.uid,
        browserUser(request),
      ),
    }),
  );

  app.post(
    '/oauth/interactions/:uid/consent',
    {
      config: { auth: { scope: 'profile' } },
      schema: {
        tags,
        summary: 'Approve or deny the app',
        params: oauthInteractionParamsSchema,
        body: oauthConsentBodySchema,
        response: { 200: oauthRedirectSchema },
      },
    },
    async (request, reply) => ({
      redirectTo: await interactions.consent(
        http(request, reply),
        request.params.uid,
        browserUser(request),
        request.body,
      ),
    }),
  );

  app.post(
    '/oauth/interactions/:uid/abort',
    {
      config: { auth: 'optional' },
      schema: {
        tags,
        summary: 'Cancel the request (the app is told access was denied)',
        params: oauthInteractionParamsSchema,
        response: { 200: oauthRedirectSchema },
      },
    },
    async (request, reply) => ({
      redirectTo: await interactions.abort(http(request, reply), request.params.uid),
    }),
  );
};
