import { describe, expect, it } from 'vitest';
import { Client, createTestApp } from '../../../test/helpers/app.js';
import { createServices } from '../app.js';
import { DEMO_ACCOUNTS } from './demo-data.js';
import { isEmptyDatabase, seedDemo } from './seed.js';

const ctx = await createTestApp();
const signIn = ({ email, password }: { email: string; password: string }) => ({ email, password });

describe('demo data', () => {
  it('creates a funded requester with two published sample projects and a worker who can find them', async () => {
    expect(await isEmptyDatabase(ctx.database.db)).toBe(true);
    await seedDemo(createServices({ db: ctx.database.db, clock: ctx.clock, config: ctx.config }));
    expect(await isEmptyDatabase(ctx.database.db)).toBe(false);

    const requester = new Client(ctx.app);
    expect(
      (await requester.post('/api/v1/auth/login', signIn(DEMO_ACCOUNTS.requester))).statusCode,
    ).toBe(200);
    const projects = (await requester.get('/api/v1/projects')).json().items;
    expect(projects.map((p: { template: { kind: string } }) => p.template.kind).sort()).toEqual([
      'form',
      'html',
    ]);
    expect(
      projects.every(
        (p: { status: string; progress: { tasks: number } }) =>
          p.status === 'published' && p.progress.tasks >= 24,
      ),
    ).toBe(true);
    const balance = (await requester.get('/api/v1/me/balance')).json();
    expect(balance.escrowCents).toBeGreaterThan(0);
    expect(balance.availableCents).toBeGreaterThan(0);

    const worker = new Client(ctx.app);
    expect((await worker.post('/api/v1/auth/login', signIn(DEMO_ACCOUNTS.worker))).statusCode).toBe(
      200,
    );
    const feed = (await worker.get('/api/v1/feed')).json().items;
    expect(feed).toHaveLength(2);
    const html = feed.find((f: { title: string }) => f.title.includes('city'));
    const accepted = await worker.post(`/api/v1/projects/${html.projectId}/assignments`);
    expect(accepted.statusCode).toBe(201);
    expect((await worker.get(accepted.json().template.frameUrl)).body).toContain('<blockquote>');
  });
});
