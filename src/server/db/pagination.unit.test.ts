import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.js';
import {
  counterCursor,
  decodeCursor,
  encodeCursor,
  fromCursor,
  keysetPage,
  pageFrom,
  pageOf,
} from './pagination.js';

const ID = '0b5e6a52-3c1f-4d8e-9a61-2f4c7d9e8b10';
const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** The 400 a client gets for a cursor this API did not hand out. */
function expectInvalidCursor(decode: () => unknown) {
  try {
    decode();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    const e = error as ValidationError;
    expect(e.statusCode).toBe(400);
    expect(e.code).toBe('invalid_input');
    expect(e.details).toEqual([{ path: 'querystring.cursor', message: 'is invalid' }]);
    return;
  }
  throw new Error('the cursor was accepted');
}

describe('keyset cursor', () => {
  it('gives back the position it was made from', () => {
    const at = new Date('2026-12-06T08:15:30.123Z');
    expect(decodeCursor(encodeCursor(at, ID))).toEqual({ t: at, id: ID });
  });

  it('means "from the start" when absent or empty', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  it('refuses anything this API did not hand out, as bad input on `cursor`', () => {
    for (const cursor of [
      'not base64 at all!',
      base64url('{"t":"2026-12-06T08:15:30Z"'),
      base64url('null'),
      base64url('42'),
      base64url(JSON.stringify({ t: '2026-12-06T08:15:30Z' })),
      base64url(JSON.stringify({ t: 'yesterday', id: ID })),
      base64url(JSON.stringify({ t: 1765000000000, id: ID })),
      base64url(JSON.stringify({ t: '2026-12-06T08:15:30Z', id: 'x'.repeat(36) })),
      base64url(JSON.stringify({ t: '2026-12-06T08:15:30Z', id: `${ID}'; drop table users; --` })),
      counterCursor('t', 18).encode(5),
    ]) {
      expectInvalidCursor(() => decodeCursor(cursor));
    }
  });

  it("reads a client's page request as the keyset request its cursor names", () => {
    const at = new Date('2026-12-06T08:15:30.123Z');
    expect(fromCursor({ cursor: encodeCursor(at, ID), limit: 20 })).toEqual({
      limit: 20,
      before: { t: at, id: ID },
    });
    expect(fromCursor({ limit: 5 })).toEqual({ limit: 5, before: undefined });
    expectInvalidCursor(() => fromCursor({ cursor: 'garbage', limit: 5 }));
  });
});

describe('counter cursor', () => {
  const tasks = counterCursor('t', 18);

  it('gives back the number it was made from', () => {
    for (const n of [0, 1, 42, 2 ** 40]) expect(tasks.decode(tasks.encode(n))).toBe(n);
    expect(tasks.decode(undefined)).toBeUndefined();
    expect(tasks.decode('')).toBeUndefined();
  });

  it("refuses another list's cursor, a negative or overlong number and garbage", () => {
    const offsets = counterCursor('o', 9);
    for (const cursor of [
      offsets.encode(5),
      base64url('t:-1'),
      base64url('t:1.5'),
      base64url('t:'),
      base64url(`t:${'9'.repeat(19)}`),
      base64url('t:5 '),
      'garbage!',
      encodeCursor(new Date(), ID),
    ]) {
      expectInvalidCursor(() => tasks.decode(cursor));
    }
    expectInvalidCursor(() => offsets.decode(base64url(`o:${'1'.repeat(10)}`)));
  });
});

describe('pages', () => {
  const rows = [3, 2, 1].map((n) => ({
    id: `00000000-0000-4000-8000-00000000000${n}`,
    created_at: new Date(Date.UTC(2026, 11, n)),
  }));

  it('has a next page only when more rows were read than the limit', () => {
    expect(pageOf(rows, 3, () => 'next')).toEqual({ items: rows, nextCursor: null });
    expect(pageOf(rows.slice(0, 2), 2, () => 'next')).toEqual({
      items: rows.slice(0, 2),
      nextCursor: null,
    });
    expect(pageOf([], 2, () => 'next')).toEqual({ items: [], nextCursor: null });
  });

  it('drops the look-ahead row and points the cursor at the last row shown', () => {
    const page = pageOf(rows, 2, (last) => last.id);
    expect(page.items).toEqual(rows.slice(0, 2));
    expect(page.nextCursor).toBe(rows[1]?.id);
  });

  it('continues a keyset page right after its last row', () => {
    const page = keysetPage(rows, 2, (row) => [row.created_at, row.id]);
    expect(decodeCursor(page.nextCursor ?? undefined)).toEqual({
      t: rows[1]?.created_at,
      id: rows[1]?.id,
    });
    expect(pageFrom(rows, 2)).toEqual(page);
  });
});
