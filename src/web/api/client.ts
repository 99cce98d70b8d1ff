import type { z } from 'zod';
import { errorResponseSchema } from '../../shared/api/common.js';
import { fieldIssuesIn } from '../lib/narrow.js';

const BASE_PATH = '/api/v1';
// Double-submit CSRF: the server sets this readable cookie with the session and expects it back.
const CSRF_COOKIE = 'csrf_token';
const CSRF_HEADER = 'x-csrf-token';

/** One problem with one input field, as the API reports it (`path` is like `body.email`). */
export type FieldIssue = { path: string; message: string };

/** Any failed call: the API's `{ error: { code, message, details } }`, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Messages keyed by the request body's top-level field, for showing beside form inputs. */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const issue of fieldIssuesIn(this.details)) {
      const [where, field] = issue.path.split('.');
      if (where === 'body' && field && !(field in errors)) errors[field] = issue.message;
    }
    return errors;
  }
}

function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** The CSRF token, for a form post that cannot set headers (the HTML task preview). */
export function csrfToken(): string {
  return readCookie(CSRF_COOKIE) ?? '';
}

/** The CSRF header for a mutation sent without apiRequest (e.g. an upload with progress). */
export function csrfHeaders(): Record<string, string> {
  const csrf = csrfToken();
  return csrf ? { [CSRF_HEADER]: csrf } : {};
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

type RequestOptions<S extends z.ZodType> = {
  schema: S;
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
  /** Extra request headers, e.g. an `Idempotency-Key`. */
  headers?: Record<string, string>;
};

/** The address of an API path with its query, as the browser requests it. */
export function apiUrl(path: string, query: QueryParams | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${BASE_PATH}/${path.replace(/^\//, '')}${search ? `?${search}` : ''}`;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const parsed = errorResponseSchema.safeParse(await response.json().catch(() => undefined));
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details, parsed.data.requestId);
  }
  return new ApiError(
    response.status,
    'http_error',
    `The server answered with status ${response.status}. Try again in a moment.`,
  );
}

/** Calls the API and checks the answer against the shared zod schema of the response. */
export async function apiRequest<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  { schema, body, query, signal, headers: extraHeaders }: RequestOptions<S>,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', 'Could not reach Tessera. Check your connection.');
  }
  if (!response.ok) throw await errorFrom(response);
  const result = schema.safeParse(await response.json().catch(() => undefined));
  if (!result.success) {
    throw new ApiError(
      response.status,
      'unexpected_response',
      'The server sent an answer this page does not understand. Reload the page and try again.',
    );
  }
  return result.data;
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
