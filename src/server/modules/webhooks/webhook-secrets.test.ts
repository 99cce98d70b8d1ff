import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { startWebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';
import { createServices } from '../../app.js';
import { createSecretBox } from '../../lib/secret-box.js';

/**
 * Webhooks' signing secrets are sealed at rest with the server key (ACCESS_KEY_ENCRYPTION_KEY, as
 * MTurk access keys' are): the table never holds one in the clear, a webhook made before sealing
 * is sealed when a server starts, and a rotated key's secrets are sealed again with the new key.
 */
const CURRENT_KEY = 'current-server-key-0123456789-abcdefghijklmnop';
const PREVIOUS_KEY = 'previous-server-key-0123456789-abcdefghijklmno';
const ctx = await createTestApp({
  env: {
    WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
    ACCESS_KEY_ENCRYPTION_KEY: CURRENT_KEY,
    ACCESS_KEY_ENCRYPTION_PREVIOUS_KEYS: PREVIOUS_KEY,
  },
});
const { app } = ctx;
const { db } = ctx.database;
const receiver = await startWebhookReceiver(29210);

const storedRow = (id: string) =>
  db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** A ping through the API, and whether the receiver could verify it with `secret`. */
async function pingVerifies(
  client: Awaited<ReturnType<typeof signUpRequester>>['client'],
  id: string,
  secret: string,
) {
  const before = receiver.received.length;
  const ping = await client.post(`/api/v1/webhooks/${id}/test`);
  expect(ping.statusCode, ping.body).toBe(200);
  expect(ping.json().status).toBe('delivered');
  const message = receiver.received[before]!;
  return new Webhook(secret).verify(message.body, message.headers as Record<string, string>);
}

/** A webhook row as it was stored before this server: the secret as given. */
async function insertStored(userId: string, secret: { unsealed?: string; sealedWith?: string }) {
  const plaintext = `whsec_${Buffer.from(`legacy-secret-${Math.random()}`).toString('base64')}`;
  const sealed = secret.sealedWith ? createSecretBox(secret.sealedWith).seal(plaintext) : undefined;
  const row = await db
    .insertInto('webhooks')
    .values({
      user_id: userId,
      url: receiver.url,
      events: ['assignment.submitted'],
      unsealed_secret: sealed ? null : plaintext,
      secret_ciphertext: sealed?.ciphertext ?? null,
      encryption_key_id: sealed?.keyId ?? null,
      created_at: ctx.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, plaintext };
}

/** What a server starting now over this database does first (app.ts). */
const sealOnStart = () =>
  createServices({ db, clock: ctx.clock, config: ctx.config }).webhooks.sealStoredSecrets();

describe('webhook signing secrets at rest', () => {
  it('stores a new webhook’s secret sealed, nowhere in the clear, and still signs with it', async () => {
    const { client } = await signUpRequester(app);
    const res = await client.post('/api/v1/webhooks', {
      url: receiver.url,
      events: ['assignment.submitted'],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, secret } = res.json<{ id: string; secret: string }>();
    const row = await storedRow(id);
    expect(row.unsealed_secret).toBeNull();
    expect(row.secret_ciphertext).toMatch(/^v1\./);
    // Neither the secret nor its base64 body appears in any column.
    expect(JSON.stringify(row)).not.toContain(secret.slice('whsec_'.length));
    expect(createSecretBox(CURRENT_KEY).open(row.secret_ciphertext!)).toBe(secret);
    expect(await pingVerifies(client, id, secret)).toBeTruthy();
  });

  it('seals, on start, a webhook stored in the clear before, which keeps its secret', async () => {
    const { client, user } = await signUpRequester(app);
    const legacy = await insertStored(user.id, { unsealed: 'yes' });
    const { sealed } = await sealOnStart();
    expect(sealed).toBeGreaterThanOrEqual(1);
    const row = await storedRow(legacy.id);
    expect(row.unsealed_secret).toBeNull();
    expect(JSON.stringify(row)).not.toContain(legacy.plaintext.slice('whsec_'.length));
    expect(await pingVerifies(client, legacy.id, legacy.plaintext)).toBeTruthy();
  });

  it('seals again with the current key a secret sealed with a previous one (rotation)', async () => {
    const { client, user } = await signUpRequester(app);
    const rotated = await insertStored(user.id, { sealedWith: PREVIOUS_KEY });
    await sealOnStart();
    const row = await storedRow(rotated.id);
    expect(row.encryption_key_id).toBe(createSecretBox(CURRENT_KEY).currentKeyId);
    expect(createSecretBox(CURRENT_KEY).open(row.secret_ciphertext!)).toBe(rotated.plaintext);
    expect(await pingVerifies(client, rotated.id, rotated.plaintext)).toBeTruthy();
  });

  it('leaves a secret no configured key opens, counts it, and sends nothing unsigned', async () => {
    const { client, user } = await signUpRequester(app);
    const lost = await insertStored(user.id, {
      sealedWith: 'a-key-this-server-was-never-given-0123456789',
    });
    const before = await storedRow(lost.id);
    const { unreadable } = await sealOnStart();
    expect(unreadable).toBeGreaterThanOrEqual(1);
    expect(await storedRow(lost.id)).toEqual(before);
    const sent = receiver.received.length;
    const ping = await client.post(`/api/v1/webhooks/${lost.id}/test`);
    expect(ping.json()).toMatchObject({ status: 'failed' });
    expect(ping.json().lastError).toContain('ACCESS_KEY_ENCRYPTION_PREVIOUS_KEYS');
    expect(receiver.received.length).toBe(sent);
  });
});
