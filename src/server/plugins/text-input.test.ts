import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestContext } from '../../../test/helpers/app.js';
import { createProject, signUpRequester, uploadCsv } from '../../../test/helpers/projects.js';
import errorHandler from './error-handler.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});

describe('text the database cannot store', () => {
  it('refuses a NUL character in a profile with 400 and keeps the profile', async () => {
    const { client } = await signUp(ctx.app, { displayName: 'Ada' });
    const res = await client.patch('/api/v1/me', { displayName: 'Ada\u0000Lovelace' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_input' });
    expect(res.json().error.message).toContain('body.displayName');
    expect((await client.get('/api/v1/me')).json().displayName).toBe('Ada');
  });

  it('refuses an unpaired surrogate sent as a JSON escape, and accepts a real emoji', async () => {
    const { client } = await signUp(ctx.app);
    const lone = await client.request('PATCH', '/api/v1/me', '{"bio":"half \\ud83d of a pair"}', {
      'content-type': 'application/json',
    });
    expect(lone.statusCode).toBe(400);
    const whole = await client.patch('/api/v1/me', { bio: 'a whole one 👩‍🔬' });
    expect(whole.statusCode).toBe(200);
    expect(whole.json().bio).toBe('a whole one 👩‍🔬');
  });

  it('answers a NUL in a path or query parameter with 400, not a database error', async () => {
    const { client } = await signUp(ctx.app);
    const path = await client.get('/api/v1/users/nul%00inside');
    expect(path.statusCode).toBe(400);
    const query = await client.get('/api/v1/me/notifications?cursor=%00');
    expect(query.statusCode).toBe(400);
  });

  it('leaves a CSV upload to its importer, which names the line, and imports nothing', async () => {
    const requester = await signUpRequester(ctx.app);
    const project = await createProject(requester.client);
    const res = await uploadCsv(requester.client, project.id, 'title,image_url\nCat\u0000,x\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('CSV line 2');
    const batches = await requester.client.get(`/api/v1/projects/${project.id}/batches`);
    expect(batches.json().items).toEqual([]);
  });
});

describe('URLs the router cannot read', () => {
  it('answers bad percent-encoding in the one error shape', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/users/%ED%A0%80' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      error: { code: 'bad_url', message: expect.any(String) },
      requestId: expect.any(String),
    });
  });
});

describe('database data exceptions', () => {
  it('become a 400 without the database’s words', async () => {
    const app = Fastify({ logger: false });
    await app.register(errorHandler);
    app.get('/overflow', () => {
      throw Object.assign(new Error('value "99999999999" is out of range for type integer'), {
        code: '22003',
      });
    });
    const res = await app.inject({ url: '/overflow' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(res.body).not.toContain('out of range for type');
    await app.close();
  });
});
