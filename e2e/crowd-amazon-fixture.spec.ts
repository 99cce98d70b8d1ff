/**
 * Issue #16: a template written against Amazon's published crowd-bounding-box and
 * crowd-classifier examples (e2e/fixtures/amazon-bounding-box.html, with Amazon's script tag) is
 * imported through "Import MTurk template" and runs unchanged. A worker boxes a car and a van in
 * the sandboxed frame, whose crowd elements are axe-clean; the stored answer has MTurk's shape;
 * the CSV has the element's own column; the review page draws both boxes over the task's picture.
 */
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './test.js';
import { parse } from 'csv-parse/sync';
import { boxCarAndVan, STREET_IMAGE } from './crowd-annotation-page.js';
import { requesterWithDraft } from './crowd-projects.js';
import { BASE_URL } from './env.js';
import { newAccount, ok, photograph, signIn } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/amazon-bounding-box.html', import.meta.url));
/** The task's picture: an https address (the app shows media from https only), served here. */
const IMAGE_URL = 'https://img.example.test/street-17.svg';

async function serveStreetImage(context: BrowserContext) {
  await context.route('https://img.example.test/**', (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: STREET_IMAGE }),
  );
}

type Box = { label: string; left: number; top: number; width: number; height: number };

/** Within a few natural pixels of where the vehicle is (the mouse lands on display pixels). */
function near(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(8);
}

test('an Amazon-style bounding-box template: imported, boxed twice in the frame, exported and drawn in review', async ({
  page,
  browser,
  request,
  context,
}) => {
  // Two accounts, the import dialog, a task drawn by mouse, an accessibility scan and a review.
  test.slow();
  await serveStreetImage(context);
  const { requester, headers, id, title } = await requesterWithDraft(request, 'Box vehicles');

  // The requester uploads MTurk's .html export in the designer and reads the analysis first.
  await signIn(page, requester);
  await page.goto(`/projects/${id}/design`);
  await page.getByRole('button', { name: 'Import MTurk template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an MTurk template' });
  await dialog.locator('input[type="file"]').setInputFiles(FIXTURE);
  const columns = dialog.getByRole('table', { name: 'Columns the batch needs' });
  await expect(columns.getByRole('row')).toHaveCount(3);
  await expect(columns.getByRole('row', { name: /image_url/ })).toContainText('a web address');
  await expect(columns.getByRole('row', { name: /photo_id/ })).toBeVisible();
  await expect(
    dialog.getByText(/Amazon's crowd-html-elements script is served by Tessera/),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Import as-is' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();

  await ok(
    await request.post(`/api/v1/projects/${id}/batches`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: `image_url,photo_id\n${IMAGE_URL},street-17\n`,
    }),
    201,
  );
  await ok(await request.post(`/api/v1/projects/${id}/publish`, { headers }), 200);

  const workerContext = await browser.newContext({ baseURL: BASE_URL });
  await serveStreetImage(workerContext);
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
  const frameSelector = `iframe[title="Task: ${title}"]`;
  const frame = workerPage.frameLocator(frameSelector);
  await expect(frame.locator('crowd-bounding-box svg.overlay')).toBeVisible();
  await expect(frame.getByText(/Draw a box around every car/)).toBeVisible();
  // The placeholder in the classifier's header is filled from the row.
  await expect(frame.getByText('When was the photo (street-17) taken?')).toBeVisible();

  // The crowd elements inside the sandboxed frame, scanned where the worker meets them.
  const axe = await new AxeBuilder({ page: workerPage })
    .include(frameSelector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual(
    [],
  );

  await boxCarAndVan(workerPage, frame);
  await expect(frame.getByRole('button', { name: /^Box 1: car/ })).toBeVisible();
  await expect(frame.getByRole('button', { name: /^Box 2: van/ })).toBeVisible();
  await frame.getByRole('radio', { name: 'Daylight' }).check();
  await workerPage.getByRole('button', { name: 'Submit' }).click();
  await expect(workerPage.getByRole('heading', { name: 'Task submitted' })).toBeVisible();
  await workerContext.close();

  // MTurk's shape: one taskAnswers field, a JSON array holding one object keyed by element name.
  const exported = await request.get(`/api/v1/projects/${id}/results.json`);
  const [line] = (await exported.text()).trim().split('\n');
  const { answers } = JSON.parse(line ?? '{}') as { answers: Record<string, string> };
  expect(Object.keys(answers)).toEqual(['taskAnswers']);
  const [taskAnswers] = JSON.parse(answers.taskAnswers ?? '') as [Record<string, any>];
  expect(taskAnswers.lighting).toEqual({ label: 'Daylight' });
  expect(taskAnswers.vehicles.inputImageProperties).toEqual({ height: 1000, width: 1600 });
  const boxes = taskAnswers.vehicles.boundingBoxes as Box[];
  expect(boxes.map((b) => b.label)).toEqual(['car', 'van']);
  expect(Object.keys(boxes[0] ?? {}).sort()).toEqual(['height', 'label', 'left', 'top', 'width']);
  near(boxes[0]?.left ?? 0, 190);
  near(boxes[1]?.left ?? 0, 890);
  near(boxes[1]?.width ?? 0, 400);

  // The CSV gives the element a column of its own, holding both boxes.
  const csv = await request.get(`/api/v1/projects/${id}/results.csv`);
  expect(csv.status()).toBe(200);
  const [record] = parse<Record<string, string>>(await csv.text(), { columns: true });
  const vehicles = JSON.parse(record?.['Answer.taskAnswers.vehicles'] ?? '{}') as {
    boundingBoxes: Box[];
  };
  expect(vehicles.boundingBoxes.map((b) => b.label)).toEqual(['car', 'van']);
  expect(record?.['Answer.taskAnswers.lighting']).toBe('{"label":"Daylight"}');
  expect(record?.['Input.image_url']).toBe(IMAGE_URL);

  // The review page draws both boxes, labelled, over the task's picture.
  await page.goto(`/projects/${id}/review`);
  const table = page.getByRole('table', { name: 'Submissions' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  const drawing = table.getByRole('img', { name: "vehicles: 2 boxes drawn on the task's image" });
  await expect(drawing).toBeVisible();
  await expect(drawing.locator('rect')).toHaveCount(2);
  await expect(drawing.locator('text')).toHaveText(['car', 'van']);
  const picture = table.locator('.annotation-picture img');
  await expect(picture).toHaveAttribute('src', IMAGE_URL);
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBe(1600);
  await expect(table.getByText('lighting.label')).toBeVisible();
  await expect(table.getByText('Daylight', { exact: true })).toBeVisible();

  // The task's full view draws them large.
  await page.getByRole('button', { name: /Show task #1 in full/ }).click();
  const drawer = page.getByRole('dialog', { name: 'Task #1' });
  const large = drawer.getByRole('img', { name: /vehicles: 2 boxes/ });
  await expect(large).toBeVisible();
  if (process.env.SCREENSHOTS) {
    await large.evaluate((element) => element.scrollIntoView({ block: 'center' }));
    await photograph(page, 'review-bounding-boxes');
  }
});
