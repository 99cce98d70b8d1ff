import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { oauthEndpoints as endpoints } from '../../../shared/api/oauth.js';
import { ForbiddenError } from '../../errors.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { OAuthInteractionsService } from './oauth-interactions.service.js';

/** The raw request and response: the authorization server reads and sets its own cookies. */
const http = (request: FastifyRequest, reply: FastifyReply) => ({
  req: request.raw,
  res: reply.raw,
});

// Only a person signed in to Tessera in this browser can sign an app in.
function browserUser(request: FastifyRequest) {
  const auth = requireUser(request);
  if (auth.via !== 'session') {
    throw new ForbiddenError('Approve apps from a signed-in browser session.', 'session_required');
  }
  return auth.user;
}

/**
 * The consent page's API. The authorization server's interaction cookie (scoped to this path)
 * ties each request to the browser that started it; answers return `redirectTo`, where the page
 * sends the browser next.
 */
export const oauthInteractionsRoutes: FastifyPluginAsync<{
  interactions: OAuthInteractionsService;
}> = async (app, { interactions }) => {
  serveEndpoint(app, endpoints.interaction, async (request, reply) => {
    const viewer = request.auth?.via === 'session' ? request.auth.user : null;
    return interactions.details(http(request, reply), request.params.uid, viewer);
  });

  serveEndpoint(app, endpoints.continueAsMe, async (request, reply) => ({
    redirectTo: await interactions.login(
      http(request, reply),
      request.params.uid,
      browserUser(request),
    ),
  }));

  serveEndpoint(app, endpoints.consent, async (request, reply) => ({
    redirectTo: await interactions.consent(
      http(request, reply),
      request.params.uid,
      browserUser(request),
      request.body,
    ),
  }));

  serveEndpoint(app, endpoints.abort, async (request, reply) => ({
    redirectTo: await interactions.abort(http(request, reply), request.params.uid),
  }));
};
