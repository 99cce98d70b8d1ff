import type { z } from 'zod';
import { memberOf } from '../narrow.js';
import type { Scope } from '../scopes.js';
import type { Role } from './accounts.js';

/**
 * Who may call an endpoint. Every /api/v1 endpoint declares one, so nothing is public by
 * accident. `external` endpoints authenticate callers themselves (the OAuth authorization server
 * reads its own Authorization headers): Tessera credentials are not read there. A list of scopes
 * means any one of them (the handler checks which part of the endpoint it allows).
 */
export type EndpointAuth =
  'public' | 'optional' | 'external' | { scope: Scope | readonly Scope[]; roles?: readonly Role[] };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint of the API, declared once: the server registers its route (and so its OpenAPI
 * entry) from this, and the web app calls it through the typed client built on the same object.
 */
export type Endpoint = {
  method: HttpMethod;
  /** Below /api/v1, with `:name` segments for path parameters, e.g. `/projects/:projectId`. */
  path: string;
  /** One line for the API reference. */
  summary: string;
  /** More for the API reference than the summary's one line: limits, rules, what a repeat does. */
  description?: string;
  /** The API reference's section. */
  tag: string;
  auth: EndpointAuth;
  params?: z.ZodType;
  query?: z.ZodType;
  /** Request headers the endpoint reads, e.g. an optional `idempotency-key`. */
  headers?: z.ZodType;
  body?: z.ZodType;
  /**
   * The request body's media types when it is not (only) JSON described by `body`, e.g. a CSV
   * upload: the handler reads and checks the body itself, so `body` is left out.
   */
  consumes?: readonly string[];
  /** The success answer's body (for `produces`, what the API reference says of it). */
  response: z.ZodType;
  /**
   * The answer's media types when it is not JSON (a streamed file, an HTML page): the handler
   * sends it itself, and clients open the URL (a link, a frame) rather than `call()` it.
   */
  produces?: readonly string[];
  /** The success status: 200 unless said (202 for work accepted and done later, e.g. an email). */
  status?: 200 | 201 | 202;
};

/** Declares an endpoint, keeping its literal types (method, path, schemas) for both sides. */
export function endpoint<const E extends Endpoint>(declaration: E): E {
  return declaration;
}

/** What every endpoint's path is below. */
export const API_PREFIX = '/api/v1';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;
type Input<S> = S extends z.ZodType ? z.input<S> : undefined;
/** What a request to an endpoint may carry, JSON or document alike. */
export type EndpointInputs = Pick<Endpoint, 'params' | 'query' | 'body' | 'consumes'>;

/** What a handler receives, after validation (zod's output types). */
export type EndpointParams<E extends EndpointInputs> = Output<E['params']>;
export type EndpointQuery<E extends EndpointInputs> = Output<E['query']>;
/** A body the handler reads itself (`consumes`) is whatever arrived: a stream or parsed JSON. */
export type EndpointBody<E extends EndpointInputs> = E['consumes'] extends readonly string[]
  ? unknown
  : Output<E['body']>;
/** What a handler returns: the response schema's input, which the server serialises. */
export type EndpointReply<E extends Endpoint> = z.input<E['response']>;
/** What a caller gets back, parsed. */
export type EndpointResult<E extends Endpoint> = z.output<E['response']>;

/** What a caller sends: path parameters, query and body, each only where the endpoint has it. */
export type EndpointInput<E extends Endpoint> = (E['params'] extends z.ZodType
  ? { params: Input<E['params']> }
  : { params?: never }) &
  (E['query'] extends z.ZodType ? { query?: Input<E['query']> } : { query?: never }) &
  (E['body'] extends z.ZodType ? { body: Input<E['body']> } : { body?: never });

/** The path with its `:name` segments filled in (URI-encoded). */
export function endpointPath(path: string, params: unknown): string {
  return path.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
    // Path parameter schemas are objects of strings (ids, handles); nothing else fills a path.
    const value = memberOf(params, name);
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new Error(`${path} needs the "${name}" parameter`);
    return encodeURIComponent(String(value));
  });
}

/** The endpoint's full URL with its path parameters filled in, e.g. for a frame's `src`. */
export function endpointUrl<E extends Pick<Endpoint, 'path' | 'params'>>(
  endpoint: E,
  params: Input<E['params']>,
): string {
  return API_PREFIX + endpointPath(endpoint.path, params);
}
