import type { FieldIssue } from '../api/client.js';

/*
 * Type guards for values the app did not make itself (API error details, stored drafts, frame
 * messages), so their shape is checked where it is read instead of asserted with `as`.
 */

/** A plain object whose fields can be read and checked one by one. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export { isOneOf } from '../../shared/narrow.js';

/** The `{ path, message }` problems in an API error's details, skipping anything else. */
export function fieldIssuesIn(details: unknown): FieldIssue[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((issue: unknown) =>
    isRecord(issue) && typeof issue.path === 'string' && typeof issue.message === 'string'
      ? [{ path: issue.path, message: issue.message }]
      : [],
  );
}

/** A number field of an API error's details, if it is there. */
export function numberIn(details: unknown, key: string): number | undefined {
  const value = isRecord(details) ? details[key] : undefined;
  return typeof value === 'number' ? value : undefined;
}
