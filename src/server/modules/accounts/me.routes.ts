import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { accountEndpoints as endpoints } from '../../../shared/api/accounts.js';
import { ForbiddenError } from '../../errors.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { AccountsService } from './accounts.service.js';
import { presentPublicProfile, presentToken, presentUser } from './accounts.presenters.js';

// What an account whose email is not verified yet may still change (REQUIRE_EMAIL_VERIFICATION).
const ownProfile = { allowUnverifiedEmail: true };

/** Passwords and tokens are managed from a browser session only: a token must not mint wider tokens. */
function requireSession(request: FastifyRequest, what: string) {
  const auth = requireUser(request);
  if (auth.via !== 'session') {
    throw new ForbiddenError(`${what} from a signed-in browser session.`, 'session_required');
  }
  return auth;
}

export const meRoutes: FastifyPluginAsync<{ accounts: AccountsService }> = async (
  app,
  { accounts },
) => {
  serveSignedIn(app, endpoints.me, async (_request, { user }) =>
    presentUser(await accounts.getUser(user.id)),
  );

  serveSignedIn(
    app,
    endpoints.updateMe,
    async (request, { user }) => presentUser(await accounts.updateProfile(user.id, request.body)),
    ownProfile,
  );

  serveEndpoint(
    app,
    endpoints.changePassword,
    async (request) => {
      await accounts.changePassword(
        requireSession(request, 'Change your password').user.id,
        request.body,
        request.sessionToken,
      );
      return { ok: true as const };
    },
    ownProfile,
  );

  serveSignedIn(app, endpoints.addRole, async (request, { user }) =>
    presentUser(await accounts.addRole(user.id, request.body.role)),
  );

  serveEndpoint(app, endpoints.publicProfile, async (request) =>
    presentPublicProfile(await accounts.getPublicProfile(request.params.idOrHandle)),
  );

  const manageTokens = 'Manage access tokens';

  serveEndpoint(app, endpoints.createToken, async (request) => {
    const { row, token } = await accounts.createToken(
      requireSession(request, manageTokens).user.id,
      request.body,
    );
    return { ...presentToken(row), token };
  });

  serveEndpoint(app, endpoints.listTokens, async (request) => ({
    items: (await accounts.listTokens(requireSession(request, manageTokens).user.id)).map(
      presentToken,
    ),
    nextCursor: null,
  }));

  serveEndpoint(app, endpoints.deleteToken, async (request) => {
    await accounts.deleteToken(requireSession(request, manageTokens).user.id, request.params.id);
    return { ok: true as const };
  });
};
