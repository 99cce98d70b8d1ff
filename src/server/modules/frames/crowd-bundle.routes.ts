import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { CROWD_BUNDLE_PATH } from '../../../shared/templates/crowd-script.js';
import { sendError } from '../../plugins/error-handler.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Where task frames load crowd-html-elements from: the bundle's path and content hash. */
    crowdBundleUrl: string;
  }
}

/** The built bundle (`npm run build`): beside the compiled server, or in dist/ from source. */
export function findCrowdBundleFile(): string | undefined {
  return ['../../../../crowd', '../../../../dist/crowd']
    .map((dir) => fileURLToPath(new URL(`${dir}/crowd-html-elements.js`, import.meta.url)))
    .find((file) => existsSync(file));
}

type Bundle = { hash: string; plain: Buffer; gzip: Buffer; br: Buffer };

function loadBundle(file: string): Bundle {
  const plain = readFileSync(file);
  return {
    hash: createHash('sha256').update(plain).digest('hex').slice(0, 16),
    plain,
    // Once per process: the file is small and the same for every request.
    gzip: gzipSync(plain, { level: 9 }),
    br: brotliCompressSync(plain),
  };
}

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The unversioned path may be cached a little and then revalidated by its ETag. */
const REVALIDATE = 'public, max-age=300, must-revalidate';

/**
 * `GET /crowd/crowd-html-elements.js`: Tessera's crowd-html-elements, which task frames load in
 * place of Amazon's script (src/shared/templates/crowd-script.ts). Frames have an opaque origin,
 * so the script is fetched cross-origin: it is a classic script (no CORS needed) and its
 * Cross-Origin-Resource-Policy lets any origin use it. Substituted URLs carry `?v=<hash>` and are
 * cached for a year; a changed bundle gets a new URL.
 */
const crowdBundlePlugin: FastifyPluginAsync<{ file: string | undefined }> = async (app, opts) => {
  const bundle = opts.file ? loadBundle(opts.file) : undefined;
  app.decorate(
    'crowdBundleUrl',
    bundle ? `${CROWD_BUNDLE_PATH}?v=${bundle.hash}` : CROWD_BUNDLE_PATH,
  );
  app.get(
    CROWD_BUNDLE_PATH,
    { config: { auth: 'public' }, schema: { hide: true } },
    (request, reply) => {
      if (!bundle) {
        return sendError(
          reply,
          404,
          'not_built',
          'The crowd-html-elements bundle was not built (npm run build).',
        );
      }
      const etag = `"${bundle.hash}"`;
      const version = new URLSearchParams(request.url.split('?')[1] ?? '').get('v');
      reply
        .header('cache-control', version === bundle.hash ? IMMUTABLE : REVALIDATE)
        .header('etag', etag)
        .header('vary', 'accept-encoding')
        .header('cross-origin-resource-policy', 'cross-origin')
        .type('text/javascript; charset=utf-8');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const accepted = String(request.headers['accept-encoding'] ?? '');
      if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(bundle.br);
      if (/\bgzip\b/.test(accepted))
        return reply.header('content-encoding', 'gzip').send(bundle.gzip);
      return reply.send(bundle.plain);
    },
  );
};

export const crowdBundleRoutes = fp(crowdBundlePlugin, { name: 'crowd-bundle' });
