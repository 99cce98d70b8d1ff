import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import type { FrameLocator, Page } from '@playwright/test';

// The annotation elements in real Chromium, on their own: esbuild bundles
// src/crowd-elements/annotation into memory and a tiny server gives it test pages, so the specs
// that use it need neither the app nor the crowd-elements bundle the app serves.
const PORT = Number(process.env.CROWD_ANNOTATION_PORT ?? 24700);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/** A 1600 × 1000 street (natural size): a red car, a blue van and a sun. */
export const STREET_IMAGE = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000" viewBox="0 0 1600 1000">
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

/** Starts the test page server (call in beforeAll); resolves to a function that stops it. */
export async function serveAnnotationPages(): Promise<() => Promise<void>> {
  const bundle = await build({
    entryPoints: ['src/crowd-elements/annotation/index.ts'],
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const script = bundle.outputFiles[0]?.text ?? '';
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/elements.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (path === '/image.svg') {
      response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(STREET_IMAGE);
    } else if (PAGES[path]) {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGES[path]);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(PORT, '127.0.0.1', resolve));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * A point on the overlay of `tag` (in a page or a task frame), as fractions of its shown size.
 * The overlay is scrolled into view first: the mouse only reaches what the viewport shows, and in
 * the work page the task frame starts below the fold.
 */
export async function at(scope: Page | FrameLocator, tag: string, fx: number, fy: number) {
  const overlay = scope.locator(`${tag} svg.overlay`);
  await overlay.scrollIntoViewIfNeeded();
  const box = await overlay.boundingBox();
  if (!box) throw new Error(`${tag} has no overlay`);
  return { x: box.x + box.width * fx, y: box.y + box.height * fy };
}

export async function drag(
  page: Page,
  from: { x: number; y: number },
  to: { x: number; y: number },
) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
  await page.mouse.move(to.x, to.y);
  await page.mouse.up();
}

/** The answers() of the crowd element `selector` on the page. */
export function answers(page: Page, selector: string) {
  return page.evaluate((s) => {
    const element: any = document.querySelector(s);
    return element.answers();
  }, selector);
}

/**
 * Draws a car box and a van box around the vehicles of STREET_IMAGE in the crowd-bounding-box of
 * `scope` (labels `car` and `van`, as written in the templates that use it).
 */
export async function boxCarAndVan(page: Page, scope: Page | FrameLocator = page) {
  const box = 'crowd-bounding-box';
  await drag(
    page,
    await at(scope, box, 190 / 1600, 510 / 1000),
    await at(scope, box, 630 / 1600, 730 / 1000),
  );
  // Escape deselects the box first, so that choosing "van" labels the next box, not this one.
  await page.keyboard.press('Escape');
  await scope.getByRole('radio', { name: 'van' }).check();
  await drag(
    page,
    await at(scope, box, 890 / 1600, 550 / 1000),
    await at(scope, box, 1290 / 1600, 740 / 1000),
  );
}
