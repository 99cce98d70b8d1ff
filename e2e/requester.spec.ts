import type { Page } from '@playwright/test';
import { expect, test } from './test.js';
import { expectNoSeriousViolations, newAccount, sidebar, signUp } from './helpers.js';

const PRODUCTS_CSV = [
  'product,image_url',
  'Red kettle,https://images.example.org/kettle.jpg',
  '"Blue mug, large",https://images.example.org/mug.jpg',
].join('\r\n');

async function csrfHeader(page: Page) {
  const { cookies } = await page.context().storageState();
  return { 'x-csrf-token': cookies.find((c) => c.name === 'csrf_token')?.value ?? '' };
}

function projectTab(page: Page, name: string) {
  return page
    .getByRole('tablist', { name: 'Project sections' })
    .getByRole('tab', { name, exact: true });
}

async function createDraft(page: Page, title: string, reward: string, workersPerTask: string) {
  await sidebar(page).getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('main').getByRole('link', { name: 'New project' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New project');
  const form = page.getByRole('form', { name: 'New project' });
  await form.getByRole('textbox', { name: 'Title' }).fill(title);
  await form.getByRole('textbox', { name: 'Reward per assignment' }).fill(reward);
  await form.getByRole('textbox', { name: 'Workers per task' }).fill(workersPerTask);
  await form.getByRole('button', { name: 'Create draft' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(projectTab(page, 'Design')).toHaveAttribute('aria-selected', 'true');
}

async function addItem(page: Page, type: string) {
  await page.getByRole('button', { name: 'Add item' }).first().click();
  await page.getByRole('menuitem', { name: new RegExp(`^${type}`) }).click();
}

test('a requester designs a form project, uploads data, funds it and publishes it', async ({
  page,
}) => {
  await signUp(page, newAccount('requester'), ['requester']);
  await expect(page.getByRole('heading', { name: 'You have no projects yet' })).toBeVisible();
  await createDraft(page, 'Spot the product', '0.25', '2');

  // Design: a single-choice question that names the row's product, and a text answer.
  await addItem(page, 'Single choice');
  const question = page.getByRole('textbox', { name: 'Question' });
  await question.fill('Does the photo show {{product}}?');
  await addItem(page, 'Short text');
  await page.getByRole('textbox', { name: 'Question' }).fill('What else is in the photo?');
  await page.getByRole('switch', { name: 'Answer required' }).uncheck();
  await expect(page.getByRole('list', { name: 'Form items' }).getByRole('listitem')).toHaveCount(2);

  // The placeholder is listed, and the live preview fills it from the sample value.
  await page.getByRole('textbox', { name: 'Sample value of product' }).fill('Green teapot');
  await expect(page.getByText('Does the photo show Green teapot?')).toBeVisible();

  // Items reorder with the keyboard-reachable buttons.
  await page.getByRole('button', { name: 'Move “What else is in the photo?” up' }).click();
  const titles = page.getByRole('list', { name: 'Form items' }).getByRole('listitem');
  await expect(titles.first()).toContainText('What else is in the photo?');

  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();

  // Data: a CSV (quoted comma, CRLF) uploaded through the file picker.
  await projectTab(page, 'Data').click();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'products.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(PRODUCTS_CSV, 'utf8'),
  });
  await expect(page.getByText('2 tasks added')).toBeVisible();
  const batches = page.getByRole('table', { name: 'Batches' });
  await expect(batches.getByText('products.csv')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Tasks' }).getByText('Blue mug, large'),
  ).toBeVisible();

  // Preview: exactly what a worker sees, filled from the first row.
  await projectTab(page, 'Preview').click();
  await expect(page.getByText('Does the photo show Red kettle?')).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Yes' })).toBeVisible();

  // Funds: sandbox test credit.
  await sidebar(page).getByRole('link', { name: 'Funds' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funds');
  await page.getByRole('textbox', { name: 'Amount' }).fill('20');
  await page.getByRole('button', { name: 'Add test credit' }).click();
  await expect(page.getByTestId('balance-available')).toHaveText('$20.00');

  // Publish: 2 tasks × 2 workers × $0.25 goes into escrow.
  await sidebar(page).getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('link', { name: 'Spot the product' }).click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish “Spot the product”?' });
  await expect(dialog.getByTestId('publish-escrow')).toHaveText('$1.00');
  await dialog.getByRole('button', { name: 'Publish and escrow $1.00' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('main').getByText('Published', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  // A published design is locked: no item can be added, moved or removed; only its options'
  // wording may change (editor-safety.spec.ts covers that), so there is nothing to save yet.
  await projectTab(page, 'Design').click();
  await expect(page.getByText('The design is locked')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add item' })).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Delete “/ }).first()).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save design' })).toBeDisabled();

  await sidebar(page).getByRole('link', { name: 'Funds' }).click();
  await expect(page.getByTestId('balance-escrow')).toHaveText('$1.00');
  await expect(page.getByTestId('balance-available')).toHaveText('$19.00');
  const history = page.getByRole('table', { name: 'Funds history' });
  await expect(history.getByText('Escrow', { exact: true }).first()).toBeVisible();
  await expect(history.getByText('Deposit', { exact: true })).toBeVisible();
});

test('publishing without enough funds says how much is needed and available', async ({ page }) => {
  await signUp(page, newAccount('requester'), ['requester']);
  await createDraft(page, 'Rate the headline', '1.50', '3');

  // The design and data go in through the API here; the first test covers them in the UI.
  const projectId = /\/projects\/([^/]+)/.exec(page.url())?.[1] ?? '';
  const headers = await csrfHeader(page);
  const design = await page.request.patch(`/api/v1/projects/${projectId}`, {
    headers,
    data: {
      template: {
        kind: 'form',
        items: [{ type: 'rating', name: 'score', label: 'How clear is “{{headline}}”?', max: 5 }],
      },
    },
  });
  expect(design.status()).toBe(200);
  const upload = await page.request.post(`/api/v1/projects/${projectId}/batches`, {
    headers,
    data: { rows: [{ headline: 'Rain expected' }, { headline: 'Markets calm' }] },
  });
  expect(upload.status()).toBe(201);
  await page.reload();

  // 2 tasks × 3 workers × $1.50 = $9.00, with nothing deposited.
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish “Rate the headline”?' });
  await dialog.getByRole('button', { name: 'Publish and escrow $9.00' }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Not enough funds to publish');
  await expect(alert).toContainText(
    'Publishing needs $9.00 in escrow, but only $0.00 is available',
  );
  await alert.getByRole('link', { name: 'Go to Funds' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funds');
  await expect(page.getByTestId('balance-escrow')).toHaveText('$0.00');

  // Nothing changed: the project is still a draft.
  await sidebar(page).getByRole('link', { name: 'Projects' }).click();
  const row = page.getByRole('row', { name: /Rate the headline/ });
  await expect(row.getByText('Draft')).toBeVisible();
});

test('the requester pages have no serious accessibility problems', async ({ page }) => {
  // Eleven pages and states, each scanned by axe: a long journey, slower still beside another
  // spec on a two-core machine (it took 37 s alone and passed 90 s in a full run).
  test.slow();
  await signUp(page, newAccount('requester'), ['requester']);
  await page.getByRole('main').getByRole('link', { name: 'New project' }).first().click();
  await expectNoSeriousViolations(page);
  await page
    .getByRole('form', { name: 'New project' })
    .getByRole('button', { name: 'Create draft' })
    .click();
  await expect(page.getByText('Give the project a title workers will recognise.')).toBeVisible();
  await expectNoSeriousViolations(page);

  await createDraft(page, 'Check the captions', '0.10', '1');
  await addItem(page, 'Instructions');
  await addItem(page, 'Image');
  await addItem(page, 'Multiple choice');
  await addItem(page, 'Rating scale');
  await expectNoSeriousViolations(page);
  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();

  await projectTab(page, 'Data').click();
  await page.locator('input[type="file"]').setInputFiles({
    name: 'images.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify([{ image_url: 'https://images.example.org/1.jpg' }])),
  });
  await expect(page.getByText('1 tasks added')).toBeVisible();
  await expectNoSeriousViolations(page);

  for (const tab of ['Settings', 'Preview', 'Review', 'Results']) {
    await projectTab(page, tab).click();
    await expect(projectTab(page, tab)).toHaveAttribute('aria-selected', 'true');
    await expectNoSeriousViolations(page);
  }

  await sidebar(page).getByRole('link', { name: 'Projects' }).click();
  await expect(page.getByRole('table', { name: 'Projects' })).toBeVisible();
  await expectNoSeriousViolations(page);

  await sidebar(page).getByRole('link', { name: 'Funds' }).click();
  await expect(
    page.getByRole('table', { name: 'Funds history' }).or(page.getByText('No money has moved yet')),
  ).toBeVisible();
  await expectNoSeriousViolations(page);

  await sidebar(page).getByRole('link', { name: 'Spending' }).click();
  await expect(page.getByRole('table', { name: 'Spending by project' })).toBeVisible();
  await expectNoSeriousViolations(page);

  await sidebar(page).getByRole('link', { name: 'Qualifications' }).click();
  await page.getByRole('button', { name: 'New qualification' }).first().click();
  await page.getByRole('textbox', { name: 'Name' }).fill('Caption test');
  await page.getByRole('button', { name: 'Create qualification' }).click();
  await page.getByRole('button', { name: 'Holders of Caption test' }).click();
  await expect(page.getByText('Nobody holds it yet')).toBeVisible();
  await expectNoSeriousViolations(page);
});

test('long lists load more on request and say when they are complete', async ({ page }) => {
  await signUp(page, newAccount('requester'), ['requester']);
  const headers = await csrfHeader(page);
  for (let i = 1; i <= 20; i += 1) {
    const created = await page.request.post('/api/v1/qualification-types', {
      headers,
      data: { name: `Skill ${String(i).padStart(2, '0')}` },
    });
    expect(created.status()).toBe(201);
  }

  await sidebar(page).getByRole('link', { name: 'Qualifications' }).click();
  // Newest first: a page of my twenty types; the three older system types come next.
  await expect(page.getByRole('button', { name: 'Holders of Skill 01' })).toBeVisible();
  await expect(page.getByText(/The country in the worker/)).toHaveCount(0);

  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(page.getByText(/The country in the worker/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);
});

test('a batch uploaded while the list of batches is still loading appears in it', async ({
  page,
}) => {
  await signUp(page, newAccount('requester'), ['requester']);
  const created = await page.request.post('/api/v1/projects', {
    headers: await csrfHeader(page),
    data: {
      title: 'Quick upload',
      rewardCents: 5,
      template: {
        kind: 'form',
        items: [{ type: 'text', name: 'answer', label: 'Answer', maxLength: 40 }],
      },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  // The list's first load is held until the upload has answered: it was read before the batch
  // existed, and must not be the last word.
  let releaseList: () => void = () => {};
  const listHeld = new Promise<void>((resolve) => (releaseList = resolve));
  let held = false;
  await page.route(`**/api/v1/projects/${id}/batches?limit=20`, async (route) => {
    if (held || route.request().method() !== 'GET') return route.continue();
    held = true;
    const response = await route.fetch();
    await listHeld;
    await route.fulfill({ response });
  });
  await page.goto(`/projects/${id}/data`);
  await page.locator('input[type="file"]').setInputFiles({
    name: 'quick.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('word\none\ntwo\n', 'utf8'),
  });
  await expect(page.getByText('2 tasks added')).toBeVisible();
  releaseList();
  await expect(page.getByRole('table', { name: 'Batches' }).getByText('quick.csv')).toBeVisible();
});
