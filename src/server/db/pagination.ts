import { ValidationError } from '../errors.js';

/** Keyset cursor over (created_at, id): stable under inserts, cheap at any depth. */
export type KeysetCursor = { t: string; id: string };

export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(JSON.stringify({ t: createdAt.toISOString(), id })).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): KeysetCursor | undefined {
  if (!cursor) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as KeysetCursor).t === 'string' &&
      typeof (value as KeysetCursor).id === 'string' &&
      !Number.isNaN(Date.parse((value as KeysetCursor).t)) &&
      /^[0-9a-f-]{36}$/i.test((value as KeysetCursor).id)
    ) {
      return value as KeysetCursor;
    }
  } catch {
    // fall through to the error below
  }
  throw new ValidationError('cursor: is not a cursor this API returned', [
    { path: 'querystring.cursor', message: 'is invalid' },
  ]);
}

/** Takes one row more than asked to know whether there is a next page. */
export function pageFrom<T extends { created_at: Date; id: string }>(
  rows: T[],
  limit: number,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
  };
}
