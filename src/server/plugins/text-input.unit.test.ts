import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './text-input.js';

describe('findUnstorableText', () => {
  it('names the path of a NUL character deep in parsed JSON', () => {
    expect(findUnstorableText({ items: [{ label: 'ok' }, { label: 'a\u0000b' }] }, 'body')).toBe(
      'body.items.1.label',
    );
  });

  it('names a key holding a lone surrogate', () => {
    expect(findUnstorableText({ ['\ud800x']: 1 }, 'query')).toBe('query');
  });

  it('accepts real emoji and ordinary text', () => {
    expect(findUnstorableText({ title: 'Rate 😀 photos', tags: ['a', 'b'] }, 'body')).toBe(
      undefined,
    );
  });

  it('never walks a stream or a Buffer body (a CSV upload is read by its importer)', () => {
    const upload = new PassThrough();
    upload.end('a,b\n1,\u0000\n');
    expect(findUnstorableText(upload, 'body')).toBe(undefined);
    expect(findUnstorableText(Buffer.from('x\u0000y'), 'body')).toBe(undefined);
  });
});
