/**
 * Fair pay on the requester's side (DESIGN §10): the new-project form shows the hourly pay the
 * reward and estimate make as one types, and the project's Workers tab charts how long the
 * submitted work took once 3 submissions are in.
 */
import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './test.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, photograph, signUp } from './helpers.js';

const TEMPLATE = {
  kind: 'form',
  items: [{ type: 'text', name: 'answer', label: 'Your answer', maxLength: 40 }],
};
/** With SCREENSHOTS, work takes a few real seconds each, so the picture has a shape. */
const SPREAD_SECONDS = process.env.SCREENSHOTS ? [6, 7, 8, 8, 9, 11, 14] : [0, 0, 0];

async function worker(request: APIRequestContext) {
  await ok(
    await request.post('/api/v1/auth/signup', {
      data: { ...newAccount('worker'), roles: ['worker'] },
    }),
    201,
  );
  return csrfHeader(request);
}

test('the requester sees the hourly pay as they type and a chart of the work times', async ({
  page,
  playwright,
}) => {
  // Many sign-ups, a publish and (with SCREENSHOTS) real seconds of work: more than the default.
  test.slow();
  const title = `Fair pay ${randomUUID().slice(0, 6)}`;
  await signUp(page, newAccount('requester'), ['requester']);
  const headers = await csrfHeader(page.request);
  await ok(
    await page.request.post('/api/v1/me/deposits', { headers, data: { amountCents: 5_000 } }),
    201,
  );

  await page.goto('/projects/new');
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Reward per assignment').fill('0.10');
  await page.getByLabel('Estimated minutes per task').fill('0.25');
  // 10 cents for 15 seconds, live.
  await expect(page.getByTestId('pay-terms-hint')).toHaveText(
    'Workers see $24.00 an hour at the estimate.',
  );
  await page.getByLabel('Estimated minutes per task').fill('0.05');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByText('Estimate at least 5 seconds.')).toBeVisible();
  await page.getByLabel('Estimated minutes per task').fill('0.25');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/design$/);
  const projectId = /\/projects\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  const project = await ok<{ estimatedSeconds: number; hourlyPay: { cents: number } }>(
    await page.request.get(`/api/v1/projects/${projectId}`),
    200,
  );
  expect(project).toMatchObject({ estimatedSeconds: 15, hourlyPay: { cents: 2400 } });

  // A minute allotted, so work from 5 s on counts as plausible.
  await ok(
    await page.request.patch(`/api/v1/projects/${projectId}`, {
      headers,
      data: { template: TEMPLATE, timeAllottedSeconds: 60 },
    }),
    200,
  );
  const rows = ['word', ...SPREAD_SECONDS.map((_, i) => `w${i}`)].join('\n');
  await ok(
    await page.request.post(`/api/v1/projects/${projectId}/batches`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: rows,
    }),
    201,
  );
  await ok(await page.request.post(`/api/v1/projects/${projectId}/publish`, { headers }), 200);

  await page.goto(`/projects/${projectId}/workers`);
  const card = page.getByRole('region', { name: 'How long the work takes' });
  await expect(card.getByText('Not enough work to chart yet')).toBeVisible();

  // Workers accept together and hand in after different times.
  const started = Date.now();
  const accepted = [];
  for (const _ of SPREAD_SECONDS) {
    const request = await playwright.request.newContext({ baseURL: BASE_URL });
    const workerHeaders = await worker(request);
    const assignment = await ok<{ id: string }>(
      await request.post(`/api/v1/projects/${projectId}/assignments`, { headers: workerHeaders }),
      201,
    );
    accepted.push({ request, workerHeaders, id: assignment.id });
  }
  for (const [i, a] of accepted.entries()) {
    const wait = started + SPREAD_SECONDS[i]! * 1000 - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    await ok(
      await a.request.post(`/api/v1/assignments/${a.id}/submit`, {
        headers: a.workerHeaders,
        data: { answers: { answer: 'done' } },
      }),
      200,
    );
  }

  await page.reload();
  await expect(card.locator('svg[role="img"]')).toBeVisible();
  await expect(card.getByTestId('work-times-summary')).toContainText(
    `${SPREAD_SECONDS.length} submissions`,
  );
  await expect(card.getByTestId('work-times-summary')).toContainText(
    'your estimate of 15 s pays $24.00 an hour',
  );
  if (process.env.SCREENSHOTS) {
    await card.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    await photograph(page, 'work-time-distribution');
  }
});
