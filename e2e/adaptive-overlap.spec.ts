import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './test.js';
import { csrfHeader, expectNoSeriousViolations, newAccount, ok, signUp } from './helpers.js';

const FORM = {
  kind: 'form',
  items: [
    {
      type: 'single_choice',
      name: 'animal',
      label: 'Is it an animal?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
  ],
};

async function post<T>(request: APIRequestContext, path: string, data?: unknown, status = 200) {
  return ok<T>(
    await request.post(`/api/v1/${path}`, {
      headers: await csrfHeader(request),
      ...(data === undefined ? {} : { data }),
    }),
    status,
  );
}

test('a requester sets adaptive overlap and sees the extra answers disagreement cost', async ({
  page,
  browser,
}) => {
  await signUp(page, newAccount('overlap-requester'), ['requester']);
  const request = page.request;
  await post(request, 'me/deposits', { amountCents: 10_000 }, 201);
  const project = await post<{ id: string }>(
    request,
    'projects',
    { title: 'Animals or not', rewardCents: 10, template: FORM },
    201,
  );

  await page.goto(`/projects/${project.id}/settings`);
  await page.getByRole('switch', { name: /Ask more workers when answers disagree/ }).check();
  await page.getByRole('textbox', { name: 'At most, workers per task' }).fill('1');
  await page.getByRole('textbox', { name: 'Workers per task at first' }).fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Must be at least the workers per task at first (2).')).toBeVisible();
  await page.getByRole('textbox', { name: 'At most, workers per task' }).fill('3');
  await page.getByRole('textbox', { name: 'Agreement needed' }).fill('100');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('× 2–3 workers')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/adaptive-overlap-settings.png', fullPage: true });

  await post(request, `projects/${project.id}/batches`, { rows: [{ word: 'cat' }] }, 201);
  await post(request, `projects/${project.id}/publish`);
  for (const animal of ['yes', 'no']) {
    const context = await browser.newContext();
    const worker = await context.newPage();
    await signUp(worker, newAccount('overlap-worker'), ['worker']);
    const assignment = await post<{ id: string }>(
      worker.request,
      `projects/${project.id}/assignments`,
      undefined,
      201,
    );
    await post(worker.request, `assignments/${assignment.id}/submit`, { answers: { animal } });
    await context.close();
  }

  await page.goto(`/projects/${project.id}`);
  await expect(page.getByTestId('overlap-summary')).toHaveText(
    '1 task needed a 3rd answer: agreement below 100 % (1 extra assignment).',
  );
  await expectNoSeriousViolations(page);
  await page.screenshot({ path: 'test-results/adaptive-overlap-progress.png', fullPage: true });
});
