import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { GOLD_QUALITY, goldProject } from '../../../../test/helpers/gold.js';

const ctx = await createTestApp();
const { app } = ctx;

describe('quality flags in review', () => {
  it('flags a stopped worker’s work and work faster than minWorkSeconds; the worker sees why', async () => {
    const { requester, projectId } = await goldProject(app, {
      plain: 4,
      gold: 4,
      quality: { ...GOLD_QUALITY, goldPercent: 100 },
      minWorkSeconds: 30,
    });
    await requester.client.post(`/api/v1/projects/${projectId}/publish`);
    const careless = await signUp(app, { roles: ['worker'] });
    const careful = await signUp(app, { roles: ['worker'] });
    for (let i = 0; i < 2; i++) {
      // Submitted at once: faster than the 30 s minimum, and wrong.
      const a = (await careless.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
      await careless.client.post(`/api/v1/assignments/${a.id}/submit`, {
        answers: { animal: 'no' },
      });
      const b = (await careful.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
      ctx.clock.advance(45_000);
      await careful.client.post(`/api/v1/assignments/${b.id}/submit`, {
        answers: { animal: 'yes' },
      });
    }
    const list = await requester.client.get(`/api/v1/projects/${projectId}/assignments`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { worker: { id: string }; flags: unknown[] }[];
    expect(items).toHaveLength(4);
    for (const item of items) {
      if (item.worker.id === careful.user.id) expect(item.flags).toEqual([]);
      else {
        expect(item.flags).toEqual([
          {
            kind: 'gold_accuracy',
            message: 'stopped: gold accuracy 0 % after 2 (minimum 60 %)',
          },
          { kind: 'too_fast', message: 'submitted in 0 s; minimum 30 s' },
        ]);
      }
    }
    // The stopped worker's preview of the project says why, with the numbers.
    const preview = await careless.client.get(`/api/v1/feed/${projectId}`);
    expect(preview.statusCode).toBe(403);
    expect(preview.json().error).toMatchObject({
      code: 'quality_too_low',
      details: { accuracyPercent: 0, minimumPercent: 60 },
    });
  });
});
