import type { FastifyReply } from 'fastify';
import { frameDocument } from '../../shared/templates/frame-document.js';

/**
 * Requester HTML runs only in a sandbox: an opaque origin (no allow-same-origin) even when the
 * frame's URL is opened directly, so it can never read the app's cookies or call its API.
 */
export const TASK_FRAME_CSP = "sandbox allow-scripts allow-forms; frame-ancestors 'self'";

export function sendTaskFrame(reply: FastifyReply, html: string) {
  return sendSandboxedDocument(reply, frameDocument(html));
}

/** A whole document of requester HTML, under the task frame's sandbox policy, never cached. */
export function sendSandboxedDocument(reply: FastifyReply, document: string) {
  return reply
    .header('content-security-policy', TASK_FRAME_CSP)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(document);
}
