import type { FastifyReply } from 'fastify';
import { API_PREFIX, endpointPath, endpointUrl } from '../../shared/api/endpoint.js';
import type { Preview } from '../../shared/api/projects.js';
import { workEndpoints } from '../../shared/api/work.js';
import { substituteCrowdScript } from '../../shared/templates/crowd-script.js';
import { frameDocument } from '../../shared/templates/frame-document.js';
import { fillFormTemplate, fillHtmlTemplate, type Template } from '../../shared/templates/index.js';
import { ConflictError } from '../errors.js';
import { withTurkParams, type TurkParams } from './turk-frame.js';

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
 * shown from `html`, with MTurk's preview parameters (`turk`) when a worker previews it.
 */
export function filledTemplate(
  template: Template,
  data: Record<string, string>,
  frameUrl: string | null,
  turk?: TurkParams,
): Preview['template'] {
  if (template.kind === 'form') return fillFormTemplate(template, data);
  const html = fillHtmlTemplate(template.html, data);
  return { kind: 'html', html: turk ? withTurkParams(html, turk) : html, frameUrl };
}

/**
 * The filled HTML a task's frame shows: only an HTML template has one. A worker's own frame
 * gets MTurk's parameters (`turk`) in an ExternalQuestion's address.
 */
export function frameHtml(
  template: Template,
  data: Record<string, string>,
  turk?: TurkParams,
): string {
  if (template.kind !== 'html') {
    throw new ConflictError(
      'not_html',
      'This project uses a form template; only HTML templates are served in a frame.',
    );
  }
  const html = fillHtmlTemplate(template.html, data);
  return turk ? withTurkParams(html, turk) : html;
}

/**
 * Requester HTML runs only in a sandbox: an opaque origin (no allow-same-origin) even when the
 * frame's URL is opened directly, so it can never read the app's cookies or call its API.
 */
export const TASK_FRAME_CSP = "sandbox allow-scripts allow-forms; frame-ancestors 'self'";

/** A task's frame; an assignment's frame also lets MTurk forms inside it submit (`turk`). */
export function sendTaskFrame(reply: FastifyReply, html: string, turk?: TurkParams) {
  const submit =
    turk?.turkSubmitTo === undefined
      ? undefined
      : { assignmentId: turk.assignmentId, turkSubmitTo: turk.turkSubmitTo };
  return sendSandboxedDocument(reply, frameDocument(html, submit));
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
