import { sql, type SelectQueryBuilder, type SqlBool, type StringReference } from 'kysely';
import { memberOf } from '../../shared/narrow.js';
import { ValidationError } from '../errors.js';

/*
 * Every paginated list answers `{ items, nextCursor }`. A cursor is opaque to clients: base64url
 * of where the next page starts. A cursor this API did not hand out is a 400 on `cursor`, never a
 * 500 or an empty page. Repositories read one row more than the page (`limit + 1`, which
 * `newestFirstPage` does for them) so that `pageOf` can tell whether a next page exists without
 * counting.
 */

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Keyset position: the sort key and id of the last row of the page before. */
export type Keyset = { t: Date; id: string };

/** What a page of a keyset list is read by: its size and where it starts (the first page: nowhere). */
export type KeysetRequest = { limit: number; before?: Keyset | undefined };

/** A client's page request: the cursor it was handed (none for the first page) and a page size. */
export type CursorRequest = { cursor?: string | undefined; limit: number };

function invalidCursor(): ValidationError {
  return new ValidationError('cursor: is not a cursor this API returned', [
    { path: 'querystring.cursor', message: 'is invalid' },
  ]);
}

const fromBase64url = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');
const toBase64url = (text: string) => Buffer.from(text).toString('base64url');

/** Keyset cursor over (sort key, id): stable under inserts, cheap at any depth. */
export function encodeCursor(at: Date, id: string): string {
  return toBase64url(JSON.stringify({ t: at.toISOString(), id }));
}

export function decodeCursor(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(fromBase64url(cursor));
  } catch {
    throw invalidCursor();
  }
  const t = memberOf(value, 't');
  const id = memberOf(value, 'id');
  if (typeof t !== 'string' || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw invalidCursor();
  }
  const at = new Date(t);
  if (Number.isNaN(at.getTime())) throw invalidCursor();
  return { t: at, id };
}

/** The keyset request a client's cursor names (a 400 for a cursor this API did not hand out). */
export function fromCursor(page: CursorRequest): KeysetRequest {
  return { limit: page.limit, before: decodeCursor(page.cursor) };
}

/**
 * A cursor that is one whole number under a tag (`tag:n`): a sequence number, a ledger entry id,
 * an offset. The tag keeps one list's cursor from being read as another's.
 */
export function counterCursor(tag: string, maxDigits: number) {
  const pattern = new RegExp(`^${tag}:(\\d{1,${maxDigits}})$`);
  return {
    encode: (n: number): string => toBase64url(`${tag}:${n}`),
    decode(cursor: string | undefined): number | undefined {
      if (!cursor) return undefined;
      const digits = pattern.exec(fromBase64url(cursor))?.[1];
      if (!digits) throw invalidCursor();
      return Number(digits);
    },
  };
}

/**
 * For repositories: the rows of a page of a list newest first by (sort key, id), starting after
 * `before` (rows inserted meanwhile never shift a page), plus one look-ahead row for `pageOf`.
 */
export function newestFirstPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  key: readonly [sort: StringReference<DB, TB>, id: StringReference<DB, TB>],
  page: KeysetRequest,
): SelectQueryBuilder<DB, TB, O> {
  const sort = sql.ref(key[0]);
  const id = sql.ref(key[1]);
  const { before } = page;
  const after = before
    ? query.where(sql<SqlBool>`(${sort}, ${id}) < (${before.t}, ${before.id})`)
    : query;
  return after
    .orderBy(sort, 'desc')
    .orderBy(id, 'desc')
    .limit(page.limit + 1);
}

/**
 * For repositories: the rows of a page of a list in the order of one key that no two rows share
 * (a sequence number, an entry id, a position), starting past `after` (the key of the last row of
 * the page before) in that order, plus one look-ahead row for `pageOf`.
 */
export function keyOrderPage<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  key: StringReference<DB, TB>,
  order: 'asc' | 'desc',
  page: { limit: number; after?: number | string | undefined },
): SelectQueryBuilder<DB, TB, O> {
  const column = sql.ref(key);
  const { after } = page;
  const past = order === 'asc' ? sql`>` : sql`<`;
  const rest = after === undefined ? query : query.where(sql<SqlBool>`${column} ${past} ${after}`);
  return rest.orderBy(column, order).limit(page.limit + 1);
}

/** The page of `limit` rows out of `limit + 1` read; the extra row only says that more follow. */
export function pageOf<T>(rows: T[], limit: number, cursorAfter: (last: T) => string): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? cursorAfter(last) : null };
}

/** `pageOf` for a list in keyset order: `keyOf` names the row's sort key and id. */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => readonly [Date, string],
): Page<T> {
  return pageOf(rows, limit, (last) => encodeCursor(...keyOf(last)));
}

/** `keysetPage` of the most common order: newest first by (created_at, id). */
export function pageFrom<T extends { created_at: Date; id: string }>(
  rows: T[],
  limit: number,
): Page<T> {
  return keysetPage(rows, limit, (row) => [row.created_at, row.id]);
}
