import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { LIMITS } from '../../shared/limits.js';
import { ValidationError } from '../errors.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]); // [ {
const CLOSERS = new Set([0x5d, 0x7d]); // ] }

/**
 * Whether JSON text nests arrays and objects more than `max` levels deep, read in one pass over
 * the characters (brackets inside strings do not count) without parsing or recursing, so a body
 * of 100,000 brackets costs a loop, not a stack. Malformed text is left to the parser.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (OPENERS.has(c)) {
      if (++depth > max) return true;
    } else if (CLOSERS.has(c)) {
      depth--;
    }
  }
  return false;
}

/**
 * Every JSON body of every route (JSON batch uploads included) is refused with a 400 naming the
 * limit when it nests deeper than `LIMITS.jsonDepthMax`, before it is parsed: code that walks a
 * body (comparing answers, hashing an idempotent request, validating) can then never meet a value
 * deep enough to exhaust the stack. Otherwise Fastify's own JSON parser (with its prototype
 * poisoning checks) parses it as before.
 */
async function jsonDepthPlugin(app: FastifyInstance) {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // parseAs 'string' hands a string; the parser's type also allows parseAs 'buffer''s Buffer.
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (nestsDeeperThan(text, LIMITS.jsonDepthMax)) {
      done(
        new ValidationError(
          `Invalid input — body: JSON nested more than ${LIMITS.jsonDepthMax} levels deep (the limit is ${LIMITS.jsonDepthMax}).`,
          [{ path: 'body', message: `is nested more than ${LIMITS.jsonDepthMax} levels deep` }],
        ),
        undefined,
      );
      return;
    }
    void parse(request, text, done);
  });
}

export default fp(jsonDepthPlugin, { name: 'json-depth' });
