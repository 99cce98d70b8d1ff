/**
 * Previews of an HTML task behave like the task itself: the template's own scripts run in the
 * designer's live preview and in the worker's preview before accepting, as they do in the
 * worker's task frame (a `srcdoc` frame would inherit the app's CSP and block them). And the
 * description's Markdown is formatted on the worker's Find work card, not shown raw.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './test.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, signIn } from './helpers.js';

const SCRIPTED_TEMPLATE = {
  kind: 'html',
  html: [
    '<p id="status">The script has not run.</p>',
    '<form><label>Answer <input name="answer" required></label></form>',
    "<script>document.getElementById('status').textContent = 'Script ran for ${word}';</script>",
  ].join('\n'),
};

test('the template’s scripts run in the designer preview and the worker’s preview', async ({
  page,
  browser,
  request,
}) => {
  const requesterAccount = newAccount('requester');
  await ok(
    await request.post('/api/v1/auth/signup', {
      data: { ...requesterAccount, roles: ['requester'] },
    }),
    201,
  );
  const headers = await csrfHeader(request);
  await ok(await request.post('/api/v1/me/deposits', { data: { amountCents: 500 }, headers }), 201);
  const title = `Scripted preview ${randomUUID().slice(0, 6)}`;
  const { id } = await ok<{ id: string }>(
    await request.post('/api/v1/projects', {
      headers,
      data: {
        title,
        description: 'A template whose **script** fills in the page.',
        instructions: 'Answer anything.',
        rewardCents: 10,
        assignmentsPerTask: 1,
        timeAllottedSeconds: 600,
        template: SCRIPTED_TEMPLATE,
      },
    }),
    201,
  );
  await ok(
    await request.post(`/api/v1/projects/${id}/batches`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: 'word\nplum\n',
    }),
    201,
  );
  await ok(await request.post(`/api/v1/projects/${id}/publish`, { headers }), 200);

  // The requester's designer: the live preview runs the script with the sample value.
  await signIn(page, requesterAccount);
  await page.goto(`/projects/${id}/design`);
  const designerFrame = page.frameLocator('iframe[title="Preview of the HTML task"]');
  await expect(designerFrame.getByText(/^Script ran for /)).toBeVisible();
  await expect(designerFrame.getByText('The script has not run.')).toHaveCount(0);

  // A worker's preview before accepting: the same script runs on the task's own data.
  const workerContext = await browser.newContext({ baseURL: BASE_URL });
  const workerPage = await workerContext.newPage();
  const worker = newAccount('worker');
  await ok(
    await workerContext.request.post('/api/v1/auth/signup', {
      data: { ...worker, roles: ['worker'] },
    }),
    201,
  );
  // Its card on Find work shows the description's Markdown formatted, not raw.
  await workerPage.goto(`/work?q=${encodeURIComponent(title)}`);
  const card = workerPage.getByRole('article', { name: title });
  await expect(card.getByText('script', { exact: true })).toHaveJSProperty('tagName', 'STRONG');
  await expect(card).not.toContainText('**');

  await workerPage.goto(`/work/projects/${id}`);
  const previewFrame = workerPage.frameLocator(`iframe[title="Preview of ${title}"]`);
  await expect(previewFrame.getByText('Script ran for plum')).toBeVisible();
  await workerContext.close();
});
