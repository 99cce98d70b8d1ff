/**
 * Issue #13 item 7, the requester's review screen: a task's data in full on demand, images
 * inline, task numbers that continue across batches, and bulk actions in reach however far the
 * list scrolls. Hostile values in the data stay text.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './test.js';
import { csrfHeader, newAccount, signUp } from './helpers.js';

const TEMPLATE = {
  kind: 'form',
  items: [
    { type: 'image', name: 'photo', url: '{{image_url}}', alt: 'Photo of {{sku}}' },
    { type: 'instructions', name: 'about', text: 'Product notes: {{description}}' },
    {
      type: 'single_choice',
      name: 'matches',
      label: 'Does the photo match the notes?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
    { type: 'textarea', name: 'notes', label: 'What differs?' },
  ],
};

const FIRST_BATCH = 12;
const SECOND_BATCH = 10;
// The end of a long value: only the full view shows it.
const LONG_TAIL = 'and the handle is cracked near the lid.';
const LONG_DESCRIPTION = `${'A stoneware teapot with a bamboo handle, glazed in deep blue. '.repeat(12)}${LONG_TAIL}`;
const HOSTILE_LINK = 'javascript:alert(document.cookie)';
const HOSTILE_IMAGE = 'data:image/svg+xml;base64,PHN2Zy8+';

const row = (n: number) => ({
  sku: `SKU-${1000 + n}`,
  image_url: `https://img.example.test/products/${n}.svg`,
  description: n === 13 ? LONG_DESCRIPTION : `Product ${n}`,
  // Hostile values in a column no template item shows: they must stay text.
  homepage: n === 13 ? HOSTILE_LINK : n === 14 ? HOSTILE_IMAGE : `https://shop.example.test/${n}`,
});

function svgOf(n: number) {
  const hue = (n * 47) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="240"><rect width="320" height="240" fill="hsl(${hue},55%,70%)"/><circle cx="160" cy="120" r="70" fill="hsl(${hue},45%,40%)"/></svg>`;
}

async function call<T>(request: APIRequestContext, path: string, data?: unknown): Promise<T> {
  const response = await request.post(`/api/v1/${path}`, {
    headers: await csrfHeader(request),
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `POST ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function serveProductImages(page: Page) {
  await page.route('https://img.example.test/**', (route) => {
    const n = Number(/(\d+)\.svg$/.exec(route.request().url())?.[1] ?? 0);
    return route.fulfill({ contentType: 'image/svg+xml', body: svgOf(n) });
  });
}

test('the requester reviews tasks in full, with images, numbers and bulk actions', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await serveProductImages(page);
  await signUp(page, newAccount('reviewer'), ['requester']);
  const requester = page.request;
  await call(requester, 'me/deposits', { amountCents: 10_000 });
  const project = await call<{ id: string }>(requester, 'projects', {
    title: 'Check product photos',
    rewardCents: 5,
    assignmentsPerTask: 1,
    template: TEMPLATE,
  });
  const rows = Array.from({ length: FIRST_BATCH + SECOND_BATCH }, (_, i) => row(i + 1));
  await call(requester, `projects/${project.id}/batches`, {
    rows: rows.slice(0, FIRST_BATCH),
    filename: 'photos-1.json',
  });
  await call(requester, `projects/${project.id}/publish`);
  await call(requester, `projects/${project.id}/batches`, {
    rows: rows.slice(FIRST_BATCH),
    filename: 'photos-2.json',
  });

  const worker = await playwright.request.newContext({ baseURL });
  await call(worker, 'auth/signup', { ...newAccount('photo-worker'), roles: ['worker'] });
  for (let i = 0; i < rows.length; i++) {
    const { id } = await call<{ id: string }>(worker, `projects/${project.id}/assignments`);
    await call(worker, `assignments/${id}/submit`, {
      answers: { matches: i % 5 === 0 ? 'no' : 'yes', notes: i % 5 === 0 ? 'Wrong colour' : '' },
    });
  }
  await worker.dispose();

  await page.goto(`/projects/${project.id}/review`);
  const table = page.getByRole('table', { name: 'Submissions' });
  // The first read of a fresh project's work can be slow on a busy machine.
  await expect(table).toBeVisible({ timeout: 30_000 });

  // Numbers continue across batches: the newest 20 are #22 down to #3, the second batch's
  // first row is #13, not a second "row 1".
  const numbers = (await table.getByText(/^Task #\d+$/).allTextContents()).map((text) =>
    Number(text.slice('Task #'.length)),
  );
  expect(numbers.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
  await expect(table.getByText('Task #13', { exact: true })).toHaveAttribute(
    'title',
    'Row 1 of its batch',
  );

  // Images inline: a lazy thumbnail with the template's alt text, enlarged on click.
  const thumbnail = table.getByRole('img', { name: 'Photo of SKU-1022' });
  await expect(thumbnail).toBeVisible();
  await expect(thumbnail).toHaveAttribute('loading', 'lazy');
  await expect
    .poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBeGreaterThan(0);
  await table.getByRole('button', { name: 'Enlarge image: Photo of SKU-1022' }).click();
  const enlarged = page.getByRole('dialog', { name: 'Photo of SKU-1022' });
  await expect(enlarged.getByRole('img', { name: 'Photo of SKU-1022' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(enlarged).toBeHidden();

  // Hostile values are shown as text, never as a link or an image.
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await expect(page.locator('img[src^="data:"]')).toHaveCount(0);
  await expect(table.getByText(HOSTILE_LINK, { exact: true })).toBeVisible();

  // The full view of task #13: every column in full, the long text wrapped, the answers.
  const open = table.getByRole('button', { name: 'Show task #13 in full' });
  await open.focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: 'Task #13' });
  await expect(drawer).toBeVisible();
  const longValue = drawer.getByText(LONG_DESCRIPTION, { exact: true });
  await expect(longValue).toBeVisible();
  expect(await longValue.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  await expect(drawer.getByRole('img', { name: 'Photo of SKU-1013' })).toBeVisible();
  await expect(drawer.getByText(HOSTILE_LINK, { exact: true })).toBeVisible();
  await expect(drawer.getByText('Does the photo match the notes?')).toBeVisible();
  await expect(drawer.getByText('Row 1 of its batch', { exact: false })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  // Next goes on through the page, Esc closes, and focus comes back to where it was.
  const anyTask = page.getByRole('dialog', { name: /^Task #\d+$/ });
  await drawer.getByRole('button', { name: 'Next' }).click();
  await expect(anyTask).toHaveAccessibleName('Task #12');
  await anyTask.getByRole('button', { name: 'Previous' }).click();
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(open).toBeFocused();

  // Bulk actions stay in reach: select at the top, scroll to the end, act from the bar.
  const bar = page.getByRole('region', { name: 'Bulk actions' });
  await table.getByRole('checkbox', { name: /work on task #22$/ }).check();
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const last = table.getByRole('checkbox', { name: /work on task #3$/ });
  await expect(last).toBeInViewport();
  await last.check();
  await expect(bar).toBeInViewport();
  await expect(bar.getByText('2 submissions selected')).toBeVisible();
  const approve = bar.getByRole('button', { name: 'Approve selected' });
  await expect(approve).toBeInViewport();
  await approve.focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog', { name: 'Approve 2 submissions?' });
  await confirm.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByText('Approved · 2', { exact: true })).toBeVisible();
  await expect(table.getByText('Task #22', { exact: true })).toHaveCount(0);

  // Deciding in the full view goes on with the next submission of the list.
  await table.getByRole('button', { name: 'Show task #21 in full' }).click();
  const twentyOne = page.getByRole('dialog', { name: 'Task #21' });
  await twentyOne.getByRole('button', { name: /^Approve .*task #21$/ }).click();
  // The approval waits for everything it changes to be read again: slow on a busy machine.
  await expect(page.getByRole('dialog', { name: 'Task #20' })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('Escape');
  await expect(table.getByText('Task #21', { exact: true })).toHaveCount(0);
  await expect(page.getByText('Approved · 3', { exact: true })).toBeVisible();
});
