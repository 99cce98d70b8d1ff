/**
 * A worker who does not meet a project's requirements is told which one, what they have and how
 * to meet it, on the project's page, instead of only "not qualified".
 */
import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './test.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, signUp } from './helpers.js';

/** A requester's published project open only to holders of their qualification `typeName`. */
async function projectRequiring(request: APIRequestContext, typeName: string, title: string) {
  await ok(
    await request.post('/api/v1/auth/signup', {
      data: { ...newAccount('requester'), roles: ['requester'] },
    }),
    201,
  );
  const headers = await csrfHeader(request);
  const type = await ok<{ id: string }>(
    await request.post('/api/v1/qualification-types', { headers, data: { name: typeName } }),
    201,
  );
  await ok(await request.post('/api/v1/me/deposits', { headers, data: { amountCents: 100 } }), 201);
  const project = await ok<{ id: string }>(
    await request.post('/api/v1/projects', {
      headers,
      data: {
        title,
        rewardCents: 10,
        template: {
          kind: 'form',
          items: [
            { type: 'instructions', name: 'intro', label: '', text: 'Translate **{{word}}**.' },
            { type: 'text', name: 'answer', label: 'In English', maxLength: 40 },
          ],
        },
        qualificationRequirements: [{ qualificationTypeId: type.id, comparator: 'Exists' }],
      },
    }),
    201,
  );
  await ok(
    await request.post(`/api/v1/projects/${project.id}/batches`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: 'word\nhouse\n',
    }),
    201,
  );
  await ok(await request.post(`/api/v1/projects/${project.id}/publish`, { headers }), 200);
  return project.id;
}

test('the project page says which requirement a worker fails and how to meet it', async ({
  page,
  playwright,
}) => {
  const requester = await playwright.request.newContext({ baseURL: BASE_URL });
  const typeName = `English test ${randomUUID().slice(0, 8)}`;
  const projectId = await projectRequiring(requester, typeName, 'Translate into English');

  await signUp(page, newAccount('worker'), ['worker']);
  await page.goto(`/work/projects/${projectId}`);
  await expect(page.getByRole('alert')).toContainText('You are not qualified for this project');
  const reasons = page.getByRole('list', { name: 'Requirements you do not meet' });
  await expect(reasons.getByRole('listitem')).toHaveText([
    `Requires the qualification '${typeName}' — ask the requester or take its test.`,
  ]);
  await requester.dispose();
});
