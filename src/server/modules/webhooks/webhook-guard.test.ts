import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { startWebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';
import type { HostLookup } from './webhook-target.js';
import { createWebhooksModule } from './webhooks.module.js';

/** The names the tests' DNS knows; a test changes an answer to play a rebinding attacker. */
const dns = new Map<string, string[]>([
  ['hooks.example.com', ['93.184.216.34']],
  ['intranet.example.com', ['10.0.0.7']],
  ['metadata.example.com', ['169.254.169.254']],
  ['split.example.com', ['93.184.216.34', '127.0.0.1']],
]);
const lookup: HostLookup = async (host) => {
  const addresses = dns.get(host);
  if (!addresses)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

// The operator's default: private targets are not allowed.
const ctx = await createTestApp({ deps: { webhooks: { lookup } } });
const { app, clock } = ctx;
const receiver = await startWebhookReceiver(22811);
const { service: sweeper } = createWebhooksModule({
  db: ctx.database.db,
  clock,
  config: ctx.config,
  allowPrivateTargets: false,
  lookup,
});

describe('webhook targets', () => {
  it('refuses private, loopback and unresolvable targets with a clear 400, storing nothing', async () => {
    const { client } = await signUpRequester(app);
    const refused: [string, RegExp][] = [
      ['https://127.0.0.1/hook', /private or reserved/],
      ['https://[::1]/hook', /private or reserved/],
      ['https://[::ffff:127.0.0.1]/hook', /private or reserved/],
      ['https://localhost.:22811/hook', /cannot be resolved/],
      ['https://intranet.example.com/hook', /private or reserved/],
      ['https://metadata.example.com/latest', /private or reserved/],
      ['https://split.example.com/hook', /private or reserved/],
      ['http://hooks.example.com/hook', /must be an https URL/],
      [receiver.url, /must be an https URL/],
    ];
    for (const [url, message] of refused) {
      const res = await client.post('/api/v1/webhooks', { url, events: ['ping'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error.message, url).toMatch(message);
      expect(res.json().error.details[0].path).toBe('body.url');
    }
    expect((await client.get('/api/v1/webhooks')).json().items).toEqual([]);
  });

  it('accepts an https URL whose host resolves to public addresses only', async () => {
    const { client } = await signUpRequester(app);
    const res = await client.post('/api/v1/webhooks', {
      url: 'https://hooks.example.com/in',
      events: ['ping'],
    });
    expect(res.statusCode).toBe(201);
  });

  it('checks the address again at delivery: a name rebound to loopback is never reached', async () => {
    dns.set('rebind.example.com', ['93.184.216.34']);
    const { client } = await signUpRequester(app);
    const created = await client.post('/api/v1/webhooks', {
      url: 'https://rebind.example.com:22811/hook',
      events: ['ping'],
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    dns.set('rebind.example.com', ['127.0.0.1']);

    const test = (await client.post(`/api/v1/webhooks/${id}/test`)).json();
    expect(test).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: null });
    expect(test.lastError).toMatch(/^refused: .*private or reserved/);

    // Queued deliveries are refused the same way, and retried later (the name may be fixed).
    const user = (await client.get('/api/v1/me')).json();
    clock.advance(1_000);
    expect(await sweeper.enqueue(ctx.database.db, user.id, 'ping', { type: 'ping' })).toBe(1);
    await sweeper.sweepDue();
    const log = (await client.get(`/api/v1/webhooks/${id}/deliveries`)).json().items;
    expect(log[0]).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
    expect(log[0].lastError).toMatch(/^refused: /);
    expect(receiver.received).toEqual([]);
  });
});
