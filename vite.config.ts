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
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
            },
            { name: 'ui', test: /node_modules[\\/](@mantine|@floating-ui|@tabler)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
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
