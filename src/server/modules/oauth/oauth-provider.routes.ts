import type { FastifyPluginAsync, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type Provider from 'oidc-provider';
import { OAUTH_ROUTES } from './oauth.provider.js';

type ProviderRoute = { url: string; methods: HTTPMethods[]; limited?: boolean };

const { authorization, code_verification, device_authorization, end_session } = OAUTH_ROUTES;

/**
 * Every path the authorization server answers. Listed rather than a wildcard so the web app's own
 * pages under /oauth (the consent page) stay with the web app. `limited` marks endpoints that take
 * secrets or guessable codes; they share the sign-in rate limit per address.
 */
const PROVIDER_ROUTES: ProviderRoute[] = [
  { url: '/.well-known/openid-configuration', methods: ['GET', 'OPTIONS'] },
  { url: '/.well-known/oauth-authorization-server', methods: ['GET', 'OPTIONS'] },
  { url: authorization, methods: ['GET'] },
  { url: `${authorization}/:uid`, methods: ['GET'] },
  { url: OAUTH_ROUTES.token, methods: ['POST', 'OPTIONS'], limited: true },
  { url: OAUTH_ROUTES.userinfo, methods: ['GET', 'POST', 'OPTIONS'] },
  { url: OAUTH_ROUTES.jwks, methods: ['GET', 'OPTIONS'] },
  { url: OAUTH_ROUTES.revocation, methods: ['POST', 'OPTIONS'], limited: true },
  { url: OAUTH_ROUTES.introspection, methods: ['POST', 'OPTIONS'], limited: true },
  { url: device_authorization, methods: ['POST', 'OPTIONS'], limited: true },
  { url: code_verification, methods: ['GET', 'POST'], limited: true },
  { url: `${code_verification}/:uid`, methods: ['GET'] },
  // The server's own way out when a different Tessera user signs in mid-flow.
  { url: `${end_session}/confirm`, methods: ['POST'] },
];

/**
 * Mounts oidc-provider (a Koa app) on Fastify: each route hands the raw request and response to
 * the provider. Bodies are left unread for the provider to parse itself.
 */
export const oauthProviderRoutes: FastifyPluginAsync<{
  provider: Provider;
  rateLimit: { max: number; timeWindow: number };
  publicUrl: string;
}> = async (app, opts) => {
  const site = new URL(opts.publicUrl);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  // The provider answers its own errors; log the unexpected ones with the app's logger.
  opts.provider.on('server_error', (_ctx, error) =>
    app.log.error({ err: error }, 'authorization server error'),
  );
  const callback = opts.provider.callback();

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    // Headers set by Fastify hooks so far (request id, security headers, rate limits) would be
    // lost with the reply hijacked; the provider also extends the CSP for its own form posts.
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) reply.raw.setHeader(name, value);
    }
    // Koa reads the client's address, protocol and host from forwarded headers: the address is
    // what Fastify concluded under TRUST_PROXY, and the site is PUBLIC_URL, so a client cannot
    // point the endpoints the provider publishes at another host with its Host header.
    const { headers } = request.raw;
    headers['x-forwarded-proto'] = site.protocol.slice(0, -1);
    headers['x-forwarded-for'] = request.ip;
    headers['x-forwarded-host'] = site.host;
    reply.hijack();
    await callback(request.raw, reply.raw);
  }

  for (const route of PROVIDER_ROUTES) {
    app.route({
      method: route.methods,
      url: route.url,
      config: { auth: 'external', ...(route.limited && { rateLimit: opts.rateLimit }) },
      schema: { hide: true },
      handler: handle,
    });
  }
};
