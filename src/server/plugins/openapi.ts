import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { SCOPE_DESCRIPTIONS, type Scope } from '../../shared/scopes.js';
import type { RouteAuth } from './auth.js';

type SecurityRequirement = Record<string, string[]>;

/**
 * What a route accepts, from the same `config.auth` the auth plugin enforces, so the document can
 * never promise less than the server checks. A list of scopes means any one of them: one
 * requirement per scope.
 */
export function securityFor(auth: RouteAuth | undefined): SecurityRequirement[] | undefined {
  if (auth === undefined || auth === 'external') return undefined;
  if (auth === 'public') return [];
  if (auth === 'optional') return [{}, { bearer: [] }, { session: [] }];
  const anyOf: readonly Scope[] = typeof auth.scope === 'string' ? [auth.scope] : auth.scope;
  return [
    { session: [] },
    ...anyOf.flatMap((scope): SecurityRequirement[] => [{ bearer: [scope] }, { oauth2: [scope] }]),
  ];
}

/** OpenAPI 3.1 generated from the routes' zod schemas, and a reference page over it. */
async function openApiPlugin(app: FastifyInstance, opts: { publicUrl: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Tessera API',
        version: '1',
        description:
          'Everything the Tessera web app does. Authenticate with the session cookie (plus the x-csrf-token header on mutations) or `Authorization: Bearer <token>`.',
      },
      servers: [{ url: opts.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
          oauth2: {
            type: 'oauth2',
            description: 'Tessera is its own OAuth 2.0 server; see docs/api-oauth.md.',
            flows: {
              authorizationCode: {
                authorizationUrl: `${opts.publicUrl}/oauth/authorize`,
                tokenUrl: `${opts.publicUrl}/oauth/token`,
                refreshUrl: `${opts.publicUrl}/oauth/token`,
                scopes: SCOPE_DESCRIPTIONS,
              },
              clientCredentials: {
                tokenUrl: `${opts.publicUrl}/oauth/token`,
                scopes: SCOPE_DESCRIPTIONS,
              },
            },
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
      const security = securityFor(input.route.config?.auth);
      return security === undefined
        ? transformed
        : { ...transformed, schema: { ...transformed.schema, security } };
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });
  app.get('/api/v1/openapi.json', { config: { auth: 'public' }, schema: { hide: true } }, () =>
    app.swagger(),
  );
}

export default fp(openApiPlugin, { name: 'openapi' });
