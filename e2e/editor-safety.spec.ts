import type { Page } from '@playwright/test';
import { expect, test } from './test.js';
import { csrfHeader, ok } from './earnings-fixtures.js';
import { expectNoSeriousViolations, newAccount, sidebar, signUp, submitSignIn } from './helpers.js';

// Issue #13, items 2 and 3: a renamed option records what it now says, and unsaved edits are
// neither lost by moving away nor by a session that expires while editing.

function projectTab(page: Page, name: string) {
  return page
    .getByRole('tablist', { name: 'Project sections' })
    .getByRole('tab', { name, exact: true });
}

async function createDraft(page: Page, title: string) {
  await sidebar(page).getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('main').getByRole('link', { name: 'New project' }).first().click();
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByRole('textbox', { name: 'Title' }).fill(title);
  await form.getByRole('textbox', { name: 'Reward per assignment' }).fill('0.10');
  await form.getByRole('textbox', { name: 'Workers per task' }).fill('1');
  await form.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  return /\/projects\/([^/]+)/.exec(page.url())?.[1] ?? '';
}

async function addItem(page: Page, type: string) {
  await page.getByRole('button', { name: 'Add item' }).first().click();
  await page.getByRole('menuitem', { name: new RegExp(`^${type}`) }).click();
}

test('renamed and added options record what they say, in the saved design and the export', async ({
  page,
  browser,
  baseURL,
}) => {
  await signUp(page, newAccount('requester'), ['requester']);
  const projectId = await createDraft(page, 'Tone of a sentence');

  await addItem(page, 'Single choice');
  await page.getByRole('textbox', { name: 'Question' }).fill('What is the tone of “{{sentence}}”?');
  const options = page.getByRole('list', { name: /^Options of / });
  await options.getByRole('textbox', { name: 'Option 1 label' }).fill('Positive');
  await options.getByRole('textbox', { name: 'Option 2 label' }).fill('Negative');
  await page.getByRole('button', { name: 'Add option' }).click();
  await options.getByRole('textbox', { name: 'Option 3 label' }).fill('Mixed');
  // The value follows the label, and is shown beside it.
  await expect(options.getByRole('listitem').nth(0)).toContainText('Records positive');
  await expect(options.getByRole('listitem').nth(2)).toContainText('Records mixed');

  // A value typed by hand must stay unique; the message says which option already has it.
  await page.getByRole('button', { name: 'Edit value of option 3' }).click();
  const third = options.getByRole('textbox', { name: 'Option 3 value' });
  await third.fill('negative');
  await expect(options.getByText('Option 2 already records "negative"')).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('The design has problems')).toBeVisible();
  await page.getByRole('button', { name: 'Follow the label for option 3' }).click();
  await expect(third).toHaveValue('mixed');

  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();

  const headers = await csrfHeader(page.request);
  const saved = await ok<{ template: { items: { options: unknown[] }[] } }>(
    await page.request.get(`/api/v1/projects/${projectId}`),
    200,
  );
  expect(saved.template.items[0]!.options).toEqual([
    { value: 'positive', label: 'Positive' },
    { value: 'negative', label: 'Negative' },
    { value: 'mixed', label: 'Mixed' },
  ]);

  // Data, money and publishing through the API; requester.spec.ts covers them in the page.
  await ok(
    await page.request.post(`/api/v1/projects/${projectId}/batches`, {
      headers,
      data: { rows: [{ sentence: 'Nice, but late.' }] },
    }),
    201,
  );
  await ok(
    await page.request.post('/api/v1/me/deposits', { headers, data: { amountCents: 1_000 } }),
    201,
  );
  await ok(await page.request.post(`/api/v1/projects/${projectId}/publish`, { headers }), 200);

  // A worker answers "Mixed" in the task page.
  const workerContext = await browser.newContext({ baseURL });
  const worker = await workerContext.newPage();
  await signUp(worker, newAccount('worker'), ['worker']);
  await worker.goto(`/work/projects/${projectId}`);
  await worker.getByRole('button', { name: 'Accept and start' }).click();
  // On the work page before its form is used (the preview before it shows the same fields).
  await expect(worker).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  await worker.getByRole('radio', { name: 'Mixed' }).check();
  await worker.getByRole('button', { name: 'Submit' }).click();
  await expect(worker.getByRole('heading', { name: 'Task submitted' })).toBeVisible();
  await workerContext.close();

  // The export records the value of the label the worker chose.
  const csv = await page.request.get(`/api/v1/projects/${projectId}/results.csv`);
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain('mixed');
  expect(text).not.toContain('option_3');

  // Published: changing what an option records asks first, naming the answers it affects.
  await page.reload();
  await expect(page.getByText('The design is locked')).toBeVisible();
  await page.getByRole('button', { name: /^What is the tone/ }).click();
  await page.getByRole('button', { name: 'Edit value of option 3' }).click();
  await options.getByRole('textbox', { name: 'Option 3 value' }).fill('ambivalent');
  await page.getByRole('button', { name: 'Save design' }).click();
  const confirm = page.getByRole('dialog', { name: 'Change what these options record?' });
  await expect(confirm).toContainText('1 answer already given keeps the old values');
  await expect(confirm).toContainText('mixed → ambivalent');
  await expectNoSeriousViolations(page);
  await confirm.getByRole('button', { name: 'Keep the old values' }).click();
  await expect(confirm).toBeHidden();
  expect(
    (await ok<typeof saved>(await page.request.get(`/api/v1/projects/${projectId}`), 200)).template
      .items[0]!.options[2],
  ).toEqual({ value: 'mixed', label: 'Mixed' });
  await page.getByRole('button', { name: 'Save design' }).click();
  await confirm.getByRole('button', { name: 'Change values' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();
  expect(
    (await ok<typeof saved>(await page.request.get(`/api/v1/projects/${projectId}`), 200)).template
      .items[0]!.options[2],
  ).toEqual({ value: 'ambivalent', label: 'Mixed' });
});

test('unsaved design edits survive the sidebar, the tabs, a reload and an expired session', async ({
  page,
}) => {
  const account = newAccount('requester');
  await signUp(page, account, ['requester']);
  const projectId = await createDraft(page, 'Caption the photos');
  await addItem(page, 'Short text');
  const question = page.getByRole('textbox', { name: 'Question' });
  await question.fill('Describe the photo in one line');
  await expect(page.getByText('Unsaved changes')).toBeVisible();

  // The sidebar asks first; Stay (from the keyboard) keeps the edits on the page.
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await sidebar(page).getByRole('link', { name: 'Funds' }).click();
  await expect(leave).toBeVisible();
  await expect(leave.getByRole('button', { name: 'Stay' })).toBeFocused();
  await expectNoSeriousViolations(page);
  await page.keyboard.press('Enter');
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}(/design)?$`));
  await expect(question).toHaveValue('Describe the photo in one line');

  // So does another tab of the project page; Escape stays too.
  await projectTab(page, 'Data').click();
  await expect(leave).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(leave).toBeHidden();
  await expect(projectTab(page, 'Design')).toHaveAttribute('aria-selected', 'true');
  await expect(question).toHaveValue('Describe the photo in one line');

  // A reload is the browser's question; the edits kept on this device are offered back.
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await page.reload();
  expect(asked).toEqual(['beforeunload']);
  const offer = page.getByRole('region', { name: /^Restore your unsaved changes from / });
  await expect(offer).toContainText('They were kept on this device.');
  await expectNoSeriousViolations(page);
  await offer.getByRole('button', { name: 'Restore changes' }).click();
  await expect(offer).toBeHidden();
  await page.getByRole('button', { name: /^Describe the photo in one line/ }).click();
  await expect(question).toHaveValue('Describe the photo in one line');
  await question.fill('Describe the photo in one short line');

  // The session ends on the server while the requester edits: the next call is refused.
  const { cookies } = await page.context().storageState();
  await ok(
    await page.request.post('/api/v1/auth/logout', { headers: await csrfHeader(page.request) }),
    200,
  );
  await page.context().addCookies(cookies);
  await page.getByRole('button', { name: 'Save design' }).click();

  // The sign-in page says why, and sends the requester back with the edits offered again.
  await expect(page).toHaveURL(/\/signin\?reason=expired&next=/);
  await expect(page.getByText('Your session expired')).toBeVisible();
  await expect(page.getByText(/Unsaved changes to your projects are kept/)).toBeVisible();
  await submitSignIn(page, account);
  await expect(page).toHaveURL(new RegExp(`/projects/${projectId}`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Caption the photos');
  await offer.getByRole('button', { name: 'Restore changes' }).click();
  await page.getByRole('button', { name: /^Describe the photo in one short line/ }).click();
  await expect(question).toHaveValue('Describe the photo in one short line');
  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();

  // Saved: moving away asks nothing, and nothing is offered back.
  await sidebar(page).getByRole('link', { name: 'Funds' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funds');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Caption the photos');
  await expect(offer).toHaveCount(0);

  // Leave drops the edits for good.
  await page.getByRole('button', { name: /^Describe the photo/ }).click();
  await question.fill('Something else');
  await sidebar(page).getByRole('link', { name: 'Funds' }).click();
  await leave.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funds');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Caption the photos');
  await expect(offer).toHaveCount(0);
  await page.getByRole('button', { name: /^Describe the photo/ }).click();
  await expect(question).toHaveValue('Describe the photo in one short line');
});

test('unsaved settings ask before the page is left', async ({ page }) => {
  await signUp(page, newAccount('requester'), ['requester']);
  await createDraft(page, 'Sort the receipts');
  await projectTab(page, 'Settings').click();
  await page.getByRole('textbox', { name: 'Title' }).fill('Sort the shop receipts');
  await projectTab(page, 'Preview').click();
  const leave = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(leave).toContainText('your changes to the settings');
  await leave.getByRole('button', { name: 'Stay' }).click();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Sort the shop receipts');
});
