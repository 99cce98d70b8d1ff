import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import { LIMITS } from '../shared/limits.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createAccountsRepository } from './modules/accounts/accounts.repository.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { adminRoutes } from './modules/accounts/admin.routes.js';
import { authRoutes } from './modules/accounts/auth.routes.js';
import { meRoutes } from './modules/accounts/me.routes.js';
import { createSessionsRepository } from './modules/accounts/sessions.repository.js';
import { createTokensRepository } from './modules/accounts/tokens.repository.js';
import { healthRoutes } from './modules/health/health.routes.js';
import auth from './plugins/auth.js';
import errorHandler from './plugins/error-handler.js';
import metrics from './plugins/metrics.js';
import openApi from './plugins/openapi.js';
import web from './plugins/web.js';

export type AppDeps = {
  config: Config;
  db: Db;
  clock?: Clock;
  redis?: Redis | undefined;
  webDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Sign-in and sign-up attempts per minute and address. */
  authRateLimitPerMinute?: number;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function createServices(deps: { db: Db; clock: Clock }) {
  const accounts = createAccountsService({
    accounts: createAccountsRepository(deps.db),
    sessions: createSessionsRepository(deps.db),
    tokens: createTokensRepository(deps.db),
    clock: deps.clock,
  });
  return { accounts };
}

export async function buildApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const secureCookies = deps.config.publicUrl.startsWith('https:');
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: LIMITS.jsonBodyBytes,
    trustProxy: true,
    // Honour a caller's (or nginx's) request id when it is sane, else make one.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const services = createServices({ db: deps.db, clock });

  await app.register(errorHandler);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        mediaSrc: ["'self'", 'https:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        frameSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: secureCookies,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'tessera-rl-', skipOnError: true } : {}),
  });
  await app.register(metrics);
  await app.register(auth, {
    authenticateSession: (token) => services.accounts.authenticateSession(token),
    bearerAuthenticators: [(token) => services.accounts.authenticateToken(token)],
    secureCookies,
  });
  await app.register(openApi, { publicUrl: deps.config.publicUrl });

  await app.register(healthRoutes, { db: deps.db });
  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db: deps.db });
      await api.register(authRoutes, {
        accounts: services.accounts,
        secureCookies,
        authRateLimit: { max: deps.authRateLimitPerMinute ?? 20, timeWindow: 60_000 },
      });
      await api.register(meRoutes, { accounts: services.accounts });
      await api.register(adminRoutes, { accounts: services.accounts });
    },
    { prefix: '/api/v1' },
  );
  await app.register(web, { webDir: deps.webDir });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
