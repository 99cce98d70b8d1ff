import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { oauthEndpoints as endpoints } from '../../../shared/api/oauth.js';
import { ForbiddenError } from '../../errors.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { OAuthService } from './oauth.service.js';
import { presentClient, presentGrant } from './oauth.presenters.js';

/**
 * App registration and connected apps. Both are managed from a signed-in browser session only:
 * an access token must not mint clients or grants of its own.
 */
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

export const oauthRoutes: FastifyPluginAsync<{ oauth: OAuthService }> = async (app, { oauth }) => {
  serveEndpoint(app, endpoints.createClient, async (request) => {
    const { row, clientSecret } = await oauth.createClient(sessionUserId(request), request.body);
    return { ...presentClient(row), clientSecret };
  });

  serveEndpoint(app, endpoints.listClients, async (request) => ({
    items: (await oauth.listClients(sessionUserId(request))).map(presentClient),
    nextCursor: null,
  }));

  serveEndpoint(app, endpoints.getClient, async (request) =>
    presentClient(await oauth.getClient(sessionUserId(request), request.params.id)),
  );

  serveEndpoint(app, endpoints.updateClient, async (request) =>
    presentClient(
      await oauth.updateClient(sessionUserId(request), request.params.id, request.body),
    ),
  );

  serveEndpoint(app, endpoints.rotateSecret, async (request) => {
    const { row, clientSecret } = await oauth.rotateSecret(
      sessionUserId(request),
      request.params.id,
    );
    return { ...presentClient(row), clientSecret };
  });

  serveEndpoint(app, endpoints.deleteClient, async (request) => {
    await oauth.deleteClient(sessionUserId(request), request.params.id);
    return { ok: true as const };
  });

  serveEndpoint(app, endpoints.listGrants, async (request) => ({
    items: (await oauth.listGrants(sessionUserId(request))).map(presentGrant),
    nextCursor: null,
  }));

  serveEndpoint(app, endpoints.revokeGrant, async (request) => {
    await oauth.revokeGrants(sessionUserId(request), request.params.clientId);
    return { ok: true as const };
  });
};
