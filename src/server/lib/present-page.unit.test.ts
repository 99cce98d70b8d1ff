import { describe, expect, it } from 'vitest';
import { presentPage } from './present-page.js';

describe('presentPage', () => {
  it('presents each item and passes the cursor on', () => {
    const page = { items: [{ n: 1 }, { n: 2 }], nextCursor: 'abc' };
    expect(presentPage(page, (row) => `#${row.n}`)).toEqual({
      items: ['#1', '#2'],
      nextCursor: 'abc',
    });
  });

  it('hands the presenter only the row, never map’s index', () => {
    const present = (row: number, index?: number) => ({ row, index });
    expect(presentPage({ items: [7], nextCursor: null }, present).items).toEqual([
      { row: 7, index: undefined },
    ]);
  });
});
