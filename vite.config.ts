import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './vite-precompress.js';

const root = fileURLToPath(new URL('./src/web', import.meta.url));

// The SPA is built into dist/web, which `tessera serve` serves with a fallback to index.html.
export default defineConfig({
  root,
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Which chunks each page needs: scripts/page-weight.mjs reads it for docs/performance.md.
    manifest: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        // Pages are loaded lazily (lib/lazy-page.tsx); `entriesAware` splits the vendor group by
        // the pages that use it, so a worker's first page does not load the Markdown renderer.
        // Not Mantine: split that way its modules initialise out of order in the browser.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
              priority: 3,
            },
            {
              name: 'ui',
              test: /node_modules[\\/](@mantine|@floating-ui|@tabler)[\\/]/,
              priority: 2,
            },
            {
              name: 'vendor',
              test: /node_modules[\\/]/,
              priority: 1,
              entriesAware: true,
              entriesAwareMergeThreshold: 40_000,
            },
          ],
        },
      },
    },
  },
  server: {
    // `vite` on its own serves the SPA with hot reload; the API is the dev server on port 3000.
    // `ws` passes the live-event WebSocket (/api/v1/ws) through as well.
    proxy: { '/api': { target: 'http://127.0.0.1:3000', ws: true } },
  },
});
