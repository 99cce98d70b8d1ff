import { isUuid } from '../../../shared/api/qualifications.js';
import { requestError } from './mturk-errors.js';

/** A NextToken naming the last row of a page (`prefix` tells one list's tokens from another's). */
export function nextTokenOf(prefix: string, lastId: string): string {
  return Buffer.from(`${prefix}:${lastId}`).toString('base64url');
}

/** The row id a NextToken of this list names; a RequestError for any other token. */
export function idOfNextToken(prefix: string, token: string | undefined): string | undefined {
  if (token === undefined) return undefined;
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  const id = decoded.slice(prefix.length + 1);
  if (!decoded.startsWith(`${prefix}:`) || !isUuid(id)) {
    throw requestError(
      'NextToken is not one this server gave out.',
      'AWS.MechanicalTurk.InvalidParameterValue',
    );
  }
  return id;
}

/** One page of a list fetched with one row more than `limit`: the rows and the NextToken. */
export function pageOf<T extends { id: string }>(prefix: string, rows: T[], limit: number) {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    shown,
    nextToken: rows.length > limit && last ? nextTokenOf(prefix, last.id) : undefined,
  };
}
