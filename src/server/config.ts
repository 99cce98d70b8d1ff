import { z } from 'zod';

/**
 * The operator contract: every environment variable Tessera reads is declared here and nowhere
 * else. Parsing fails fast with a message naming the variable.
 */
const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

const perMinute = z.coerce.number().int().min(1).max(1_000_000);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_READ_URL: z.string().url().optional(),
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(false),
  REDIS_URL: z.string().url().optional(),
  TOKEN_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  PLATFORM_FEE_PERCENT: z.coerce.number().min(0).max(100).default(0),
  // The pay floor, in cents per hour at a project's estimated time (0: none). DESIGN §10.
  MIN_HOURLY_CENTS: z.coerce.number().int().min(0).max(100_000).default(0),
  // Collective rules' values at first boot (DESIGN §11); afterwards the members' votes change them.
  MAX_AUTO_APPROVE_SECONDS: z.coerce
    .number()
    .int()
    .min(3 * 86_400)
    .max(30 * 86_400)
    .default(30 * 86_400),
  APPEAL_DAYS: z.coerce.number().min(0.0001).max(90).default(7),
  APPEAL_RESPONSE_DAYS: z.coerce.number().min(0.0001).max(90).default(7),
  REQUESTER_FLAG_REJECTION_PERCENT: z.coerce.number().int().min(0).max(100).default(30),
  // How long a proposal is open for votes; fractions allowed (end-to-end tests use seconds).
  GOVERNANCE_VOTE_DAYS: z.coerce.number().min(0.0001).max(365).default(7),
  PAYMENTS_SANDBOX: booleanFlag.optional(),
  PAYOUT_MINIMUM_CENTS: z.coerce.number().int().min(1).max(100_000_000).default(100),
  APPROVAL_RATE_MIN_DECIDED: z.coerce.number().int().min(0).max(1_000_000).default(100),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().min(1).default('loopback'),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  METRICS_TOKEN: z.string().min(32, 'METRICS_TOKEN must be at least 32 characters').optional(),
  ACCESS_KEY_ENCRYPTION_KEY: z
    .string()
    .min(32, 'ACCESS_KEY_ENCRYPTION_KEY must be at least 32 characters')
    .optional(),
  ACCESS_KEY_ENCRYPTION_PREVIOUS_KEYS: z
    .string()
    .transform((list) => list.split(',').map((key) => key.trim()))
    .pipe(
      z.array(
        z
          .string()
          .min(32, 'each of ACCESS_KEY_ENCRYPTION_PREVIOUS_KEYS must be at least 32 characters'),
      ),
    )
    .optional(),
  // Rate limits, in requests per minute (the classes of plugins/rate-limits.ts).
  RATE_LIMIT_AUTH_PER_MINUTE: perMinute.default(20),
  RATE_LIMIT_READ_PER_MINUTE: perMinute.default(1_200),
  RATE_LIMIT_WRITE_PER_MINUTE: perMinute.default(300),
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: perMinute.default(300),
  RATE_LIMIT_OAUTH_PER_MINUTE: perMinute.default(120),
  WS_MAX_PER_USER: z.coerce.number().int().min(1).max(100_000).default(20),
  WS_MAX_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  BATCH_UPLOADS_PER_REQUESTER: z.coerce.number().int().min(1).max(100).default(2),
  DRAFT_TASKS_PER_REQUESTER: z.coerce.number().int().min(1).max(100_000_000).default(200_000),
  LOGIN_THROTTLE_FAILURES: z.coerce.number().int().min(1).max(1_000).default(5),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400 * 30)
    .default(900),
  LOGIN_THROTTLE_BACKOFF_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOGIN_THROTTLE_MAX_BACKOFF_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400 * 7)
    .default(3_600),
  // Email (modules/email). Either SMTP_URL or SMTP_HOST (with the variables beside it), not both.
  SMTP_URL: z
    .string()
    .url()
    .refine((url) => /^smtps?:$/.test(new URL(url).protocol), {
      message: 'must start with smtp:// (STARTTLS when offered) or smtps:// (TLS from the start)',
    })
    .optional(),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  SMTP_SECURE: booleanFlag.optional(),
  MAIL_FROM: z.string().min(3).max(320).optional(),
  REQUIRE_EMAIL_VERIFICATION: booleanFlag.default(false),
  WEBHOOKS_ALLOW_PRIVATE_TARGETS: booleanFlag.default(false),
});

/** How to reach the SMTP server that sends Tessera's email. */
export type SmtpSettings = {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
};

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseReadUrl: string | undefined;
  /**
   * Name hot SQL statements so PostgreSQL plans them once per connection. Off by default: DESIGN
   * keeps every connection free of state that outlives a transaction (PgBouncer in transaction
   * mode). On for direct connections and for PgBouncer ≥ 1.21 with max_prepared_statements.
   */
  databasePreparedStatements: boolean;
  redisUrl: string | undefined;
  /**
   * How long an instance may reuse what a personal access token resolved to (0: never). Every
   * revocation reaches every instance at once through Redis or the cluster's primary; this is the
   * bound for instances that cannot hear each other (several hosts without Redis).
   */
  tokenCacheSeconds: number;
  publicUrl: string;
  sessionSecret: string | undefined;
  platformFeePercent: number;
  /** The pay floor publishing must meet, in cents per hour (0: none). */
  minHourlyCents: number;
  /**
   * Collective rules: how long proposals are open for votes, and the other rules' values at
   * first boot (with `minHourlyCents`); the rules in force are read from the governance module.
   */
  governance: {
    voteDays: number;
    initialRules: {
      maxAutoApproveSeconds: number;
      appealDays: number;
      appealResponseDays: number;
      flagRejectionPercent: number;
    };
  };
  paymentsSandbox: boolean;
  /** The smallest payout a worker may ask for. */
  payoutMinimumCents: number;
  /**
   * MTurk's rule: until a worker has this many decided (approved + rejected) assignments, the
   * approval-rate system qualification counts them as 100 % approved, so one early rejection
   * does not lock a newcomer out of every project asking for 95 %.
   */
  approvalRateMinDecided: number;
  logLevel: string;
  /** Which proxies' X-Forwarded-For to believe (Fastify's trustProxy: addresses, CIDRs, `loopback`). */
  trustProxy: string;
  /** The longest a client may take to send a whole request (headers and body) before it is cut off. */
  requestTimeoutMs: number;
  /** How long a stopping server lets in-flight requests finish before it cuts their connections. */
  shutdownTimeoutMs: number;
  /** A bearer token that opens /metrics to other hosts; without one it answers loopback only. */
  metricsToken: string | undefined;
  /**
   * The server keys that seal MTurk access keys' secrets: `key` seals, `previousKeys` only open
   * (rotation). Without `key` (never in production) one is derived from SESSION_SECRET, or else
   * generated once and kept in the database.
   */
  accessKeyEncryption: { key: string | undefined; previousKeys: string[] };
  /** Requests per minute: sign-in and sign-up per address, then the API's route classes. */
  rateLimits: {
    authPerMinute: number;
    readPerMinute: number;
    writePerMinute: number;
    anonymousPerMinute: number;
    oauthPerMinute: number;
  };
  /** Live-event sockets one user may hold open on one instance. */
  wsMaxPerUser: number;
  /** Live-event sockets one client address may hold open on one instance. */
  wsMaxPerAddress: number;
  /** How many batch uploads one requester may have running at once, over all server instances. */
  batchUploadsPerRequester: number;
  /** The most tasks a requester may hold in unpublished (draft) projects, which cost nothing. */
  draftTasksPerRequester: number;
  /**
   * Per-account sign-in throttling (whatever the address): after `failures` attempts in a row,
   * further ones wait `backoffMs`, doubling up to `maxBackoffMs`; quiet for `windowMs`, it resets.
   */
  loginThrottle: { failures: number; windowMs: number; backoffMs: number; maxBackoffMs: number };
  mail: {
    /** Unset: no email leaves the server; each message's link is written to the log instead. */
    smtp: SmtpSettings | undefined;
    /** The From header, e.g. `Tessera <no-reply@example.org>`. */
    from: string;
    /** Accounts must verify their email before they change anything beyond their own profile. */
    requireEmailVerification: boolean;
  };
  /**
   * Let webhook URLs reach loopback, private and other non-public addresses (and use http). Off
   * by default, so webhooks cannot be used to probe the operator's own network; on for local
   * testing against a receiver on this machine.
   */
  webhooksAllowPrivateTargets: boolean;
};

export class ConfigError extends Error {}

/** `NAME=` (or only spaces) is how a shell or an env file leaves a variable out: it is unset. */
function withoutEmptyValues(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]?.trim()),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(withoutEmptyValues(env));
  if (!parsed.success) {
    // One line an operator can act on: the variables and what is wrong with each, no values
    // (a URL or a secret could be one).
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration: SESSION_SECRET is required in production');
  }
  if (e.NODE_ENV === 'production' && !e.ACCESS_KEY_ENCRYPTION_KEY) {
    throw new ConfigError(
      'Invalid configuration: ACCESS_KEY_ENCRYPTION_KEY is required in production',
    );
  }
  if (e.DATABASE_READ_URL && !e.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: DATABASE_READ_URL is a replica of DATABASE_URL; set DATABASE_URL too',
    );
  }
  const smtp = smtpSettings(e);
  if (e.NODE_ENV === 'production' && e.REQUIRE_EMAIL_VERIFICATION && !smtp) {
    throw new ConfigError(
      'Invalid configuration: REQUIRE_EMAIL_VERIFICATION needs email: set SMTP_URL or SMTP_HOST',
    );
  }
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    redisUrl: e.REDIS_URL,
    tokenCacheSeconds: e.TOKEN_CACHE_SECONDS,
    publicUrl,
    sessionSecret: e.SESSION_SECRET,
    platformFeePercent: e.PLATFORM_FEE_PERCENT,
    minHourlyCents: e.MIN_HOURLY_CENTS,
    governance: {
      voteDays: e.GOVERNANCE_VOTE_DAYS,
      initialRules: {
        maxAutoApproveSeconds: e.MAX_AUTO_APPROVE_SECONDS,
        appealDays: e.APPEAL_DAYS,
        appealResponseDays: e.APPEAL_RESPONSE_DAYS,
        flagRejectionPercent: e.REQUESTER_FLAG_REJECTION_PERCENT,
      },
    },
    // Self-serve test credit is safe on a laptop's embedded database, not on a real deployment.
    paymentsSandbox: e.PAYMENTS_SANDBOX ?? !e.DATABASE_URL,
    payoutMinimumCents: e.PAYOUT_MINIMUM_CENTS,
    approvalRateMinDecided: e.APPROVAL_RATE_MIN_DECIDED,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metricsToken: e.METRICS_TOKEN,
    accessKeyEncryption: {
      key: e.ACCESS_KEY_ENCRYPTION_KEY,
      previousKeys: e.ACCESS_KEY_ENCRYPTION_PREVIOUS_KEYS ?? [],
    },
    rateLimits: {
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE,
      readPerMinute: e.RATE_LIMIT_READ_PER_MINUTE,
      writePerMinute: e.RATE_LIMIT_WRITE_PER_MINUTE,
      anonymousPerMinute: e.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      oauthPerMinute: e.RATE_LIMIT_OAUTH_PER_MINUTE,
    },
    wsMaxPerUser: e.WS_MAX_PER_USER,
    wsMaxPerAddress: e.WS_MAX_PER_ADDRESS,
    batchUploadsPerRequester: e.BATCH_UPLOADS_PER_REQUESTER,
    draftTasksPerRequester: e.DRAFT_TASKS_PER_REQUESTER,
    loginThrottle: {
      failures: e.LOGIN_THROTTLE_FAILURES,
      windowMs: e.LOGIN_THROTTLE_WINDOW_SECONDS * 1000,
      backoffMs: e.LOGIN_THROTTLE_BACKOFF_SECONDS * 1000,
      maxBackoffMs: e.LOGIN_THROTTLE_MAX_BACKOFF_SECONDS * 1000,
    },
    mail: {
      smtp,
      from: e.MAIL_FROM ?? `Tessera <no-reply@${new URL(publicUrl).hostname}>`,
      requireEmailVerification: e.REQUIRE_EMAIL_VERIFICATION,
    },
    webhooksAllowPrivateTargets: e.WEBHOOKS_ALLOW_PRIVATE_TARGETS,
  };
}

type Env = z.infer<typeof envSchema>;

/** SMTP_URL, or SMTP_HOST and the variables beside it; contradictions fail with their names. */
function smtpSettings(e: Env): SmtpSettings | undefined {
  const fail = (problem: string) => {
    throw new ConfigError(`Invalid configuration: ${problem}`);
  };
  const parts = (['SMTP_PORT', 'SMTP_USER', 'SMTP_PASSWORD', 'SMTP_SECURE'] as const).filter(
    (name) => e[name] !== undefined,
  );
  if (e.SMTP_URL) {
    const extra = [...(e.SMTP_HOST ? ['SMTP_HOST'] : []), ...parts];
    if (extra.length > 0) {
      fail(`SMTP_URL already says how to reach the mail server; leave out ${extra.join(', ')}`);
    }
    const url = new URL(e.SMTP_URL);
    const secure = url.protocol === 'smtps:';
    return {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      user: url.username ? decodeURIComponent(url.username) : undefined,
      password: url.password ? decodeURIComponent(url.password) : undefined,
    };
  }
  if (!e.SMTP_HOST) {
    if (parts.length > 0) fail(`${parts.join(', ')} set without SMTP_HOST (or use SMTP_URL)`);
    return undefined;
  }
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined)) {
    fail('SMTP_USER and SMTP_PASSWORD go together: set both or neither');
  }
  const secure = e.SMTP_SECURE ?? e.SMTP_PORT === 465;
  return {
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    user: e.SMTP_USER,
    password: e.SMTP_PASSWORD,
  };
}
