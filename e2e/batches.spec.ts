import type { Page } from '@playwright/test';
import { expect, test } from './test.js';
import { csrfHeader, newAccount, ok, signUp } from './helpers.js';

/** A photo-checking form: the image's address comes from the `image_url` column. */
const PHOTO_FORM = {
  kind: 'form',
  items: [
    { type: 'image', name: 'photo', label: 'Photo of {{product}}', url: '{{image_url}}' },
    {
      type: 'single_choice',
      name: 'sharp',
      label: 'Is the photo sharp?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
  ],
};

/** A spreadsheet export from a locale with decimal commas: semicolons between cells. */
const SEMICOLON_CSV = [
  'product;image_url;price',
  'Red kettle;https://images.example.org/kettle.jpg;12,50',
  '"Blue mug; large";https://images.example.org/mug.jpg;4,99',
].join('\r\n');

const BAD_URL_CSV = [
  'product,image_url',
  'Red kettle,https://images.example.org/kettle.jpg',
  'Green teapot,not-a-url',
  'Yellow cup,https://images.example.org/cup.jpg',
].join('\n');

async function upload(page: Page, name: string, text: string) {
  await page.locator('input[type="file"]').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(text, 'utf8'),
  });
}

test('a requester fixes data mistakes: other separators, bad cells named by line, a batch deleted', async ({
  page,
}) => {
  await signUp(page, newAccount('requester'), ['requester']);
  const headers = await csrfHeader(page.request);
  const { id } = await ok<{ id: string }>(
    await page.request.post('/api/v1/projects', {
      headers,
      data: {
        title: 'Check product photos',
        rewardCents: 10,
        assignmentsPerTask: 1,
        template: PHOTO_FORM,
      },
    }),
    201,
  );
  await page.goto(`/projects/${id}/data`);
  const batches = page.getByRole('table', { name: 'Batches' });

  // A semicolon-separated file imports as it is: the separator is read from its header.
  await expect(page.getByRole('combobox', { name: 'CSV separator' })).toHaveValue('auto');
  await upload(page, 'products-semicolons.csv', SEMICOLON_CSV);
  await expect(page.getByText('2 tasks added')).toBeVisible();
  await expect(batches.getByText('products-semicolons.csv')).toBeVisible();
  const tasks = page.getByRole('table', { name: 'Tasks' });
  await expect(tasks.getByText('Blue mug; large')).toBeVisible();
  await expect(tasks.getByText('12,50')).toBeVisible();

  // A cell that is not a web address is refused with its line, column and value; nothing lands.
  await upload(page, 'products-bad.csv', BAD_URL_CSV);
  const problem = page.getByRole('alert').filter({ hasText: 'does not fit your design' });
  await expect(problem).toBeVisible();
  await expect(problem.getByRole('list', { name: 'Cells to fix' })).toContainText(
    'line 3, column "image_url": "not-a-url" is not a web address (http:// or https://)',
  );
  await expect(problem).toContainText('Nothing was imported');
  await expect(batches.getByText('products-bad.csv')).toHaveCount(0);

  // The draft's batch goes away after a confirmation that says what happens to tasks and money.
  await batches.getByRole('button', { name: 'Delete batch products-semicolons.csv' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete “products-semicolons.csv”?' });
  await expect(dialog).toContainText('Its 2 tasks are removed from this draft');
  await expect(dialog).toContainText('no money moves');
  await dialog.getByRole('button', { name: 'Delete batch' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Batch deleted')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No data yet' })).toBeVisible();
  const left = await ok<{ items: unknown[] }>(
    await page.request.get(`/api/v1/projects/${id}/tasks`),
    200,
  );
  expect(left.items).toEqual([]);
});
