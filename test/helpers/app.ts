import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { buildApp, type App, type AppDeps } from '../../src/server/app.js';
import { loadConfig, type Config } from '../../src/server/config.js';
import type { DatabaseHandle } from '../../src/server/db/database.js';
import { createTestClock } from './clock.js';
import { createTestDatabase } from './database.js';

export type TestContext = {
  app: App;
  database: DatabaseHandle;
  clock: ReturnType<typeof createTestClock>;
  config: Config;
};

/**
 * One app over one private database for a test file; closed after the file's tests.
 * `overrides` changes configuration the way an operator's environment would.
 */
export async function createTestApp(
  overrides: { env?: Record<string, string>; deps?: Partial<AppDeps> } = {},
): Promise<TestContext> {
  const database = await createTestDatabase();
  const clock = createTestClock();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides.env });
  const app = await buildApp({
    config,
    db: database.db,
    clock,
    logger: false,
    authRateLimitPerMinute: 1_000,
    // Suites make many calls as one user; rate-limit tests pass their own small limits.
    rateLimits: { read: 100_000, write: 100_000, anonymous: 100_000, oauth: 100_000 },
    ...overrides.deps,
  });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await database.close();
  });
  return { app, database, clock, config };
}

type Body = Record<string, unknown> | unknown[] | string;
type Res = LightMyRequestResponse & { body: string; json<T = any>(): T };

/** A browser-like caller: keeps cookies, echoes the CSRF cookie, or sends a bearer token. */
export class Client {
  private cookies = new Map<string, string>();
  bearer: string | undefined;
  sendCsrf = true;

  constructor(readonly app: App) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<Res> {
    const allHeaders: Record<string, string> = { ...headers };
    if (this.cookies.size) {
      allHeaders.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const csrf = this.cookies.get('csrf_token');
    if (csrf && this.sendCsrf) allHeaders['x-csrf-token'] = csrf;
    if (this.bearer) allHeaders.authorization = `Bearer ${this.bearer}`;
    const response = await this.app.inject({
      method,
      url,
      headers: allHeaders,
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body }
          : { payload: body as object }),
    });
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (!cookie.value || (cookie.expires && cookie.expires.getTime() < Date.now()))
        this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('POST', url, body ?? {}, headers);
  }
  patch(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('PATCH', url, body ?? {}, headers);
  }
  put(url: string, body?: Body, headers?: Record<string, string>) {
    return this.request('PUT', url, body ?? {}, headers);
  }
  delete(url: string, headers?: Record<string, string>) {
    return this.request('DELETE', url, undefined, headers);
  }
  cookie(name: string) {
    return this.cookies.get(name);
  }
  /** The same caller in a copy: cookies a response sets (sign-in, sign-out) stay in the copy. */
  fork(): Client {
    const copy = new Client(this.app);
    copy.cookies = new Map(this.cookies);
    copy.bearer = this.bearer;
    copy.sendCsrf = this.sendCsrf;
    return copy;
  }
  forgetCookies() {
    this.cookies.clear();
  }
}

let counter = 0;
export const TEST_PASSWORD = 'correct horse battery';

/** Signs up a fresh user and returns a signed-in client. */
export async function signUp(
  app: App,
  options: { roles?: ('worker' | 'requester')[]; email?: string; displayName?: string } = {},
) {
  const client = new Client(app);
  counter += 1;
  const email =
    options.email ?? `user${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
  const response = await client.post('/api/v1/auth/signup', {
    email,
    password: TEST_PASSWORD,
    displayName: options.displayName ?? `Test User ${counter}`,
    roles: options.roles ?? ['worker'],
  });
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.body}`);
  const user = response.json<{ user: { id: string; handle: string; email: string } }>().user;
  return { client, user, email };
}
