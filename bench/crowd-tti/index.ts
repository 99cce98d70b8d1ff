/**
 * Time to interactive of a bounding-box task (issue #16): Chromium (Playwright, Debian's
 * /usr/bin/chromium) loads a task page that uses Tessera's built crowd-html-elements bundle
 * (dist/crowd/crowd-html-elements.js, `npm run build` first) and a 1600 × 1000 picture, and times
 * from navigation start until crowd-bounding-box accepts input: its image is loaded and its
 * drawing overlay is in place. Baselines in the same run, measured the same way: a plain HTML
 * form (no script) and a crowd-form with a crowd-classifier (the bundle, no picture).
 *
 *   npx tsx bench/crowd-tti/index.ts [--runs 20]
 *
 * Every page is loaded in a fresh browser context (nothing cached), from a local server that adds
 * no delay: the figures are the bundle's parse and start-up and the element's first render.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { chromium } from '@playwright/test';
import { STREET_IMAGE } from '../../e2e/crowd-annotation-page.js';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 20;
const BUNDLE = readFileSync('dist/crowd/crowd-html-elements.js');

const page = (body: string, script = true) => `<!doctype html><html lang="en"><head>
<meta charset="utf-8"><title>Task</title>
${script ? '<script src="/crowd-html-elements.js"></script>' : ''}</head><body>${body}</body></html>`;

/** Each page, and the in-page test of "accepts input" polled every animation frame. */
const PAGES = {
  'plain HTML form': {
    html: page(
      `<form><label>Sentiment <select name="s"><option>Positive</option><option>Negative</option></select></label>
       <label>Comment <input name="c"></label><button>Submit</button></form>`,
      false,
    ),
    ready: `!!document.querySelector('input[name=c]')`,
  },
  'crowd-classifier': {
    html: page(`<crowd-form><crowd-classifier name="sentiment" categories="['Positive','Negative','Neutral']"
      header="What is the sentiment?"><classification-target>It boils water.</classification-target>
      </crowd-classifier></crowd-form>`),
    ready: `!!document.querySelector('crowd-classifier')?.shadowRoot?.querySelector('input[type=radio]')`,
  },
  'crowd-bounding-box': {
    html: page(`<crowd-form><crowd-bounding-box name="annotatedResult" src="/street.svg"
      header="Draw a box around each vehicle" labels="['car','van']"></crowd-bounding-box></crowd-form>`),
    ready: `(() => { const e = document.querySelector('crowd-bounding-box');
      return !!e && e.imageStatus === 'loaded' && !!e.shadowRoot?.querySelector('svg.overlay'); })()`,
  },
} as const;
type Name = keyof typeof PAGES;

const server = createServer((request, response) => {
  const path = request.url ?? '/';
  if (path === '/crowd-html-elements.js')
    return response.writeHead(200, { 'content-type': 'text/javascript' }).end(BUNDLE);
  if (path === '/street.svg')
    return response.writeHead(200, { 'content-type': 'image/svg+xml' }).end(STREET_IMAGE);
  const name = decodeURIComponent(path.slice(1)) as Name;
  if (PAGES[name])
    return response.writeHead(200, { 'content-type': 'text/html' }).end(PAGES[name].html);
  response.writeHead(404).end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const address = server.address();
const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});

/** Milliseconds from navigation start until the page's `ready` test first holds. */
async function timeToInteractive(name: Name): Promise<number> {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(`${origin}/${encodeURIComponent(name)}`, { waitUntil: 'commit' });
  // A string, not a function: tsx would wrap a function in helpers the page does not have.
  const ms = await tab.evaluate<number>(`new Promise((resolve) => {
    const check = () => (${PAGES[name].ready}) ? resolve(performance.now()) : requestAnimationFrame(check);
    check();
  })`);
  await context.close();
  return ms;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

console.log(
  `crowd-tti: ${runs} loads of each page in a fresh context, interleaved; ${cpus().length} CPUs; bundle ${(BUNDLE.length / 1024).toFixed(1)} KB raw`,
);
const names = Object.keys(PAGES) as Name[];
for (const name of names) await timeToInteractive(name); // warm the browser itself, not counted
const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
for (let i = 0; i < runs; i++)
  for (const name of names) times[name].push(await timeToInteractive(name));
await browser.close();
server.close();

const median = (name: Name) =>
  quantile(
    [...times[name]].sort((a, b) => a - b),
    0.5,
  );
for (const name of names) {
  const sorted = [...times[name]].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(20)} median ${median(name).toFixed(0)} ms  p90 ${quantile(sorted, 0.9).toFixed(0)} ms  min ${sorted[0]?.toFixed(0)} ms`,
  );
}
console.log(
  `ratio crowd-bounding-box / plain HTML form ${(median('crowd-bounding-box') / median('plain HTML form')).toFixed(2)}; / crowd-classifier ${(median('crowd-bounding-box') / median('crowd-classifier')).toFixed(2)}`,
);
