import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.js';

// A built SPA as vite leaves it: hashed assets with .br/.gz copies beside them (vite-precompress).
const web = mkdtempSync(join(tmpdir(), 'tessera-web-'));
const script = `console.log(${JSON.stringify('tessera '.repeat(400))});`;
const page = '<!doctype html><title>Tessera</title><div id="root"></div>';
function writeBuilt(path: string, content: string) {
  writeFileSync(join(web, path), content);
  writeFileSync(join(web, `${path}.br`), brotliCompressSync(content));
  writeFileSync(join(web, `${path}.gz`), gzipSync(content));
}
mkdirSync(join(web, 'assets'));
writeBuilt('assets/index-Ab12Cd34.js', script);
writeBuilt('index.html', page);
// The gallery's sample media (src/web/public/gallery), copied into the build as they are.
const picture = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>';
mkdirSync(join(web, 'gallery'));
writeFileSync(join(web, 'gallery', 'street.svg'), picture);
afterAll(() => rmSync(web, { recursive: true, force: true }));

const { app } = await createTestApp({ deps: { webDir: web } });
const get = (url: string, acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  });

describe('the built web app', () => {
  it('sends a hashed asset brotli-compressed to a browser that accepts it, cached for good', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(script);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(script);
    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('sends index.html for an app path, compressed and never cached stale', async () => {
    const res = await get('/work', 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(page);
  });

  it('lets task frames (an opaque origin) load the gallery media, and nothing else of the app', async () => {
    const media = await get('/gallery/street.svg');
    expect(media.statusCode).toBe(200);
    expect(media.body).toBe(picture);
    expect(media.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const asset = await get('/assets/index-Ab12Cd34.js');
    expect(asset.headers['cross-origin-resource-policy']).toBe('same-origin');
    const app = await get('/work');
    expect(app.headers['cross-origin-resource-policy']).toBe('same-origin');
  });
});
