import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestContext } from '../helpers/app.js';
import { fundedProject } from '../helpers/review.js';

/** Header injection, open redirects, Host spoofing and path traversal. */
const PUBLIC_URL = 'https://tessera.example.org';
let ctx: TestContext;
let web: string;

beforeAll(async () => {
  // A built SPA beside a file that must never be served.
  const root = mkdtempSync(join(tmpdir(), 'tessera-hostile-'));
  web = join(root, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>Tessera</title>');
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'TOP-SECRET');
  ctx = await createTestApp({ env: { PUBLIC_URL }, deps: { webDir: web } });
});

describe('header injection', () => {
  it('keeps a hostile project title out of the export’s Content-Disposition', async () => {
    const title = 'Q3 "report"\r\nSet-Cookie: pwned=1\r\n\r\n<script>x</script>';
    const { requester, projectId } = await fundedProject(ctx.app, { project: { title } });
    const res = await requester.client.get(`/api/v1/projects/${projectId}/results.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="[a-z0-9-]+-results\.csv"$/,
    );
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('pwned');
  });

  it('does not echo a request id that is not a plain token', async () => {
    const ids = [
      '<script>alert(1)</script>',
      'x'.repeat(200),
      'a b',
      'é',
      'a\r\nSet-Cookie: pwned=1',
    ];
    for (const id of ids) {
      const res = await ctx.app.inject({ url: '/api/v1/healthz', headers: { 'x-request-id': id } });
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('pwned');
      expect(res.headers['x-request-id']).not.toBe(id);
      expect(res.headers['x-request-id']).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    }
  });
});

describe('Host header spoofing', () => {
  const spoofed = {
    host: 'evil.test',
    'x-forwarded-host': 'evil.test',
    'x-forwarded-proto': 'http',
  };

  it('builds the OpenAPI server URL from PUBLIC_URL, never from Host', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/openapi.json', headers: spoofed });
    expect(res.json().servers).toEqual([{ url: PUBLIC_URL }]);
    expect(res.body).not.toContain('evil.test');
  });

  it('keeps the OAuth issuer and every endpoint on PUBLIC_URL', async () => {
    const res = await ctx.app.inject({
      url: '/.well-known/openid-configuration',
      headers: spoofed,
    });
    expect(res.statusCode).toBe(200);
    const config = res.json<Record<string, unknown>>();
    expect(config.issuer).toBe(PUBLIC_URL);
    for (const [key, value] of Object.entries(config)) {
      if (typeof value === 'string' && value.startsWith('http'))
        expect(value, key).toMatch(new RegExp(`^${PUBLIC_URL}(/|$)`));
    }
    expect(res.body).not.toContain('evil.test');
  });
});

describe('open redirects', () => {
  it('never sends the browser to a redirect URI the client did not register', async () => {
    const { client } = await signUp(ctx.app);
    const app = await client.post('/api/v1/oauth-clients', {
      name: 'Honest app',
      type: 'public',
      redirectUris: ['https://app.example.com/callback'],
    });
    const clientId = app.json<{ clientId: string }>().clientId;
    for (const redirect of [
      'https://evil.test/callback',
      'https://app.example.com.evil.test/callback',
      'https://app.example.com/callback/../../evil',
      '//evil.test/callback',
      'javascript:alert(1)',
    ]) {
      const query = new URLSearchParams({
        client_id: clientId,
        redirect_uri: redirect,
        response_type: 'code',
        scope: 'openid profile',
        code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
        code_challenge_method: 'S256',
        state: 'xyz',
      });
      const res = await ctx.app.inject({ url: `/oauth/authorize?${query}` });
      expect(res.statusCode, redirect).toBeLessThan(500);
      expect(String(res.headers.location ?? ''), redirect).not.toMatch(/evil|javascript:/);
    }
  });

  it('refuses to register a redirect URI that is a script or a plain-http site', async () => {
    const { client } = await signUp(ctx.app);
    for (const redirect of ['javascript:alert(1)', 'data:text/html,x', 'http://evil.test/cb']) {
      const res = await client.post('/api/v1/oauth-clients', {
        name: 'App',
        type: 'public',
        redirectUris: [redirect],
      });
      expect(res.statusCode, redirect).toBe(400);
    }
  });
});

describe('path traversal', () => {
  it('serves nothing outside the web folder, however the path is spelled', async () => {
    for (const url of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%5c..%5csecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/app.js%00.html',
    ]) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain('TOP-SECRET');
    }
  });
});
