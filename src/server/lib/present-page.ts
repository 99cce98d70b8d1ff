import type { Page } from '../db/pagination.js';

/** A page of rows as the API answers it: each item presented, the cursor passed on unchanged. */
export function presentPage<Row, Presented>(
  page: Page<Row>,
  present: (row: Row) => Presented,
): Page<Presented> {
  return { items: page.items.map((row) => present(row)), nextCursor: page.nextCursor };
}
