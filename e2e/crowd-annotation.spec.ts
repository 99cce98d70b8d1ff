import { AxeBuilder } from '@axe-core/playwright';
import { expect, test } from './test.js';
import { answers, at, drag, ORIGIN, serveAnnotationPages } from './crowd-annotation-page.js';

let stop: () => Promise<void>;
test.beforeAll(async () => {
  stop = await serveAnnotationPages();
});
test.afterAll(async () => {
  await stop();
});

function near(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(4);
}

test('crowd-bounding-box: draw, move, resize and nudge a box with the mouse and keyboard; axe clean', async ({
  page,
}) => {
  await page.goto(`${ORIGIN}/box.html`);
  await expect(page.locator('crowd-bounding-box svg.overlay')).toBeVisible();
  await drag(
    page,
    await at(page, 'crowd-bounding-box', 0.125, 0.52),
    await at(page, 'crowd-bounding-box', 0.39, 0.72),
  );
  let result = (await answers(page, 'crowd-bounding-box')).annotatedResult;
  expect(result.inputImageProperties).toEqual({ height: 1000, width: 1600 });
  expect(result.boundingBoxes).toHaveLength(1);
  const [drawn] = result.boundingBoxes;
  expect(drawn.label).toBe('car');
  near(drawn.left, 200);
  near(drawn.top, 520);
  near(drawn.width, 424);
  near(drawn.height, 200);
  await expect(page.getByRole('status')).toContainText('Added box 1');

  // Move it by a tenth of the image to the right, then resize from its bottom-right corner.
  await drag(
    page,
    await at(page, 'crowd-bounding-box', 0.25, 0.62),
    await at(page, 'crowd-bounding-box', 0.35, 0.62),
  );
  result = (await answers(page, 'crowd-bounding-box')).annotatedResult;
  near(result.boundingBoxes[0].left, 360);
  near(result.boundingBoxes[0].width, 424);
  const corner = await page.locator('crowd-bounding-box [data-handle="se"]').boundingBox();
  if (!corner) throw new Error('no resize handle');
  const cx = corner.x + corner.width / 2;
  const cy = corner.y + corner.height / 2;
  await drag(page, { x: cx, y: cy }, { x: cx + 40, y: cy + 20 });
  result = (await answers(page, 'crowd-bounding-box')).annotatedResult;
  near(result.boundingBoxes[0].left, 360);
  expect(result.boundingBoxes[0].width).toBeGreaterThan(424 + 40);

  // Keyboard: the box has focus after the drag; arrows move it, Delete removes it.
  const before = result.boundingBoxes[0];
  await page.keyboard.press('ArrowLeft');
  result = (await answers(page, 'crowd-bounding-box')).annotatedResult;
  expect(result.boundingBoxes[0].left).toBe(before.left - 8);
  await page.getByRole('radio', { name: 'van' }).check();
  result = (await answers(page, 'crowd-bounding-box')).annotatedResult;
  expect(result.boundingBoxes[0].label).toBe('van');
  await page.getByRole('button', { name: 'Add box' }).click();
  await drag(
    page,
    await at(page, 'crowd-bounding-box', 0.77, 0.12),
    await at(page, 'crowd-bounding-box', 0.95, 0.32),
  );

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
  await page.locator('crowd-bounding-box rect[data-index="0"]').focus();
  await page.keyboard.press('Delete');
  result = (await answers(page, 'crowd-bounding-box')).annotatedResult;
  expect(result.boundingBoxes).toHaveLength(2);
});

test('crowd-keypoint and crowd-polygon: place points and draw a polygon with the mouse', async ({
  page,
}) => {
  await page.goto(`${ORIGIN}/points.html`);
  await expect(page.locator('crowd-polygon svg.overlay')).toBeVisible();
  const sun = await at(page, 'crowd-keypoint', 1300 / 1600, 0.2);
  await page.mouse.click(sun.x, sun.y);
  const wheel = await at(page, 'crowd-keypoint', 0.25, 0.72);
  await page.mouse.click(wheel.x, wheel.y);
  const kp = (await answers(page, 'crowd-keypoint')).kp;
  expect(kp.keypoints.map((p: { label: string }) => p.label)).toEqual(['sun', 'wheel']);
  near(kp.keypoints[0].x, 1300);
  near(kp.keypoints[0].y, 200);

  await page.locator('crowd-polygon').scrollIntoViewIfNeeded();
  for (const [fx, fy] of [
    [0.1, 0.1],
    [0.5, 0.1],
    [0.5, 0.5],
    [0.1, 0.1],
  ] as const) {
    const point = await at(page, 'crowd-polygon', fx, fy);
    await page.mouse.click(point.x, point.y);
  }
  const poly = (await answers(page, 'crowd-polygon')).poly;
  expect(poly.polygons).toHaveLength(1);
  expect(poly.polygons[0].vertices).toHaveLength(3);
  near(poly.polygons[0].vertices[1].x, 800);
  near(poly.polygons[0].vertices[2].y, 500);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations).toEqual([]);
});

test('an image that fails to load says so', async ({ page }) => {
  await page.goto(`${ORIGIN}/broken.html`);
  await expect(page.getByRole('alert')).toContainText('The image could not be loaded');
  const message = await page.evaluate(() => {
    const element: any = document.querySelector('crowd-bounding-box');
    element.required = true;
    return element.validationMessage();
  });
  expect(message).toContain('could not be loaded');
});
