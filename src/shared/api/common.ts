import { z } from 'zod';
import { LIMITS } from '../limits.js';

export const idSchema = z.uuid({ message: 'must be a valid id' });

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
  requestId: z.string(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const pageQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  cursor: z.string().max(200).optional(),
});

/** What a page query holds once parsed, whatever filters come with it. */
type PageQuery = z.output<typeof pageQuerySchema>;

/** A list endpoint's query: its own filters first, then the page's `limit` and `cursor`. */
export function pageQueryWith<T extends z.ZodRawShape>(filters: T) {
  return z.strictObject({ ...filters, ...pageQuerySchema.shape });
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * A cursor-paged list endpoint's request and answer: a GET whose query holds `limit` and `cursor`
 * (`pageQuerySchema`, or `pageQueryWith` its filters) and whose answer is a page of `item`.
 */
export function pagedList<Q extends z.ZodType<PageQuery>, T extends z.ZodType>(query: Q, item: T) {
  return { method: 'GET', query, response: pageOf(item) } as const;
}

/**
 * A list short enough to come whole (an account's few tokens, keys or clients): the page shape,
 * so clients read it like any other list, with never a next page.
 */
export function wholeListOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.null() });
}

/** Another user as shown beside their work or their money: who, by handle and by name. */
export const personSchema = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
});

export const okSchema = z.object({ ok: z.literal(true) });
