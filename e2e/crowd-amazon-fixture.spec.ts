/**
 * Issue #16: a template written against Amazon's published crowd-bounding-box and
 * crowd-classifier examples (e2e/fixtures/amazon-bounding-box.html) runs unchanged. A worker
 * boxes a car and a van in the sandboxed frame, whose crowd elements are axe-clean; the stored
 * answer has MTurk's shape; the review page draws the boxes over the task's picture.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type BrowserContext } from '@playwright/test';
import { boxCarAndVan, STREET_IMAGE } from './crowd-annotation-page.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, photograph, signIn } from './helpers.js';

const TEMPLATE = readFileSync(new URL('./fixtures/amazon-bounding-box.html', import.meta.url), {
  encoding: 'utf8',
});
/** The task's picture: an https address (the app shows media from https only), served here. */
const IMAGE_URL = 'https://img.example.test/street-17.svg';

async function serveStreetImage(context: BrowserContext) {
  await context.route('https://img.example.test/**', (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: STREET_IMAGE }),
  );
}

test('an Amazon-style bounding-box template: boxed in the frame, stored as MTurk does, drawn in review', async ({
  page,
  browser,
  request,
  context,
}) => {
  // Two accounts, a task drawn by mouse, an accessibility scan and a review: a long journey.
  test.slow();
  await serveStreetImage(context);
  const requester = newAccount('requester');
  await ok(
    await request.post('/api/v1/auth/signup', { data: { ...requester, roles: ['requester'] } }),
    201,
  );
  const headers = await csrfHeader(request);
  await ok(await request.post('/api/v1/me/deposits', { data: { amountCents: 500 }, headers }), 201);
  const title = `Box vehicles ${randomUUID().slice(0, 6)}`;
  const { id } = await ok<{ id: string }>(
    await request.post('/api/v1/projects', {
      headers,
      data: {
        title,
        description: 'Box the cars and vans in a street photo.',
        instructions: 'Draw one box per vehicle.',
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
  await expect(frame.getByRole('heading', { name: /Draw a box around every car/ })).toBeVisible();
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
  const boxes = taskAnswers.vehicles.boundingBoxes as { label: string; left: number }[];
  expect(boxes.map((b) => b.label)).toEqual(['car', 'van']);
  expect(Object.keys(boxes[0] ?? {}).sort()).toEqual(['height', 'label', 'left', 'top', 'width']);

  // The review page draws both boxes, labelled, over the task's picture.
  await signIn(page, requester);
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
  await expect(drawer.getByRole('img', { name: /vehicles: 2 boxes/ })).toBeVisible();
  await photograph(page, 'review-bounding-boxes');
});
