import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ValidationError } from '../errors.js';

/**
 * PostgreSQL cannot store a NUL character in text or JSON, and a lone UTF-16 surrogate is not a
 * character at all (it would be stored as U+FFFD, silently changing what was sent). Both are
 * refused here, once for every API route, as a clear 400 naming where they were, instead of a
 * database error deep in a query.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The first string (key or value) in `value` that cannot be stored, as a path like body.a.0. */
export function findUnstorableText(value: unknown, root: string): string | undefined {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push([item, `${path}.${i}`]));
    } else if (isPlainObject(current)) {
      // Only parsed JSON, query and params: a stream or Buffer body (a CSV upload) is never walked.
      for (const [key, item] of Object.entries(current)) {
        if (UNSTORABLE.test(key)) return path;
        stack.push([item, `${path}.${key}`]);
      }
    }
  }
  return undefined;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route reports unstorable text in its body itself, more precisely (e.g. a CSV line). */
    checksOwnText?: boolean;
  }
}

async function textInputPlugin(app: FastifyInstance) {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const where =
      findUnstorableText(request.params, 'params') ??
      findUnstorableText(request.query, 'query') ??
      (request.routeOptions.config.checksOwnText
        ? undefined
        : findUnstorableText(request.body, 'body'));
    if (where) {
      throw new ValidationError(
        `Invalid input — ${where}: text must not contain NUL characters or unpaired UTF-16 surrogates.`,
        [{ path: where, message: 'contains a NUL character or an unpaired surrogate' }],
      );
    }
  });
}

export default fp(textInputPlugin, { name: 'text-input', dependencies: ['auth'] });
