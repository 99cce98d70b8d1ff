import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sendError } from './error-handler.js';

/** src/web/public/gallery: the template gallery's sample pictures and clips. */
const GALLERY_MEDIA_DIR = 'gallery';

/**
 * Serves the built SPA and answers unknown paths: JSON 404 under /api and for non-GET requests,
 * index.html elsewhere so the browser's router can take the path.
 */
async function webPlugin(app: FastifyInstance, opts: { webDir: string | undefined }) {
  const webDir =
    opts.webDir && existsSync(join(opts.webDir, 'index.html')) ? opts.webDir : undefined;
  if (webDir) {
    const galleryDir = join(webDir, GALLERY_MEDIA_DIR) + sep;
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      // The build writes .br and .gz beside each text file (vite-precompress.ts).
      preCompressed: true,
      setHeaders(reply, path) {
        // Hashed assets never change; index.html must always be fresh.
        reply.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
        // The gallery's sample media are shown inside task frames, whose origin is opaque (the
        // sandbox): Helmet's same-origin resource policy would make every such load fail.
        if (path.startsWith(galleryDir)) {
          reply.header('cross-origin-resource-policy', 'cross-origin');
        }
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage = request.method === 'GET' || request.method === 'HEAD';
    if (webDir && isPage && !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, 404, 'not_found', `No route for ${request.method} ${path}.`);
  });
}

export default fp(webPlugin, { name: 'web' });
