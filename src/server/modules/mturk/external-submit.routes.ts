import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../../shared/html.js';
import { SUBMITTED_MESSAGE } from '../../../shared/templates/frame-document.js';
import { EXTERNAL_SUBMIT_PATH } from '../../lib/turk-frame.js';
import {
  ExternalSubmitRefusal,
  type ExternalSubmit,
  type ExternalSubmitter,
} from './external-submit.js';

/** A task's answers: up to 200 fields of up to 64 KiB each, URL-encoded, fit with room. */
const BODY_LIMIT_BYTES = 2_097_152;

/**
 * The pages a task page's frame gets back are Tessera's, shown inside the requester's sandboxed
 * frame: they run as an opaque origin too, and may be framed by it. Its origin is opaque, so
 * neither X-Frame-Options: SAMEORIGIN nor frame-ancestors 'self' would let them show; they
 * hold nothing but a sentence.
 */
const RESULT_CSP = "sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline'";

function page(reply: FastifyReply, status: number, title: string, body: string, script = '') {
  return reply
    .status(status)
    .removeHeader('x-frame-options')
    .header('content-security-policy', RESULT_CSP)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;margin:2rem"><h1 style="font-size:1.25rem">${escapeHtml(title)}</h1><p>${escapeHtml(body)}</p>${script}</body></html>\n`,
    );
}

/**
 * MTurk's externalSubmit, outside /api/v1 (DESIGN §8): `POST /s/{token}/mturk/externalSubmit`,
 * where `{turkSubmitTo}` is `PUBLIC_URL/s/{token}` for one assignment (a frame's post carries no
 * SameSite=Lax cookie, so the address is the credential), and `POST /mturk/externalSubmit`
 * with the worker's own session from Tessera's own pages (never from another site).
 */
export const externalSubmitRoutes: FastifyPluginAsync<{
  externalSubmit: ExternalSubmit;
  publicUrl: string;
  rateLimit: { max: number; timeWindow: number };
}> = async (app, { externalSubmit, publicUrl, rateLimit }) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    // parseAs: 'string' hands the parser a string (its type also allows a Buffer).
    (_request, body, done) => done(null, new URLSearchParams(body as string)),
  );
  const limiter = app.rateLimit({
    timeWindow: rateLimit.timeWindow,
    max: rateLimit.max,
    keyGenerator: (request) => `external-submit:${request.ip}`,
  });
  const ownOrigin = new URL(publicUrl).origin;

  async function handle(request: FastifyRequest, reply: FastifyReply, who: ExternalSubmitter) {
    if (!(request.body instanceof URLSearchParams)) {
      return page(
        reply,
        415,
        'Not submitted',
        'The form must be posted as application/x-www-form-urlencoded (a plain HTML form).',
      );
    }
    try {
      await externalSubmit.submit(who, request.body);
    } catch (error) {
      if (error instanceof ExternalSubmitRefusal) {
        return page(reply, error.statusCode, 'Not submitted', error.message);
      }
      throw error;
    }
    // Tells the work page (directly, or through the task frame's bridge) to move on.
    const script = `<script>parent.postMessage({ type: '${SUBMITTED_MESSAGE}' }, '*');</script>`;
    return page(reply, 200, 'Submitted', 'Your answers were submitted. Thank you!', script);
  }

  const options = {
    // Not an API credential: the token in the path, or the session checked below.
    config: { auth: 'optional' as const },
    schema: { hide: true },
    bodyLimit: BODY_LIMIT_BYTES,
    preHandler: [limiter],
  };

  app.post<{ Params: { token: string } }>(
    `/s/:token${EXTERNAL_SUBMIT_PATH}`,
    options,
    (request, reply) => handle(request, reply, { token: request.params.token }),
  );

  app.post(EXTERNAL_SUBMIT_PATH, options, (request, reply) => {
    // The session is a cookie, so only a post from Tessera's own origin may use it.
    const origin = request.headers.origin;
    if (request.auth?.via !== 'session' || (origin !== undefined && origin !== ownOrigin)) {
      return page(
        reply,
        403,
        'Not submitted',
        'Sign in to Tessera and submit from its work page, or post to the turkSubmitTo address your task was given.',
      );
    }
    return handle(request, reply, { userId: request.auth.user.id });
  });
};
