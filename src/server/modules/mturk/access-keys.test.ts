import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { createAccessKey } from '../../../../test/helpers/mturk.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';
import { ACCESS_KEY_LIMITS } from '../../../shared/api/access-keys.js';
import { createSecretBox } from '../../lib/secret-box.js';
import { createAuditRepository } from '../audit/audit.repository.js';
import { createAuditService } from '../audit/audit.service.js';
import { createAccessKeysRepository } from './access-keys.repository.js';
import { createAccessKeysService } from './access-keys.service.js';

const ctx = await createTestApp();
const { app, clock } = ctx;
const { db } = ctx.database;

type Listed = { accessKeyId: string; name: string; createdAt: string; lastUsedAt: string | null };

async function listKeys(client: Client): Promise<Listed[]> {
  const res = await client.get('/api/v1/me/access-keys');
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Listed[] }>().items;
}

async function storedRows() {
  return db.selectFrom('mturk_access_keys').selectAll().execute();
}

describe('access keys', () => {
  it("creates a key shaped like AWS's, shows the secret once, and lists it without the secret", async () => {
    const { client } = await signUpRequester(app);
    const res = await client.post('/api/v1/me/access-keys', { name: '  boto3 on my laptop ' });
    expect(res.statusCode).toBe(201);
    const created = res.json<Listed & { secretAccessKey: string }>();
    expect(created.accessKeyId).toMatch(/^TKIA[A-Z2-7]{16}$/);
    expect(created.secretAccessKey).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(created.name).toBe('boto3 on my laptop');
    expect(created.lastUsedAt).toBeNull();

    const listed = await listKeys(client);
    expect(listed).toEqual([
      {
        accessKeyId: created.accessKeyId,
        name: 'boto3 on my laptop',
        createdAt: created.createdAt,
        lastUsedAt: null,
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(created.secretAccessKey);
  });

  it('stores the secret sealed, never as plain text', async () => {
    const { client } = await signUpRequester(app);
    const key = await createAccessKey(client);
    const row = (await storedRows()).find((r) => r.id === key.accessKeyId)!;
    expect(row.secret_ciphertext).not.toContain(key.secretAccessKey);
    expect(row.secret_ciphertext.startsWith(`v1.${row.encryption_key_id}.`)).toBe(true);
  });

  it('refuses bad names, and changes nothing', async () => {
    const { client } = await signUpRequester(app);
    for (const body of [{ name: '' }, { name: 'x'.repeat(81) }, {}, { name: 'ok', extra: 1 }]) {
      const res = await client.post('/api/v1/me/access-keys', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
    }
    expect(await listKeys(client)).toEqual([]);
  });

  it(`holds at most ${ACCESS_KEY_LIMITS.perUserMax} keys per account`, async () => {
    const { client } = await signUpRequester(app);
    for (let i = 0; i < ACCESS_KEY_LIMITS.perUserMax; i++) await createAccessKey(client, `k${i}`);
    const res = await client.post('/api/v1/me/access-keys', { name: 'one too many' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('access_key_limit');
    expect(await listKeys(client)).toHaveLength(ACCESS_KEY_LIMITS.perUserMax);
  });

  it('is for requesters only, and for a browser session only (a token cannot mint a key)', async () => {
    const worker = await signUp(app, { roles: ['worker'] });
    const refused = await worker.client.post('/api/v1/me/access-keys', { name: 'x' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('role_required');

    const { client } = await signUpRequester(app);
    const token = await client.post('/api/v1/me/tokens', {
      name: 'script',
      scopes: ['projects:read', 'projects:write'],
    });
    const bot = new Client(app);
    bot.bearer = token.json<{ token: string }>().token;
    const viaToken = await bot.post('/api/v1/me/access-keys', { name: 'x' });
    expect(viaToken.statusCode).toBe(403);
    expect(viaToken.json().error.code).toBe('session_required');
    expect((await bot.get('/api/v1/me/access-keys')).statusCode).toBe(403);
    expect(await listKeys(client)).toEqual([]);
  });

  it("deletes my key; another requester's key is not found and stays", async () => {
    const owner = await signUpRequester(app);
    const stranger = await signUpRequester(app);
    const key = await createAccessKey(owner.client);
    const theirs = await stranger.client.delete(`/api/v1/me/access-keys/${key.accessKeyId}`);
    expect(theirs.statusCode).toBe(404);
    expect(await listKeys(owner.client)).toHaveLength(1);

    const mine = await owner.client.delete(`/api/v1/me/access-keys/${key.accessKeyId}`);
    expect(mine.statusCode).toBe(200);
    expect(await listKeys(owner.client)).toEqual([]);
    const again = await owner.client.delete(`/api/v1/me/access-keys/${key.accessKeyId}`);
    expect(again.statusCode).toBe(404);
    const malformed = await owner.client.delete('/api/v1/me/access-keys/not-a-key');
    expect(malformed.statusCode).toBe(400);
  });
});

describe('access keys: who holds a key (what /mturk checks), and rotation', () => {
  const OLD = 'the-old-access-key-encryption-key-0123456789';
  const NEW = 'the-new-access-key-encryption-key-9876543210';
  const serviceWith = (box: ReturnType<typeof createSecretBox>) =>
    createAccessKeysService({
      db,
      keys: createAccessKeysRepository(db),
      box,
      clock,
      audit: createAuditService({ audit: createAuditRepository(db) }),
    });

  async function sessionOf(userId: string) {
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    return { user, scopes: [], via: 'session' as const };
  }

  it('records the last use at most once a minute', async () => {
    const requester = await signUpRequester(app);
    const keys = serviceWith(createSecretBox(NEW));
    const { row, secretAccessKey } = await keys.create(await sessionOf(requester.user.id), {
      name: 'k',
    });
    const firstUse = clock.now();
    expect((await keys.holderOf(row.id))?.secretAccessKey).toBe(secretAccessKey);
    clock.advance(30_000);
    await keys.holderOf(row.id);
    expect((await listKeys(requester.client))[0]!.lastUsedAt).toBe(firstUse.toISOString());
    clock.advance(31_000);
    await keys.holderOf(row.id);
    expect((await listKeys(requester.client))[0]!.lastUsedAt).toBe(clock.now().toISOString());
  });

  it('knows no key that does not exist or is not shaped like one', async () => {
    const keys = serviceWith(createSecretBox(NEW));
    expect(await keys.holderOf('TKIAAAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(await keys.holderOf("' or 1=1 --")).toBeUndefined();
  });

  it('seals secrets of a previous server key again with the current one', async () => {
    const requester = await signUpRequester(app);
    const before = serviceWith(createSecretBox(OLD));
    const { row, secretAccessKey } = await before.create(await sessionOf(requester.user.id), {
      name: 'k',
    });
    const rotated = serviceWith(createSecretBox(NEW, [OLD]));
    const { resealed } = await rotated.resealWithCurrentKey();
    expect(resealed).toBeGreaterThanOrEqual(1);
    // The previous key can now be dropped from the configuration.
    const afterRotation = serviceWith(createSecretBox(NEW));
    expect((await afterRotation.holderOf(row.id))?.secretAccessKey).toBe(secretAccessKey);
    expect((await afterRotation.resealWithCurrentKey()).resealed).toBe(0);
  });

  it('refuses a key whose secret no configured server key opens, and says how many there are', async () => {
    const requester = await signUpRequester(app);
    const lost = serviceWith(createSecretBox('a-server-key-nobody-configured-any-more-xx'));
    const { row } = await lost.create(await sessionOf(requester.user.id), { name: 'k' });
    const current = serviceWith(createSecretBox(NEW));
    expect(await current.holderOf(row.id)).toBeUndefined();
    expect((await current.resealWithCurrentKey()).unreadable).toBeGreaterThanOrEqual(1);
  });
});
