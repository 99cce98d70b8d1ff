import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { pageOf, pageQueryWith, wholeListOf } from './common.js';

describe('pageQueryWith', () => {
  const query = pageQueryWith({ status: z.enum(['open', 'closed']).optional() });

  it('puts the filters first, then the page', () => {
    expect(Object.keys(query.shape)).toEqual(['status', 'limit', 'cursor']);
  });

  it('defaults the page size and refuses fields it does not know', () => {
    expect(query.parse({ status: 'open' })).toEqual({
      status: 'open',
      limit: LIMITS.pageSizeDefault,
    });
    expect(query.safeParse({ other: '1' }).success).toBe(false);
  });
});

describe('pageOf and wholeListOf', () => {
  it('a page may point on; a whole list never does', () => {
    expect(pageOf(z.number()).parse({ items: [1], nextCursor: 'c' }).nextCursor).toBe('c');
    expect(wholeListOf(z.number()).safeParse({ items: [1], nextCursor: 'c' }).success).toBe(false);
    expect(wholeListOf(z.number()).parse({ items: [1], nextCursor: null })).toEqual({
      items: [1],
      nextCursor: null,
    });
  });
});
