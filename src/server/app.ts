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
import { createLedgerRepository } from './modules/ledger/ledger.repository.js';
import { ledgerRoutes } from './modules/ledger/ledger.routes.js';
import { createLedgerService } from './modules/ledger/ledger.service.js';
import { createProjectsModule } from './modules/projects/projects.module.js';
import { projectsRoutes } from './modules/projects/projects.routes.js';
import { qualificationsRoutes } from './modules/qualifications/qualifications.routes.js';
import { createQualificationsService } from './modules/qualifications/qualifications.service.js';
import { createOAuth, createOAuthSweep } from './modules/oauth/oauth.module.js';
import { oauthInteractionsRoutes } from './modules/oauth/oauth-interactions.routes.js';
import { oauthProviderRoutes } from './modules/oauth/oauth-provider.routes.js';
import { oauthRoutes } from './modules/oauth/oauth.routes.js';
import auth from './plugins/auth.js';
import errorHandler from './plugins/error-handler.js';
import metrics from './plugins/metrics.js';
import openApi from './plugins/openapi.js';
import rateLimits, { DEFAULT_RATE_LIMITS, type RateLimitSettings } from './plugins/rate-limits.js';
import web from './plugins/web.js';
import { createFeedRepository } from './modules/work/feed.repository.js';
import { createFeedService } from './modules/work/feed.service.js';
import { createWorkRepository } from './modules/work/work.repository.js';
import { workRoutes } from './modules/work/work.routes.js';
import { createWorkService } from './modules/work/work.service.js';
import { createNotificationsService } from './modules/notifications/notifications.service.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { resultsRoutes } from './modules/results/results.routes.js';
import { createResultsService } from './modules/results/results.service.js';
import { createReviewModule } from './modules/review/review.module.js';
import { reviewRoutes } from './modules/review/review.routes.js';
import { createPayoutsModule } from './modules/payouts/payouts.module.js';
import { payoutsRoutes } from './modules/payouts/payouts.routes.js';
import { createSweeps } from './sweeps/index.js';
import { startSweeps } from './sweeps/runner.js';

export type AppDeps = {
  config: Config;
  db: Db;
  clock?: Clock;
  redis?: Redis | undefined;
  webDir?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Sign-in and sign-up attempts per minute and address. */
  authRateLimitPerMinute?: number;
  /** Run the background sweeps in this process (the server does; tests call them directly). */
  runSweeps?: boolean;
  /** Per-caller limits by route class (defaults in plugins/rate-limits.ts). */
  rateLimits?: Partial<RateLimitSettings>;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function createServices(deps: { db: Db; clock: Clock; config: Config }) {
  const accountsRepository = createAccountsRepository(deps.db);
  const accounts = createAccountsService({
    accounts: accountsRepository,
    sessions: createSessionsRepository(deps.db),
    tokens: createTokensRepository(deps.db),
    clock: deps.clock,
  });
  const ledger = createLedgerService({
    db: deps.db,
    ledger: createLedgerRepository(deps.db),
    accounts: accountsRepository,
    feePercent: deps.config.platformFeePercent,
    paymentsSandbox: deps.config.paymentsSandbox,
  });
  const qualifications = createQualificationsService({ db: deps.db, clock: deps.clock });
  // Before the services that announce changes (review, ledger sweeps) so they can be given it.
  const notifications = createNotificationsService({ db: deps.db, clock: deps.clock });
  const notify = (trx: Db, notice: Parameters<typeof notifications.notify>[1]) =>
    notifications.notify(trx, notice);
  const review = createReviewModule({
    db: deps.db,
    clock: deps.clock,
    ledger,
    feePercent: deps.config.platformFeePercent,
    notify,
  });
  const payouts = createPayoutsModule({
    db: deps.db,
    clock: deps.clock,
    ledger,
    payoutMinimumCents: deps.config.payoutMinimumCents,
    notify,
  });
  const projects = createProjectsModule({
    db: deps.db,
    clock: deps.clock,
    ledger,
    settlement: review.settlement,
    qualifications,
    feePercent: deps.config.platformFeePercent,
  });
  const feed = createFeedService({
    feed: createFeedRepository(deps.db),
    qualifications,
    clock: deps.clock,
  });
  const work = createWorkService({
    db: deps.db,
    work: createWorkRepository(deps.db),
    qualifications,
    feed,
    clock: deps.clock,
  });
  const results = createResultsService({ db: deps.db, clock: deps.clock });
  return {
    accounts,
    ledger,
    qualifications,
    projects,
    work,
    feed,
    notifications,
    results,
    review,
    payouts,
  };
}

export async function buildApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const secureCookies = deps.config.publicUrl.startsWith('https:');
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: LIMITS.jsonBodyBytes,
    // Only a proxy we run (nginx on this host by default) may say who the client is; otherwise
    // anyone could dodge per-address rate limits with their own X-Forwarded-For.
    trustProxy: deps.config.trustProxy,
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

  const services = createServices({ db: deps.db, clock, config: deps.config });
  const oauth = await createOAuth({
    db: deps.db,
    config: deps.config,
    clock,
    accounts: services.accounts,
  });
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };

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
    // RateLimit-Limit / -Remaining / -Reset (the IETF draft names) instead of X-RateLimit-*.
    enableDraftSpec: true,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'tessera-rl-', skipOnError: true } : {}),
  });
  await app.register(metrics);
  await app.register(auth, {
    authenticateSession: (token) => services.accounts.authenticateSession(token),
    bearerAuthenticators: [
      (token) => services.accounts.authenticateToken(token),
      (token) => oauth.service.authenticateBearer(token),
    ],
    secureCookies,
  });
  await app.register(rateLimits, { limits });
  await app.register(openApi, { publicUrl: deps.config.publicUrl });

  await app.register(healthRoutes, { db: deps.db });
  await app.register(oauthProviderRoutes, {
    provider: oauth.provider,
    rateLimit: { max: limits.oauth, timeWindow: limits.windowMs },
  });
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
      await api.register(ledgerRoutes, { ledger: services.ledger });
      await api.register(qualificationsRoutes, { qualifications: services.qualifications });
      await api.register(projectsRoutes, services.projects);
      await api.register(workRoutes, {
        work: services.work,
        feed: services.feed,
        review: services.review.review,
      });
      await api.register(reviewRoutes, services.review);
      await api.register(payoutsRoutes, services.payouts);
      await api.register(notificationsRoutes, { notifications: services.notifications });
      await api.register(resultsRoutes, { results: services.results });
      await api.register(oauthRoutes, { oauth: oauth.service });
      await api.register(oauthInteractionsRoutes, { interactions: oauth.interactions });
    },
    { prefix: '/api/v1' },
  );
  await app.register(web, { webDir: deps.webDir });

  if (deps.runSweeps) {
    const sweeps = startSweeps([...createSweeps(services), createOAuthSweep(oauth)], app.log);
    app.addHook('onClose', () => sweeps.stop());
  }
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
