import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';

// The annotation elements in real Chromium, on their own: esbuild bundles
// src/crowd-elements/annotation into memory and a tiny server gives it a test page, so this spec
// needs neither the app nor the crowd-elements bundle the app serves.
const PORT = Number(process.env.CROWD_ANNOTATION_PORT ?? 24700);
const ORIGIN = `http://127.0.0.1:${PORT}`;

// A 1600 × 1000 image (natural size), shown scaled down to fit the 1280-pixel-wide viewport.
const IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000" viewBox="0 0 1600 1000">
  <rect width="1600" height="1000" fill="#dbe4ff"/><rect y="700" width="1600" height="300" fill="#868e96"/>
  <rect x="200" y="520" width="420" height="200" rx="40" fill="#c92a2a"/>
  <rect x="900" y="560" width="380" height="170" rx="40" fill="#1864ab"/>
  <circle cx="1300" cy="200" r="90" fill="#fab005"/></svg>`;

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Annotation test</title>
  <script type="module" src="/elements.js"></script></head><body><main><h1>Annotation task</h1>${body}</main></body></html>`;
}

const PAGES: Record<string, string> = {
  '/box.html':
    page(`<crowd-bounding-box name="annotatedResult" src="/image.svg" header="Draw a box around each vehicle"
    labels="['car','van']"></crowd-bounding-box>`),
  '/points.html':
    page(`<crowd-keypoint name="kp" src="/image.svg" keypoints="['sun','wheel']"></crowd-keypoint>
    <crowd-polygon name="poly" src="/image.svg" labels="['car']"></crowd-polygon>`),
  '/broken.html': page(
    `<crowd-bounding-box name="b" src="/missing.png" labels="['car']"></crowd-bounding-box>`,
  ),
};

let server: Server;

test.beforeAll(async () => {
  const bundle = await build({
    entryPoints: ['src/crowd-elements/annotation/index.ts'],
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/elements.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (path === '/image.svg') {
      response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(IMAGE);
    } else if (PAGES[path]) {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGES[path]);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** A point on the overlay of `tag`, as fractions of its displayed size. */
async function at(page: Page, tag: string, fx: number, fy: number) {
  const box = await page.locator(`${tag} svg.overlay`).boundingBox();
  if (!box) throw new Error(`${tag} has no overlay`);
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
  await page.mouse.move(to.x, to.y);
  await page.mouse.up();
}

function answers(page: Page, selector: string) {
  return page.evaluate((s) => {
    const element: any = document.querySelector(s);
    return element.answers();
  }, selector);
}

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

test('screenshot: a bounding-box task with a car and a van boxed', async ({ page }) => {
  test.skip(!process.env.SCREENSHOTS, 'refreshes docs/screenshots only when asked');
  await page.goto(`${ORIGIN}/box.html`);
  await expect(page.locator('crowd-bounding-box svg.overlay')).toBeVisible();
  const box = 'crowd-bounding-box';
  await drag(
    page,
    await at(page, box, 190 / 1600, 510 / 1000),
    await at(page, box, 630 / 1600, 730 / 1000),
  );
  // Escape deselects the box first, so that choosing "van" labels the next box, not this one.
  await page.keyboard.press('Escape');
  await page.getByRole('radio', { name: 'van' }).check();
  await drag(
    page,
    await at(page, box, 890 / 1600, 550 / 1000),
    await at(page, box, 1290 / 1600, 740 / 1000),
  );
  const result = (await answers(page, box)).annotatedResult;
  expect(result.boundingBoxes.map((b: { label: string }) => b.label)).toEqual(['car', 'van']);
  await page.screenshot({ path: 'docs/screenshots/crowd-bounding-box.png', fullPage: true });
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
