import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Redis } from 'ioredis';
import { LIMITS } from '../shared/limits.js';
import type { Config } from './config.js';
import type { Db } from './db/database.js';
import { systemClock, type Clock } from './lib/clock.js';
import { createLogDestination } from './lib/log-destination.js';
import { enterRequestContext } from './lib/request-context.js';
import { createAccountsRepository } from './modules/accounts/accounts.repository.js';
import { createAccountsService } from './modules/accounts/accounts.service.js';
import { adminRoutes } from './modules/accounts/admin.routes.js';
import { authRoutes } from './modules/accounts/auth.routes.js';
import { meRoutes } from './modules/accounts/me.routes.js';
import { createLoginThrottlesRepository } from './modules/accounts/login-throttles.repository.js';
import { createSessionsRepository } from './modules/accounts/sessions.repository.js';
import { createTokensRepository } from './modules/accounts/tokens.repository.js';
import { createCredentialChanges } from './modules/accounts/credential-changes.js';
import { createTokenCache, type TokenCache } from './modules/accounts/token-cache.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { crowdBundleRoutes } from './modules/frames/crowd-bundle.routes.js';
import { previewFrameRoutes } from './modules/frames/preview-frame.routes.js';
import { createIdempotencyRepository } from './modules/idempotency/idempotency.repository.js';
import { createIdempotencyKeys } from './modules/idempotency/idempotency.service.js';
import { createLedgerRepository } from './modules/ledger/ledger.repository.js';
import { adminDepositsRoutes } from './modules/ledger/admin-deposits.routes.js';
import { ledgerRoutes } from './modules/ledger/ledger.routes.js';
import { createManualDepositsRepository } from './modules/ledger/manual-deposits.repository.js';
import { createManualDepositsService } from './modules/ledger/manual-deposits.service.js';
import { createLedgerService } from './modules/ledger/ledger.service.js';
import { accessKeysRoutes } from './modules/mturk/access-keys.routes.js';
import { createMturkModule } from './modules/mturk/mturk.module.js';
import { mturkRoutes } from './modules/mturk/mturk.routes.js';
import { createExternalSubmit } from './modules/mturk/external-submit.js';
import { externalSubmitRoutes } from './modules/mturk/external-submit.routes.js';
import { createTurkParams, loadSubmitTokens } from './lib/turk-frame.js';
import { createServerSecrets } from './db/server-secrets.js';
import { createProjectsModule } from './modules/projects/projects.module.js';
import { projectsRoutes } from './modules/projects/projects.routes.js';
import { qualificationTestsRoutes } from './modules/qualifications/qualification-tests.routes.js';
import { createQualificationTestsService } from './modules/qualifications/qualification-tests.service.js';
import { qualificationsRoutes } from './modules/qualifications/qualifications.routes.js';
import { qualificationRequestsRoutes } from './modules/qualifications/qualification-requests.routes.js';
import { createQualificationRequestsService } from './modules/qualifications/qualification-requests.service.js';
import { createQualificationsService } from './modules/qualifications/qualifications.service.js';
import { createOAuth, createOAuthSweep } from './modules/oauth/oauth.module.js';
import { createOAuthModelsRepository } from './modules/oauth/oauth-models.repository.js';
import { oauthInteractionsRoutes } from './modules/oauth/oauth-interactions.routes.js';
import { oauthProviderRoutes } from './modules/oauth/oauth-provider.routes.js';
import { oauthRoutes } from './modules/oauth/oauth.routes.js';
import auth, { type BearerAuthenticator } from './plugins/auth.js';
import errorHandler, { sendError } from './plugins/error-handler.js';
import jsonDepth from './plugins/json-depth.js';
import metrics from './plugins/metrics.js';
import openApi from './plugins/openapi.js';
import rateLimits, { type RateLimitSettings } from './plugins/rate-limits.js';
import securityHeaders from './plugins/security-headers.js';
import textInput from './plugins/text-input.js';
import web from './plugins/web.js';
import { createFeedRepository } from './modules/work/feed.repository.js';
import { createFeedService } from './modules/work/feed.service.js';
import { createWorkRepository } from './modules/work/work.repository.js';
import { workRoutes } from './modules/work/work.routes.js';
import { createWorkService } from './modules/work/work.service.js';
import { createOverlapRepository } from './modules/overlap/overlap.repository.js';
import { createOverlapService } from './modules/overlap/overlap.service.js';
import { createNotificationsService } from './modules/notifications/notifications.service.js';
import { notificationsRoutes } from './modules/notifications/notifications.routes.js';
import { aggregationRoutes } from './modules/aggregation/aggregation.routes.js';
import { createAggregationService } from './modules/aggregation/aggregation.service.js';
import { resultsRoutes } from './modules/results/results.routes.js';
import { createResultsService } from './modules/results/results.service.js';
import { createAppealsRepository } from './modules/appeals/appeals.repository.js';
import { appealsRoutes } from './modules/appeals/appeals.routes.js';
import { createAppealsService, type AppealWindows } from './modules/appeals/appeals.service.js';
import { createReviewModule } from './modules/review/review.module.js';
import { assignmentViewParts } from './modules/review/review.presenters.js';
import { reviewRoutes } from './modules/review/review.routes.js';
import { createPayoutsModule } from './modules/payouts/payouts.module.js';
import { payoutMethodsRoutes } from './modules/payouts/payout-methods.routes.js';
import { payoutsRoutes } from './modules/payouts/payouts.routes.js';
import { createSetupRepository } from './modules/setup/setup.repository.js';
import { setupRoutes } from './modules/setup/setup.routes.js';
import { createSetupService } from './modules/setup/setup.service.js';
import { createAuditRepository } from './modules/audit/audit.repository.js';
import { createAuditService } from './modules/audit/audit.service.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { createGovernanceModule } from './modules/governance/governance.module.js';
import { governanceRoutes } from './modules/governance/governance.routes.js';
import { createDigestService } from './modules/email/digest.service.js';
import { createEmailRepository } from './modules/email/email.repository.js';
import { emailRoutes } from './modules/email/email.routes.js';
import { createEmailService } from './modules/email/email.service.js';
import { createMailer, type Mailer } from './modules/email/mailer.js';
import { createProfilesRepository } from './modules/profiles/profiles.repository.js';
import { createProfilesService } from './modules/profiles/profiles.service.js';
import type { WebhookSender } from './modules/webhooks/webhook-sender.js';
import type { HostLookup } from './modules/webhooks/webhook-target.js';
import { createWebhooksModule } from './modules/webhooks/webhooks.module.js';
import { webhooksRoutes } from './modules/webhooks/webhooks.routes.js';
import { profilesRoutes } from './modules/profiles/profiles.routes.js';
import { createMessagesRepository } from './modules/messages/messages.repository.js';
import { messagesRoutes } from './modules/messages/messages.routes.js';
import { createMessagesService } from './modules/messages/messages.service.js';
import { createReputationRepository } from './modules/reputation/reputation.repository.js';
import { reputationRoutes } from './modules/reputation/reputation.routes.js';
import { createReputationService } from './modules/reputation/reputation.service.js';
import {
  createEventBus,
  createInProcessEventBus,
  createLiveHub,
  createLiveMetrics,
  liveRoutes,
  liveSocketServer,
  redactAccessToken,
  registerLiveMetrics,
  type EventBus,
  type LiveEventPublisher,
} from './modules/realtime/index.js';
import type { LiveHubOptions } from './modules/realtime/live-hub.js';
import { createSweeps } from './sweeps/index.js';
import { startSweeps } from './sweeps/runner.js';

export type AppDeps = {
  config: Config;
  db: Db;
  /** A read replica (DATABASE_READ_URL) for reads that tolerate lag: the feed and exports. */
  readDb?: Db | undefined;
  clock?: Clock;
  redis?: Redis | undefined;
  webDir?: string | undefined;
  /** The built crowd-html-elements bundle task frames load (none: its URL answers 404). */
  crowdBundleFile?: string | undefined;
  logger?: FastifyServerOptions['logger'];
  /** Sign-in and sign-up attempts per minute and address (RATE_LIMIT_AUTH_PER_MINUTE otherwise). */
  authRateLimitPerMinute?: number;
  /** Run the background sweeps in this process (the server does; tests call them directly). */
  runSweeps?: boolean;
  /** Per-caller limits by route class (RATE_LIMIT_*_PER_MINUTE otherwise). */
  rateLimits?: Partial<RateLimitSettings>;
  /** The live-event bus; by default Redis pub/sub when REDIS_URL is set, else in-process. */
  events?: EventBus;
  /** WebSocket heartbeat, send-buffer and per-user/address caps (caps from config unless given). */
  live?: Partial<LiveHubOptions>;
  /** How email leaves; by default SMTP from the config, or the log when none is configured. */
  mailer?: Mailer;
  /** How webhook hosts resolve and how deliveries leave (tests give their own). */
  webhooks?: { lookup?: HostLookup; send?: WebhookSender };
  /** The appeal windows (the `appealDays` and `appealResponseDays` rules in force unless given). */
  appealWindows?: AppealWindows;
};

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

type EmailLog = {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
};
const consoleLog: EmailLog = {
  info: (obj, msg) => console.log(msg, obj),
  warn: (obj, msg) => console.warn(msg, obj),
  error: (obj, msg) => console.error(msg, obj),
};

export function createServices(deps: {
  db: Db;
  readDb?: Db | undefined;
  clock: Clock;
  config: Config;
  /** Where services announce committed changes; without one (CLI, seeding) nobody listens. */
  events?: LiveEventPublisher;
  /** How email leaves; without one (CLI, seeding) emails' links go to standard output. */
  mailer?: Mailer;
  log?: EmailLog;
  /**
   * A server's cache of resolved bearer tokens, and how a credential change reaches every
   * instance's (credential-changes.ts); without it (CLI, seeding) every token is read.
   */
  tokenCache?: { cache: TokenCache; changed: (userId: string) => Promise<void> } | undefined;
  webhooks?: AppDeps['webhooks'];
  appealWindows?: AppealWindows | undefined;
}) {
  const log = deps.log ?? consoleLog;
  const webhooks = createWebhooksModule({
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    allowPrivateTargets: deps.config.webhooksAllowPrivateTargets,
    lookup: deps.webhooks?.lookup,
    send: deps.webhooks?.send,
  });
  const events = deps.events ?? createInProcessEventBus();
  // Services queue their changes' webhook deliveries in the changes' transactions (webhook-outbox.ts).
  const { outbox } = webhooks;
  // Reads that may lag the primary by a moment: what the feed lists is re-checked on accept.
  const readDb = deps.readDb ?? deps.db;
  const accountsRepository = createAccountsRepository(deps.db);
  const audit = createAuditService({ audit: createAuditRepository(deps.db) });
  const accounts = createAccountsService({
    audit,
    accounts: accountsRepository,
    sessions: createSessionsRepository(deps.db),
    tokens: createTokensRepository(deps.db),
    appGrants: createOAuthModelsRepository(deps.db),
    loginThrottles: createLoginThrottlesRepository(deps.db),
    loginThrottle: deps.config.loginThrottle,
    clock: deps.clock,
    tokenCache: deps.tokenCache?.cache,
    credentialsChanged: deps.tokenCache?.changed,
  });
  const governance = createGovernanceModule({
    db: deps.db,
    clock: deps.clock,
    config: deps.config,
    audit,
  });
  const { rules } = governance;
  const idempotency = createIdempotencyKeys({
    keys: createIdempotencyRepository(deps.db),
    clock: deps.clock,
  });
  const ledger = createLedgerService({
    db: deps.db,
    ledger: createLedgerRepository(deps.db),
    accounts: accountsRepository,
    feePercent: deps.config.platformFeePercent,
    paymentsSandbox: deps.config.paymentsSandbox,
    idempotency,
    audit,
    clock: deps.clock,
  });
  const manualDeposits = createManualDepositsService({
    db: deps.db,
    deposits: createManualDepositsRepository(deps.db),
    ledger,
    clock: deps.clock,
    idempotency,
    audit,
  });
  const qualifications = createQualificationsService({
    db: deps.db,
    clock: deps.clock,
    approvalRateMinDecided: deps.config.approvalRateMinDecided,
  });
  const qualificationTests = createQualificationTestsService({
    db: deps.db,
    clock: deps.clock,
    qualifications,
  });
  // Before the services that announce changes (review, ledger sweeps) so they can be given it.
  const notifications = createNotificationsService({ db: deps.db, clock: deps.clock, events });
  const notify = (trx: Db, notice: Parameters<typeof notifications.notify>[1]) =>
    notifications.notify(trx, notice);
  const messages = createMessagesService({
    messages: createMessagesRepository(deps.db),
    notifications,
    events,
    clock: deps.clock,
  });
  const qualificationRequests = createQualificationRequestsService({
    db: deps.db,
    clock: deps.clock,
    notify,
  });
  const overlap = createOverlapService({
    overlap: createOverlapRepository(),
    ledger,
    feePercent: deps.config.platformFeePercent,
    events,
  });
  const review = createReviewModule({
    db: deps.db,
    clock: deps.clock,
    ledger,
    overlap,
    feePercent: deps.config.platformFeePercent,
    notify,
    events,
    outbox,
    idempotency,
  });
  const appeals = createAppealsService({
    db: deps.db,
    appeals: createAppealsRepository(deps.db),
    review: review.review,
    clock: deps.clock,
    appealWindows:
      deps.appealWindows ??
      (async () => ({
        appealDays: await rules.current('appealDays'),
        responseDays: await rules.current('appealResponseDays'),
      })),
    notify,
    events,
    audit,
    warn: (message, details) => log.warn(details, message),
  });
  const payouts = createPayoutsModule({
    db: deps.db,
    clock: deps.clock,
    ledger,
    payoutMinimumCents: deps.config.payoutMinimumCents,
    notify,
    idempotency,
    audit,
  });
  const projects = createProjectsModule({
    db: deps.db,
    clock: deps.clock,
    ledger,
    settlement: review.settlement,
    qualifications,
    feePercent: deps.config.platformFeePercent,
    rules: {
      minHourlyCents: () => rules.current('minHourlyCents'),
      maxAutoApproveSeconds: () => rules.current('maxAutoApproveSeconds'),
    },
    uploadLimits: {
      concurrentPerRequester: deps.config.batchUploadsPerRequester,
      draftTasksPerRequester: deps.config.draftTasksPerRequester,
    },
    events,
    idempotency,
  });
  const feed = createFeedService({
    feed: createFeedRepository(readDb),
    clock: deps.clock,
    approvalRateMinDecided: deps.config.approvalRateMinDecided,
    flagRejectionPercent: () => rules.current('flagRejectionPercent'),
  });
  const work = createWorkService({
    db: deps.db,
    work: createWorkRepository(deps.db),
    qualifications,
    feed,
    overlap,
    clock: deps.clock,
    events,
    outbox,
  });
  const gold = projects.goldTruths;
  const aggregation = createAggregationService({
    db: deps.db,
    clock: deps.clock,
    loadGoldTruths: (projectId) => gold.answersByTask(projectId),
  });
  const results = createResultsService({
    db: readDb,
    clock: deps.clock,
    quality: {
      aggregatesOf: (projectId, taskIds, method) => aggregation.ofTasks(projectId, taskIds, method),
      goldTaskIds: (taskIds) => gold.goldTaskIds(taskIds),
    },
  });
  const profiles = createProfilesService({
    profiles: createProfilesRepository(deps.db),
    accounts,
  });
  const reputation = createReputationService({
    reputation: createReputationRepository(deps.db),
    accounts,
    clock: deps.clock,
    flagRejectionPercent: () => rules.current('flagRejectionPercent'),
  });
  const setup = createSetupService({
    setup: createSetupRepository(deps.db),
    accounts,
    clock: deps.clock,
  });
  const mailer = deps.mailer ?? createMailer({ smtp: undefined, from: deps.config.mail.from, log });
  const emailRepository = createEmailRepository(deps.db);
  const email = createEmailService({
    emails: emailRepository,
    accounts,
    audit,
    mailer,
    clock: deps.clock,
    publicUrl: deps.config.publicUrl,
    log,
  });
  const digest = createDigestService({
    emails: emailRepository,
    accounts,
    mailer,
    clock: deps.clock,
    publicUrl: deps.config.publicUrl,
  });
  return {
    accounts,
    audit,
    idempotency,
    setup,
    email,
    digest,
    ledger,
    manualDeposits,
    qualifications,
    qualificationTests,
    qualificationRequests,
    projects,
    work,
    feed,
    notifications,
    messages,
    results,
    aggregation,
    review,
    appeals,
    payouts,
    profiles,
    reputation,
    /** The rules in force (`rules.current(key)`, `rules.snapshot()`) and their votes. */
    rules,
    governance: governance.service,
    webhooks: webhooks.service,
    webhookOutbox: { listen: outbox.listen.bind(outbox) },
  };
}

export async function buildApp(deps: AppDeps) {
  const clock = deps.clock ?? systemClock;
  const secureCookies = deps.config.publicUrl.startsWith('https:');
  const app = Fastify({
    logger: deps.logger ?? {
      level: deps.config.logLevel,
      // Standard output that is never waited on: see lib/log-destination.ts.
      stream: createLogDestination(1),
      serializers: {
        // Fastify's own fields, with a WebSocket client's access token kept out of the logs.
        req: (request) => ({
          method: request.method,
          url: redactAccessToken(request.url),
          host: request.host,
          remoteAddress: request.ip,
          remotePort: request.socket?.remotePort,
        }),
      },
    },
    bodyLimit: LIMITS.jsonBodyBytes,
    // A client that sends its request slowly, or never finishes it, holds a socket: cut it off.
    // Node checks these deadlines on an interval, so the interval scales with the deadline.
    requestTimeout: deps.config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(deps.config.requestTimeoutMs, 20_000),
      connectionsCheckingInterval: Math.min(Math.max(deps.config.requestTimeoutMs / 10, 50), 5_000),
    },
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
    // A URL the router cannot decode (bad percent-encoding) still gets the one error shape.
    frameworkErrors: (error, _request, reply) => {
      void sendError(reply, 400, 'bad_url', `The URL cannot be read: ${error.message}`);
    },
    // A closing server answers what still reaches it below, in the one error shape.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (request, reply) => {
    enterRequestContext({ requestId: request.id });
    reply.header('x-request-id', request.id);
    // Shutting down: a request on a kept-alive connection starts nothing, so a retry (through
    // the proxy, on another instance) is always safe.
    if (closing) {
      reply.header('connection', 'close');
      return sendError(reply, 503, 'unavailable', 'This server is shutting down; try again.');
    }
  });

  const liveMetrics = createLiveMetrics();
  const events =
    deps.events ??
    createEventBus({ redisUrl: deps.config.redisUrl, log: app.log, metrics: liveMetrics });
  if (!deps.events) app.addHook('onClose', () => events.close());
  const hub = createLiveHub({
    bus: events,
    metrics: liveMetrics,
    log: app.log,
    options: {
      maxPerUser: deps.config.wsMaxPerUser,
      maxPerAddress: deps.config.wsMaxPerAddress,
      ...deps.live,
    },
  });

  const mailer =
    deps.mailer ??
    createMailer({ smtp: deps.config.mail.smtp, from: deps.config.mail.from, log: app.log });
  // After the server stops taking requests: queued emails get their chance to leave.
  if (!deps.mailer) app.addHook('onClose', () => mailer.close());
  const tokenCache =
    deps.config.tokenCacheSeconds > 0
      ? createTokenCache({ ttlMs: deps.config.tokenCacheSeconds * 1000 })
      : undefined;
  const credentialChanges =
    tokenCache &&
    createCredentialChanges({ cache: tokenCache, redisUrl: deps.config.redisUrl, log: app.log });
  if (credentialChanges) app.addHook('onClose', () => credentialChanges.close());
  const services = createServices({
    db: deps.db,
    readDb: deps.readDb,
    clock,
    config: deps.config,
    events,
    mailer,
    log: app.log,
    tokenCache: tokenCache &&
      credentialChanges && {
        cache: tokenCache,
        changed: (userId) => credentialChanges.announce(userId),
      },
    webhooks: deps.webhooks,
    appealWindows: deps.appealWindows,
  });
  const oauth = await createOAuth({
    db: deps.db,
    config: deps.config,
    clock,
    accounts: services.accounts,
    audit: services.audit,
  });
  const mturk = await createMturkModule({
    db: deps.db,
    config: deps.config,
    clock,
    log: app.log,
    services,
  });
  // Before the server answers: secrets of webhooks made before sealing, or sealed with a rotated key.
  const webhookSecrets = await services.webhooks.sealStoredSecrets();
  if (webhookSecrets.sealed > 0) {
    app.log.info({ sealed: webhookSecrets.sealed }, 'webhook secrets sealed with the current key');
  }
  if (webhookSecrets.unreadable > 0) {
    app.log.error(
      { unreadable: webhookSecrets.unreadable },
      'webhook secrets that no configured ACCESS_KEY_ENCRYPTION_KEY opens: their deliveries wait until their key is listed in ACCESS_KEY_ENCRYPTION_PREVIOUS_KEYS',
    );
  }
  // First boot: the environment's rule values become the rules' first recorded values.
  await services.rules.recordInitial();
  const submitTokens = await loadSubmitTokens(
    deps.config.sessionSecret,
    createServerSecrets(deps.db),
  );
  const configured = deps.config.rateLimits;
  const limits: RateLimitSettings = {
    windowMs: 60_000,
    read: configured.readPerMinute,
    write: configured.writePerMinute,
    anonymous: configured.anonymousPerMinute,
    oauth: configured.oauthPerMinute,
    ...deps.rateLimits,
  };

  await app.register(errorHandler);
  await app.register(jsonDepth);
  await app.register(securityHeaders, {
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
  await app.register(liveSocketServer, { hub });
  await app.register(rateLimit, {
    global: false,
    // RateLimit-Limit / -Remaining / -Reset (the IETF draft names) instead of X-RateLimit-*.
    enableDraftSpec: true,
    ...(deps.redis ? { redis: deps.redis, nameSpace: 'tessera-rl-', skipOnError: true } : {}),
  });
  await app.register(metrics, { token: deps.config.metricsToken });
  registerLiveMetrics(app.metricsRegistry, liveMetrics);
  const bearerAuthenticators: BearerAuthenticator[] = [
    (token) => services.accounts.authenticateToken(token),
    (token) => oauth.service.authenticateBearer(token),
  ];
  await app.register(auth, {
    authenticateSession: (token) => services.accounts.authenticateSession(token),
    bearerAuthenticators,
    secureCookies,
    requireVerifiedEmail: deps.config.mail.requireEmailVerification,
  });
  await app.register(rateLimits, { limits });
  await app.register(textInput);
  await app.register(openApi, { publicUrl: deps.config.publicUrl });

  await app.register(healthRoutes, { db: deps.db });
  await app.register(previewFrameRoutes);
  await app.register(crowdBundleRoutes, { file: deps.crowdBundleFile });
  await app.register(mturkRoutes, {
    accessKeys: mturk.accessKeys,
    operations: mturk.operations,
    clock,
    rateLimit: { max: limits.write, timeWindow: limits.windowMs },
  });
  await app.register(externalSubmitRoutes, {
    externalSubmit: createExternalSubmit({ work: services.work, tokens: submitTokens }),
    publicUrl: deps.config.publicUrl,
    rateLimit: { max: limits.write, timeWindow: limits.windowMs },
  });
  await app.register(oauthProviderRoutes, {
    provider: oauth.provider,
    rateLimit: { max: limits.oauth, timeWindow: limits.windowMs },
    publicUrl: deps.config.publicUrl,
  });
  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db: deps.db });
      const authRateLimit = {
        max: deps.authRateLimitPerMinute ?? configured.authPerMinute,
        timeWindow: 60_000,
      };
      await api.register(authRoutes, {
        accounts: services.accounts,
        email: services.email,
        secureCookies,
        authRateLimit,
      });
      await api.register(emailRoutes, {
        email: services.email,
        verificationRequired: deps.config.mail.requireEmailVerification,
        authRateLimit,
      });
      await api.register(setupRoutes, { setup: services.setup, rateLimit: authRateLimit });
      await api.register(meRoutes, { accounts: services.accounts });
      await api.register(accessKeysRoutes, { accessKeys: mturk.accessKeys });
      await api.register(adminRoutes, { accounts: services.accounts });
      await api.register(auditRoutes, { audit: services.audit });
      await api.register(governanceRoutes, { governance: services.governance });
      await api.register(ledgerRoutes, {
        ledger: services.ledger,
        minHourlyCents: () => services.rules.current('minHourlyCents'),
      });
      await api.register(adminDepositsRoutes, {
        ledger: services.ledger,
        manualDeposits: services.manualDeposits,
        minHourlyCents: () => services.rules.current('minHourlyCents'),
      });
      await api.register(qualificationsRoutes, {
        qualifications: services.qualifications,
        qualificationTests: services.qualificationTests,
      });
      await api.register(qualificationTestsRoutes, {
        qualificationTests: services.qualificationTests,
        clock,
      });
      await api.register(qualificationRequestsRoutes, { requests: services.qualificationRequests });
      await api.register(projectsRoutes, services.projects);
      await api.register(workRoutes, {
        work: services.work,
        feed: services.feed,
        turk: createTurkParams(submitTokens, deps.config.publicUrl),
        reviewed: assignmentViewParts(services.review.review),
        appeals: services.appeals,
      });
      await api.register(appealsRoutes, { appeals: services.appeals });
      await api.register(reviewRoutes, { ...services.review, reputation: services.reputation });
      await api.register(payoutsRoutes, services.payouts);
      await api.register(payoutMethodsRoutes, { methods: services.payouts.methods });
      await api.register(notificationsRoutes, { notifications: services.notifications });
      await api.register(messagesRoutes, { messages: services.messages });
      await api.register(profilesRoutes, { profiles: services.profiles });
      await api.register(reputationRoutes, { reputation: services.reputation });
      await api.register(webhooksRoutes, { webhooks: services.webhooks });
      await api.register(resultsRoutes, { results: services.results });
      await api.register(aggregationRoutes, { aggregation: services.aggregation });
      await api.register(oauthRoutes, { oauth: oauth.service });
      await api.register(oauthInteractionsRoutes, { interactions: oauth.interactions });
      await api.register(liveRoutes, {
        bearerAuthenticators,
        publicUrl: deps.config.publicUrl,
      });
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
