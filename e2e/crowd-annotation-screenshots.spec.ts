import { expect, test } from './test.js';
import { answers, boxCarAndVan, ORIGIN, serveAnnotationPages } from './crowd-annotation-page.js';

let stop: () => Promise<void>;
test.beforeAll(async () => {
  stop = await serveAnnotationPages();
});
test.afterAll(async () => {
  await stop();
});

test('screenshot: a bounding-box task with a car and a van boxed', async ({ page }) => {
  await page.goto(`${ORIGIN}/box.html`);
  await expect(page.locator('crowd-bounding-box svg.overlay')).toBeVisible();
  await boxCarAndVan(page);
  const result = (await answers(page, 'crowd-bounding-box')).annotatedResult;
  expect(result.boundingBoxes.map((b: { label: string }) => b.label)).toEqual(['car', 'van']);
  await page.screenshot({ path: 'docs/screenshots/crowd-bounding-box.png', fullPage: true });
});
