import { expect } from 'vitest';
import type { App } from '../../src/server/app.js';
import { createProject, deposit, signUpRequester } from './projects.js';
import { SIMPLE_FORM } from './work.js';

export const GOLD_QUALITY = {
  goldPercent: 50,
  minGoldAccuracyPercent: 60,
  minGoldAnswered: 2,
  goldFeedback: true,
};

/** A funded requester's draft with `plain` ordinary rows and `gold` rows whose answer is "yes". */
export async function goldProject(
  app: App,
  options: { plain: number; gold: number; quality?: object; minWorkSeconds?: number },
) {
  const requester = await signUpRequester(app);
  await deposit(requester.client, 1_000_000);
  const project = await createProject(requester.client, {
    template: SIMPLE_FORM,
    rewardCents: 10,
    quality: options.quality ?? GOLD_QUALITY,
    ...(options.minWorkSeconds === undefined ? {} : { minWorkSeconds: options.minWorkSeconds }),
  });
  const rows = [
    ...Array.from({ length: options.plain }, (_, i) => ({ word: `plain${i}` })),
    ...Array.from({ length: options.gold }, (_, i) => ({
      data: { word: `sample${i}` },
      gold: { answers: { animal: 'yes' }, explanation: 'A cat is an animal.' },
    })),
  ];
  const upload = await requester.client.post(`/api/v1/projects/${project.id}/batches`, { rows });
  expect(upload.statusCode, upload.body).toBe(201);
  return { requester, projectId: project.id };
}
