// What a first visit downloads (JavaScript and CSS, gzip and brotli bytes) of a built web app:
// the files index.html loads, plus a page's lazily loaded chunks (from vite's manifest).
//   node scripts/page-weight.mjs [dist/web]
// Fonts are left out: the browser fetches only the subsets a page's text needs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? 'dist/web';
const PAGES = {
  'signed-out visitor, landing page (/)': 'pages/public/LandingPage.tsx',
  'worker, Find work (/work)': 'pages/worker/FindWorkPage.tsx',
};

const html = readFileSync(join(dir, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
  (m) => m[1],
);
const manifestPath = join(dir, '.vite', 'manifest.json');
const manifest = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : {};

/** A chunk's file, its CSS and everything it imports statically, recursively. */
function closure(key, into = new Set()) {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) closure(imported, into);
  return into;
}

function weigh(files) {
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const file of files) {
    const content = readFileSync(join(dir, file));
    raw += content.length;
    gzip += gzipSync(content, { level: 9 }).length;
    brotli += brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length;
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  return `${files.size} files, ${kb(raw)} raw, ${kb(gzip)} gzip, ${kb(brotli)} brotli`;
}

for (const [label, source] of Object.entries(PAGES)) {
  const key = Object.keys(manifest).find((k) => k.endsWith(source));
  const files = new Set(initial);
  if (key) closure(key, files);
  console.log(`${label}: ${weigh(files)}`);
}
