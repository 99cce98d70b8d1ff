import type { FastifyPluginAsync } from 'fastify';
import { TEMPLATE_LIMITS } from '../../../shared/templates/model.js';
import { PREVIEW_FIELDS, PREVIEW_FRAME_PATH } from '../../../shared/templates/frame-document.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../errors.js';
import { sendSandboxedDocument } from '../../lib/task-frame.js';
import { CSRF_COOKIE } from '../../plugins/auth.js';

// The template, filled (escaping can grow it) and URL-encoded (up to 3 bytes per byte), plus the bridge.
const BODY_LIMIT = TEMPLATE_LIMITS.htmlBytes * 8;

/**
 * `POST /frames/preview`: a signed-in user's preview of an HTML task, posted by a form into the
 * preview's named frame and echoed back under the sandbox policy (opaque origin: the document
 * cannot read cookies or call the API). Only the app's own pages may post: the session cookie
 * (SameSite=Lax, so never on another site's post) and the CSRF token in the form must match,
 * so no other site can make Tessera's origin show its HTML.
 */
export const previewFrameRoutes: FastifyPluginAsync = async (app) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    // parseAs: 'string' hands the parser a string (its type also allows a Buffer).
    (_request, body, done) => done(null, new URLSearchParams(body as string)),
  );
  app.post(
    PREVIEW_FRAME_PATH,
    { config: { auth: 'optional' }, schema: { hide: true }, bodyLimit: BODY_LIMIT },
    (request, reply) => {
      if (request.auth?.via !== 'session') throw new UnauthorizedError();
      const form = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      const cookie = request.cookies[CSRF_COOKIE];
      if (!cookie || form.get(PREVIEW_FIELDS.csrf) !== cookie) {
        throw new ForbiddenError('Missing or wrong CSRF token in the preview form.', 'csrf_failed');
      }
      const document = form.get(PREVIEW_FIELDS.document);
      if (document === null) {
        throw new ValidationError('The preview form has no document.', {
          field: PREVIEW_FIELDS.document,
        });
      }
      return sendSandboxedDocument(reply, document);
    },
  );
};
