/**
 * Issue #16: an MTurk template written against Amazon's crowd-html-elements runs unchanged in
 * Tessera's sandboxed task frame. The page loads Amazon's script URL; Tessera serves its own
 * elements instead, so no request leaves the machine. A worker classifies (with a number key),
 * types a reason and ticks a box; the stored answer is MTurk's `taskAnswers` JSON, and the
 * review page reads it out.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './test.js';
import { refuseOutsideRequests } from './crowd-projects.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, signIn } from './helpers.js';

const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form>
  <crowd-classifier name="sentiment" categories="['Positive', 'Negative', 'Neutral']"
    header="What is the sentiment of this review?">
    <classification-target>\${review}</classification-target>
    <short-instructions>Choose the sentiment the writer expresses.</short-instructions>
    <full-instructions header="Sentiment"><p>Mixed feelings are Neutral.</p></full-instructions>
  </crowd-classifier>
  <crowd-input name="reason" label="Why?" required></crowd-input>
  <crowd-checkbox name="sure">I am sure</crowd-checkbox>
</crowd-form>`;

test('an MTurk crowd-html-elements template is done in the sandboxed frame and reviewed', async ({
  page,
  browser,
  request,
  context,
}) => {
  // Two accounts, a designer preview, a task and a review: more steps than most specs.
  test.slow();
  const outside = await refuseOutsideRequests(context);
  const requester = newAccount('requester');
  await ok(
    await request.post('/api/v1/auth/signup', { data: { ...requester, roles: ['requester'] } }),
    201,
  );
  const headers = await csrfHeader(request);
  await ok(await request.post('/api/v1/me/deposits', { data: { amountCents: 500 }, headers }), 201);
  const title = `Crowd sentiment ${randomUUID().slice(0, 6)}`;
  const { id } = await ok<{ id: string }>(
    await request.post('/api/v1/projects', {
      headers,
      data: {
        title,
        description: 'Classify a review.',
        instructions: 'Read the review and classify it.',
        rewardCents: 10,
        assignmentsPerTask: 1,
        timeAllottedSeconds: 600,
        template: { kind: 'html', html: TEMPLATE },
      },
    }),
    201,
  );
  await ok(
    await request.post(`/api/v1/projects/${id}/batches`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: 'review\n"The kettle leaks, sadly."\n',
    }),
    201,
  );
  await ok(await request.post(`/api/v1/projects/${id}/publish`, { headers }), 200);

  // The designer's preview runs Tessera's elements too.
  await signIn(page, requester);
  await page.goto(`/projects/${id}/design`);
  const preview = page.frameLocator('iframe[title="Preview of the HTML task"]');
  // The preview posts its document after a pause in typing; a busy machine makes it slower.
  await expect(preview.getByRole('radio', { name: 'Positive' })).toBeVisible({ timeout: 30_000 });

  // The worker, in a context of their own, with the same guard.
  const workerContext = await browser.newContext({ baseURL: BASE_URL });
  const workerOutside = await refuseOutsideRequests(workerContext);
  const bundleRequests: string[] = [];
  workerContext.on('request', (r) => {
    if (r.url().includes('/crowd/crowd-html-elements.js')) bundleRequests.push(r.url());
  });
  const worker = newAccount('worker');
  await ok(
    await workerContext.request.post('/api/v1/auth/signup', {
      data: { ...worker, roles: ['worker'] },
    }),
    201,
  );
  const workerPage = await workerContext.newPage();
  await workerPage.goto(`/work/projects/${id}`);
  await workerPage.getByRole('button', { name: 'Accept and start' }).click();
  await expect(workerPage).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  const frame = workerPage.frameLocator(`iframe[title="Task: ${title}"]`);
  await expect(frame.getByText('The kettle leaks, sadly.')).toBeVisible();
  await expect(
    frame.getByRole('heading', { name: 'What is the sentiment of this review?' }),
  ).toBeVisible();

  // Submitting with nothing chosen names the problem and stays on the task.
  await frame.getByRole('button', { name: 'Submit' }).click();
  await expect(frame.getByText('choose a category').first()).toBeVisible();

  // Key 2 chooses the second category; then the reason and the box.
  await frame.getByText('The kettle leaks, sadly.').click();
  await workerPage.keyboard.press('2');
  await expect(frame.getByRole('radio', { name: 'Negative' })).toBeChecked();
  await frame.getByRole('button', { name: 'Submit' }).click();
  await expect(frame.getByRole('textbox', { name: 'Why?' })).toBeFocused();
  await frame.getByRole('textbox', { name: 'Why?' }).fill('It leaks');
  await frame.getByRole('checkbox', { name: 'I am sure' }).check();
  // The work page's own Submit button asks crowd-form to submit.
  await workerPage.getByRole('button', { name: 'Submit' }).click();
  await expect(workerPage.getByRole('heading', { name: 'Task submitted' })).toBeVisible();
  expect(bundleRequests.length).toBeGreaterThan(0);
  expect(bundleRequests.every((url) => url.startsWith(`${BASE_URL}/crowd/`))).toBe(true);
  await workerContext.close();

  // Stored as MTurk posts it: one field, a JSON array holding one object.
  const exported = await request.get(`/api/v1/projects/${id}/results.json`);
  expect(exported.status()).toBe(200);
  const [line] = (await exported.text()).trim().split('\n');
  const { answers } = JSON.parse(line ?? '{}') as { answers: Record<string, string> }; // the export's line schema
  expect(Object.keys(answers)).toEqual(['taskAnswers']);
  expect(JSON.parse(answers.taskAnswers ?? '')).toEqual([
    { sentiment: { label: 'Negative' }, reason: 'It leaks', sure: { on: true } },
  ]);

  // The review page reads it out line by line.
  await page.goto(`/projects/${id}/review`);
  const table = page.getByRole('table', { name: 'Submissions' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  await expect(table.getByText('sentiment.label')).toBeVisible();
  await expect(table.getByText('Negative', { exact: true })).toBeVisible();
  await expect(table.getByText('It leaks', { exact: true })).toBeVisible();

  expect(outside).toEqual([]);
  expect(workerOutside).toEqual([]);
});
