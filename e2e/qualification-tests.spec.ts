/**
 * Earning a qualification in the browser: a requester writes a test in the web app and requires
 * its type on a project; a worker who fails sees the score and the wait, another passes and can
 * accept; the requester sees both attempts. And a requestable type: the worker asks from the
 * preview, the requester grants in the holders drawer, the worker accepts.
 * With SCREENSHOTS=1 it photographs the test page, the attempts and the request for the docs.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './test.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, photograph, signUp } from './helpers.js';

test.describe.configure({ mode: 'serial' });
// Three accounts and two browser contexts each: on a loaded machine they pass 90 s.
test.slow();

/** A published one-task project of the signed-in requester that requires `typeId`. */
async function projectRequiring(page: Page, typeId: string, title: string) {
  const headers = await csrfHeader(page.request);
  await ok(
    await page.request.post('/api/v1/me/deposits', { headers, data: { amountCents: 100 } }),
    201,
  );
  const project = await ok<{ id: string }>(
    await page.request.post('/api/v1/projects', {
      headers,
      data: {
        title,
        rewardCents: 10,
        template: {
          kind: 'form',
          items: [{ type: 'text', name: 'answer', label: 'Your answer', maxLength: 40 }],
        },
        qualificationRequirements: [{ qualificationTypeId: typeId, comparator: 'Exists' }],
      },
    }),
    201,
  );
  await ok(
    await page.request.post(`/api/v1/projects/${project.id}/batches`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: 'n\n1\n2\n',
    }),
    201,
  );
  await ok(await page.request.post(`/api/v1/projects/${project.id}/publish`, { headers }), 200);
  return project.id;
}

/** A new requester in the browser with a qualification type made in the Qualifications page. */
async function requesterWithType(page: Page, name: string, requestable: boolean) {
  await signUp(page, newAccount('requester'), ['requester']);
  await page.goto('/qualifications');
  await page.getByRole('button', { name: 'New qualification' }).first().click();
  const form = page.getByRole('form', { name: 'New qualification' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Description').fill('Knows the difference');
  if (requestable) await form.getByLabel('Workers can request it').check();
  await form.getByRole('button', { name: 'Create qualification' }).click();
  await expect(page.getByRole('button', { name: `Holders of ${name}` })).toBeVisible();
  const types = await ok<{ items: { id: string; name: string }[] }>(
    await page.request.get('/api/v1/qualification-types?owner=me'),
    200,
  );
  const type = types.items.find((t) => t.name === name);
  expect(type).toBeDefined();
  return type!.id;
}

async function workerOn(browser: Browser) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  await signUp(page, newAccount('worker'), ['worker']);
  return page;
}

/** From the project's preview to the test's result, answering the example's two questions. */
async function takeTestFromPreview(
  page: Page,
  projectId: string,
  typeName: string,
  answers: { choice: 'Yes' | 'No'; count: string },
) {
  await page.goto(`/work/projects/${projectId}`);
  await page.getByRole('link', { name: `Take the test “${typeName}”` }).click();
  await page.getByRole('button', { name: 'Start the test' }).click();
  const form = page.getByRole('form', { name: 'Test questions' });
  await form.getByRole('radio', { name: answers.choice }).check();
  await form.getByLabel('How many?').fill(answers.count);
  await form.getByRole('button', { name: 'Submit the test' }).click();
  return page.getByTestId('test-result');
}

test('a worker fails a qualification test, another passes and accepts, the requester sees both', async ({
  page,
  browser,
}) => {
  const typeName = `Counting ${randomUUID().slice(0, 6)}`;
  const typeId = await requesterWithType(page, typeName, false);

  await page.getByRole('link', { name: `Test of ${typeName}` }).click();
  await page.getByRole('button', { name: 'Start from an example' }).click();
  await page
    .getByRole('region', { name: 'Key of Choose one' })
    .getByRole('radio', { name: 'Yes' })
    .check();
  await page.getByRole('region', { name: 'Key of How many?' }).getByLabel('Right answer').fill('3');
  const rules = page.getByRole('region', { name: 'Rules' });
  await rules.getByLabel('Pass mark').fill('2');
  await rules.getByLabel('Wait before retrying (minutes)').fill('60');
  await page.getByRole('button', { name: 'Save the test' }).click();
  await expect(page.getByText('Test saved')).toBeVisible();
  const projectId = await projectRequiring(page, typeId, 'Count the birds');

  const failing = await workerOn(browser);
  await failing.goto('/work');
  await expect(
    failing.getByRole('link', { name: 'Take the test for Count the birds' }),
  ).toBeVisible();
  const failed = await takeTestFromPreview(failing, projectId, typeName, {
    choice: 'No',
    count: '3',
  });
  await expect(failed).toContainText('You did not pass this time');
  await expect(failed).toContainText('You scored 1 of 2 points (the pass mark is 2)');
  await expect(failed.getByRole('button', { name: 'Try again' })).toBeDisabled();
  if (process.env.SCREENSHOTS) await photograph(failing, 'qualification-test-failed');

  const passing = await workerOn(browser);
  const passed = await takeTestFromPreview(passing, projectId, typeName, {
    choice: 'Yes',
    count: '3',
  });
  await expect(passed).toContainText('You passed');
  await expect(passed).toContainText(`You now hold “${typeName}” with the value 2.`);
  await passed.getByRole('link', { name: 'Back to the project' }).click();
  await passing.getByRole('button', { name: 'Accept and start' }).click();
  await expect(passing).toHaveURL(/\/work\/[0-9a-f-]{36}$/);

  await page.getByRole('tab', { name: 'Attempts' }).click();
  const attempts = page.getByRole('table', { name: 'Test attempts' });
  await expect(attempts.getByRole('row')).toHaveCount(3);
  await expect(attempts).toContainText('1 / 2');
  await expect(attempts).toContainText('2 / 2');
  if (process.env.SCREENSHOTS) await photograph(page, 'qualification-test-attempts');
  await failing.context().close();
  await passing.context().close();
});

test('a worker requests a qualification from the preview; once granted they can accept', async ({
  page,
  browser,
}) => {
  const typeName = `Trusted ${randomUUID().slice(0, 6)}`;
  const typeId = await requesterWithType(page, typeName, true);
  const projectId = await projectRequiring(page, typeId, 'Label the boats');

  const worker = await workerOn(browser);
  await worker.goto(`/work/projects/${projectId}`);
  await worker.getByRole('button', { name: `Request “${typeName}”` }).click();
  await expect(worker.getByRole('status').filter({ hasText: 'You asked for' })).toContainText(
    `You asked for “${typeName}”. You will be notified when the requester answers.`,
  );
  if (process.env.SCREENSHOTS) await photograph(worker, 'qualification-request');

  await page.goto('/qualifications');
  await page.getByRole('button', { name: `Holders of ${typeName}` }).click();
  const requests = page.getByRole('table', { name: `Pending requests for ${typeName}` });
  await requests.getByRole('button', { name: /^Grant @/ }).click();
  await expect(page.getByRole('table', { name: `Holders of ${typeName}` })).toBeVisible();

  await worker.goto(`/work/projects/${projectId}`);
  await worker.getByRole('button', { name: 'Accept and start' }).click();
  await expect(worker).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  await worker.context().close();
});
