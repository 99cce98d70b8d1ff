import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../test/helpers/database-kind.js';
import { helmetHeaders } from './security-headers.js';

const ctx = await createTestApp();
const { app } = ctx;

const HELMETS = {
  'content-security-policy':
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data: https:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';media-src 'self' https:;connect-src 'self' ws: wss:;frame-src 'self'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

describe(`security headers (${testDatabaseKind()})`, () => {
  it('are on every kind of response: public, signed in, refused, not found', async () => {
    const { client } = await signUp(app);
    const responses = [
      await new Client(app).get('/healthz'),
      await client.get('/api/v1/me'),
      await new Client(app).get('/api/v1/me'),
      await new Client(app).get('/api/v1/no-such-thing'),
      await client.post('/api/v1/me/tokens', { name: 'x', scopes: ['no-such-scope'] }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 401, 404, 400]);
    for (const response of responses) expect(response.headers).toMatchObject(HELMETS);
    for (const response of responses)
      expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('include HSTS when asked, as Helmet gives it', async () => {
    const headers = await helmetHeaders({ strictTransportSecurity: true });
    expect(headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
