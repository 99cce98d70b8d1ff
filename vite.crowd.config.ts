import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// Tessera's crowd-html-elements (src/crowd-elements) as one self-contained script in dist/crowd,
// which the server serves to task frames in place of Amazon's. An IIFE, not an ES module: it is
// loaded by the template's own classic <script> tag, which runs it before the rest of the page
// is parsed (as Amazon's does) and, unlike a module, needs no CORS from an opaque-origin frame.
export default defineConfig({
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/crowd', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    lib: {
      entry: fileURLToPath(new URL('./src/crowd-elements/index.ts', import.meta.url)),
      formats: ['iife'],
      name: 'TesseraCrowdElements',
      fileName: () => 'crowd-html-elements.js',
    },
  },
});
