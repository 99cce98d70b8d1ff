/**
 * Pilot runs (DESIGN §10): a requester runs a pilot, a worker does it and says what was unclear,
 * the requester reads the feedback beside the answers, edits the project and publishes the rest,
 * which another worker then finds.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './test.js';
import { callerOf, deposit, draftProject } from './api.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, photograph, signUp } from './helpers.js';

const TEMPLATE = {
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Is **{{word}}** an animal?' },
    { type: 'text', name: 'answer', label: 'Your answer', maxLength: 40 },
  ],
};

test('a requester pilots a project, reads the feedback, edits it and publishes the rest', async ({
  page,
  browser,
}) => {
  const title = `Pilot ${randomUUID().slice(0, 6)}`;
  await signUp(page, newAccount('requester'), ['requester']);
  const owner = await callerOf(page);
  await deposit(owner, 500);
  const projectId = await draftProject(
    owner,
    { title, rewardCents: 10, template: TEMPLATE, instructions: 'Answer the question.' },
    'word\ncat\nfern\nwhale\n',
  );

  // The requester runs a pilot of the first task for one worker.
  await page.goto(`/projects/${projectId}`);
  await page.getByRole('button', { name: 'Run a pilot' }).click();
  const dialog = page.getByRole('dialog', { name: `Run a pilot of “${title}”` });
  await dialog.getByLabel('Tasks in the pilot').fill('1');
  await dialog.getByLabel('Workers').fill('1');
  await expect(dialog.getByTestId('pilot-escrow')).toContainText('$0.10');
  await dialog.getByRole('button', { name: 'Start the pilot' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Pilot', { exact: true }).first()).toBeVisible();

  // A worker takes the pilot's task and answers the feedback question with it.
  const workerContext = await browser.newContext({ baseURL: BASE_URL });
  const worker = await workerContext.newPage();
  await signUp(worker, newAccount('pilot-worker'), ['worker']);
  await worker.goto(`/work?q=${encodeURIComponent(title)}`);
  const entry = worker.getByRole('article', { name: title });
  await expect(entry).toContainText('1 task left');
  const workerHeaders = await csrfHeader(worker.request);
  const assignment = await ok<{ id: string }>(
    await worker.request.post(`/api/v1/projects/${projectId}/assignments`, {
      headers: workerHeaders,
    }),
    201,
  );
  await worker.goto(`/work/${assignment.id}`);
  await worker.getByRole('textbox', { name: 'Your answer' }).fill('yes');
  const unclear = 'Does a cat <b>count</b> as a pet or an animal?';
  await worker.getByRole('textbox', { name: 'What was unclear?' }).fill(unclear);
  await worker.getByRole('button', { name: 'Submit' }).click();
  await expect(worker.getByText('Submitted', { exact: false }).first()).toBeVisible();

  // The requester reads the feedback beside the answers, as text.
  await page.goto(`/projects/${projectId}/pilot`);
  const card = page.getByRole('article', { name: /Task 1 by @/ });
  await expect(card.getByTestId('pilot-feedback')).toHaveText(unclear);
  await expect(card).toContainText('yes');
  await expect(card).toContainText('cat');
  if (process.env.SCREENSHOTS) await photograph(page, 'pilot-feedback');

  // Edits what was unclear: the instructions and a new question (a pilot may change its form).
  await ok(
    await page.request.patch(`/api/v1/projects/${projectId}`, {
      headers: owner.headers,
      data: {
        instructions: 'Pets count as animals.',
        template: {
          ...TEMPLATE,
          items: [...TEMPLATE.items, { type: 'text', name: 'why', label: 'Why?', maxLength: 40 }],
        },
      },
    }),
    200,
  );

  // Publishes the rest.
  await page.goto(`/projects/${projectId}`);
  await page.getByRole('button', { name: 'Publish the rest' }).click();
  await page
    .getByRole('dialog', { name: `Publish the rest of “${title}”?` })
    .getByRole('button', { name: 'Publish the rest' })
    .click();
  await expect(page.getByText('The rest is published')).toBeVisible();
  await expect(
    page.locator('#main-content').getByRole('button', { name: 'Publish the rest' }),
  ).toBeHidden();

  // Another worker, left out while the pilot ran, now sees the remaining tasks (fern, whale).
  const laterContext = await browser.newContext({ baseURL: BASE_URL });
  const later = await laterContext.newPage();
  await signUp(later, newAccount('later-worker'), ['worker']);
  await later.goto(`/work?q=${encodeURIComponent(title)}`);
  await expect(later.getByRole('article', { name: title })).toContainText('2 tasks left');
  await workerContext.close();
  await laterContext.close();
});
