import type { FastifyReply } from 'fastify';
import { API_PREFIX, endpointPath, endpointUrl } from '../../shared/api/endpoint.js';
import type { Preview } from '../../shared/api/projects.js';
import { workEndpoints } from '../../shared/api/work.js';
import { substituteCrowdScript } from '../../shared/templates/crowd-script.js';
import { frameDocument } from '../../shared/templates/frame-document.js';
import { fillFormTemplate, fillHtmlTemplate, type Template } from '../../shared/templates/index.js';
import { ConflictError } from '../errors.js';

/** Where a task's filled HTML is served for a sandboxed frame, by who looks at it. */
export const frameUrls = {
  /** Its worker, while doing the assignment. */
  assignment: (assignmentId: string) => endpointUrl(workEndpoints.frame, { id: assignmentId }),
  /** Its project's requester, previewing or reviewing (a route of the projects area). */
  projectTask: (projectId: string, taskId: string) =>
    API_PREFIX + endpointPath('/projects/:id/tasks/:taskId/frame', { id: projectId, taskId }),
};

/**
 * The task as its viewer sees it: the template filled with the task's data. An HTML task is
 * served in a sandboxed frame from `frameUrl`; without one (a preview before accepting) it is
 * shown from `html`.
 */
export function filledTemplate(
  template: Template,
  data: Record<string, string>,
  frameUrl: string | null,
): Preview['template'] {
  return template.kind === 'form'
    ? fillFormTemplate(template, data)
    : { kind: 'html', html: fillHtmlTemplate(template.html, data), frameUrl };
}

/** The filled HTML a task's frame shows: only an HTML template has one. */
export function frameHtml(template: Template, data: Record<string, string>): string {
  if (template.kind !== 'html') {
    throw new ConflictError(
      'not_html',
      'This project uses a form template; only HTML templates are served in a frame.',
    );
  }
  return fillHtmlTemplate(template.html, data);
}

/**
 * Requester HTML runs only in a sandbox: an opaque origin (no allow-same-origin) even when the
 * frame's URL is opened directly, so it can never read the app's cookies or call its API.
 */
export const TASK_FRAME_CSP = "sandbox allow-scripts allow-forms; frame-ancestors 'self'";

export function sendTaskFrame(reply: FastifyReply, html: string) {
  return sendSandboxedDocument(reply, frameDocument(html));
}

/**
 * A whole document of requester HTML, under the task frame's sandbox policy, never cached. Every
 * frame (task, review, preview) passes here, so Amazon's crowd-html-elements script is pointed at
 * Tessera's own bundle here too.
 */
export function sendSandboxedDocument(reply: FastifyReply, document: string) {
  return reply
    .header('content-security-policy', TASK_FRAME_CSP)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(substituteCrowdScript(document, reply.server.crowdBundleUrl));
}
