import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIVE_EVENT_SCOPES } from '../../../shared/live-events.js';
import { ForbiddenError, UnauthorizedError } from '../../errors.js';
import { requireUser, type BearerAuthenticator } from '../../plugins/auth.js';
import type { LiveHub } from './live-hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's WebSocket clients: `closeAll()` sends 1001 going-away to every one. */
    live: LiveHub;
  }
}

/** Clients send nothing the server reads; anything bigger than this closes the socket. */
const MAX_CLIENT_MESSAGE_BYTES = 1024;

const liveScopes = [...new Set(Object.values(LIVE_EVENT_SCOPES))];

/**
 * A browser always sends Origin on a WebSocket upgrade, and cookies ride along whatever page
 * opened it: a cookie-authenticated socket is accepted only from this app's own origin, or any
 * page on the web could listen in as the signed-in user (cross-site WebSocket hijacking).
 */
function assertSameOrigin(request: FastifyRequest, publicUrl: string) {
  const origin = request.headers.origin;
  let host: string | undefined;
  try {
    host = origin ? new URL(origin).host : undefined;
  } catch {
    host = undefined;
  }
  if (host === undefined || (host !== request.headers.host && host !== new URL(publicUrl).host)) {
    throw new ForbiddenError(
      'A session cookie is accepted only from pages of this site; other clients use a token.',
      'origin_not_allowed',
    );
  }
}

/**
 * `GET /api/v1/ws`: the live-event stream. Authenticated like any route (session cookie, or
 * `Authorization: Bearer`), and also by an `access_token` query parameter for clients that cannot
 * set headers on a WebSocket (browsers' own API cannot). A plain route, not a declared endpoint
 * (src/shared/api): it upgrades to a socket, answers no JSON, and no client calls it with `call`.
 */
export const liveRoutes: FastifyPluginAsyncZod<{
  bearerAuthenticators: readonly BearerAuthenticator[];
  publicUrl: string;
}> = async (app, { bearerAuthenticators, publicUrl }) => {
  app.get(
    '/ws',
    {
      websocket: true,
      config: { auth: { scope: liveScopes } },
      schema: {
        querystring: z.strictObject({ access_token: z.string().min(1).max(4096).optional() }),
      },
      // After the auth plugin's own onRequest: only when no header or cookie authenticated.
      onRequest: async (request) => {
        // Before validation: the query is whatever the client sent, checked just below.
        const token = (request.query as { access_token?: unknown }).access_token;
        if (request.auth || typeof token !== 'string' || token === '') return;
        for (const authenticate of bearerAuthenticators) {
          const auth = await authenticate(token);
          if (auth) {
            request.auth = auth;
            return;
          }
        }
        throw new UnauthorizedError(
          'The access token is invalid, expired or revoked.',
          'invalid_token',
        );
      },
      preHandler: async (request) => {
        if (requireUser(request).via === 'session') assertSameOrigin(request, publicUrl);
      },
    },
    (socket, request) => {
      const auth = requireUser(request);
      // Behind the proxies TRUST_PROXY lists, the client's own address (X-Forwarded-For).
      app.live.add(
        socket,
        { userId: auth.user.id, roles: auth.user.roles, scopes: auth.scopes },
        request.ip,
      );
    },
  );
};

/**
 * The WebSocket server, registered before authentication: its request hook must run on every
 * upgrade, so that an upgrade refused by an earlier hook (a bad token) still has its socket
 * closed after the refusal is sent. Closing the app closes every client with 1001.
 */
export const liveSocketServer = fp(
  async (app: FastifyInstance, { hub }: { hub: LiveHub }) => {
    app.decorate('live', hub);
    await app.register(websocket, {
      options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES },
      preClose(done) {
        hub.close();
        this.websocketServer.close(() => done());
      },
    });
  },
  { name: 'live-socket-server' },
);

/** Request URLs as logged: an access token in the query string is a secret. */
export function redactAccessToken(url: string): string {
  return url.replace(/([?&]access_token=)[^&#]*/gi, '$1[redacted]');
}
