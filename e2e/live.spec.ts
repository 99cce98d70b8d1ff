import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { expect, test } from './test.js';
import { newAccount, type Role } from './helpers.js';

const FORM = {
  kind: 'form',
  items: [
    {
      type: 'single_choice',
      name: 'animal',
      label: 'Is {{word}} an animal?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
  ],
};

/** The API as the context's pages call it: its cookies, and the CSRF header they echo. */
async function api(context: BrowserContext) {
  const csrf = (await context.cookies()).find((c) => c.name === 'csrf_token')?.value ?? '';
  const request: APIRequestContext = context.request;
  return async (path: string, data?: unknown) => {
    const response = await request.post(`/api/v1/${path}`, {
      headers: { 'x-csrf-token': csrf },
      ...(data === undefined ? {} : { data }),
    });
    expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
    return response.json();
  };
}

async function signUpIn(context: BrowserContext, role: Role) {
  const account = newAccount(role);
  const response = await context.request.post('/api/v1/auth/signup', {
    data: { ...account, roles: [role] },
  });
  expect(response.status()).toBe(201);
  return api(context);
}

test('a requester’s project page counts up live while a worker submits elsewhere', async ({
  browser,
}) => {
  const requesterContext = await browser.newContext();
  const workerContext = await browser.newContext();

  // A funded, published project of three tasks.
  const asRequester = await signUpIn(requesterContext, 'requester');
  await asRequester('me/deposits', { amountCents: 10_000 });
  const project = await asRequester('projects', {
    title: 'Animals, live',
    description: 'Say whether each word names an animal',
    instructions: 'Answer yes or no.',
    rewardCents: 25,
    assignmentsPerTask: 1,
    template: FORM,
  });
  await asRequester(`projects/${project.id}/batches`, {
    rows: [{ word: 'cat' }, { word: 'chair' }, { word: 'dog' }],
  });
  await asRequester(`projects/${project.id}/publish`);

  // The requester watches the project page; the header says pages are live.
  const page = await requesterContext.newPage();
  await page.goto(`/projects/${project.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Animals, live');
  await expect(page.getByRole('status', { name: 'Live updates: live' })).toBeVisible();
  const toReview = page.getByText('To review', { exact: true }).locator('xpath=..');
  await expect(toReview).toContainText('0');
  // Marks this very page load: a reload would lose it.
  await page.evaluate(() => {
    (window as unknown as { loadMark: string }).loadMark = 'first load';
  });

  // A worker, in a browser of their own, takes two tasks and submits them.
  const asWorker = await signUpIn(workerContext, 'worker');
  for (let i = 1; i <= 2; i++) {
    const assignment = await asWorker(`projects/${project.id}/assignments`);
    await expect(toReview).toContainText(String(i - 1));
    await asWorker(`assignments/${assignment.id}/submit`, { answers: { animal: 'yes' } });
    await expect(toReview).toContainText(String(i));
  }
  await expect(page.getByRole('tab', { name: /Review/ })).toContainText('2');
  expect(await page.evaluate(() => (window as unknown as { loadMark?: string }).loadMark)).toBe(
    'first load',
  );

  await requesterContext.close();
  await workerContext.close();
});
