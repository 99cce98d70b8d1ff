/**
 * The document a requester's HTML task runs in, inside a sandboxed frame (DESIGN §6). Shared by
 * the server, which serves a worker's task frame, and the web app, whose previews load the same
 * document into the preview frame so that a preview behaves exactly like the task.
 */

/** Posted to the work page once a task page has submitted its assignment itself (externalSubmit). */
export const SUBMITTED_MESSAGE = 'tessera:submitted';

/** Where an assignment's MTurk forms submit: its id and its `turkSubmitTo` address. */
export type FrameSubmitTarget = { assignmentId: string; turkSubmitTo: string };

/**
 * Carries the task's answers out of the sandbox: a form submit inside the frame, or a request
 * from the page around it, becomes one postMessage to the parent. The page checks that the
 * message came from its own frame; the server checks the answers against the assignment.
 *
 * In a worker's assignment (`TURK` set), a form that posts to MTurk's externalSubmit (or to
 * `/mturk/externalSubmit` of its own `turkSubmitTo`) is pointed at the assignment's submit
 * address and left to post itself, as on MTurk, even when a script calls `form.submit()`; the
 * page it gets back tells the work page, through this bridge when it runs in a nested frame.
 */
const bridge = (target: FrameSubmitTarget | undefined) => `<script>
(function () {
  var TURK = ${JSON.stringify(target ?? null).replace(/</g, '\\u003c')};
  var MTURK_ACTION = /^https:\\/\\/(www|workersandbox)\\.mturk\\.com\\/mturk\\/externalSubmit\\/?$/;
  function isTurkForm(form) {
    if (!TURK || !(form instanceof HTMLFormElement)) return false;
    var action = form.getAttribute('action') || '';
    return MTURK_ACTION.test(action) || /\\/mturk\\/externalSubmit\\/?$/.test(action);
  }
  function pointAtTessera(form) {
    form.setAttribute('action', TURK.turkSubmitTo + '/mturk/externalSubmit');
    form.setAttribute('method', 'post');
    form.removeAttribute('target');
    var field = form.querySelector('input[name="assignmentId"]');
    if (!field) {
      field = document.createElement('input');
      field.type = 'hidden';
      field.name = 'assignmentId';
      form.appendChild(field);
    }
    field.value = TURK.assignmentId;
  }
  function pointTurkForms() {
    Array.prototype.forEach.call(document.forms, function (form) {
      if (isTurkForm(form)) pointAtTessera(form);
    });
  }
  function collect(form) {
    var answers = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value !== 'string') return;
      answers[name] = name in answers ? [].concat(answers[name], value) : value;
    });
    return answers;
  }
  function send(form) {
    parent.postMessage({ type: 'tessera:submit', answers: form ? collect(form) : {} }, '*');
  }
  document.addEventListener('submit', function (event) {
    // crowd-form fires a submit event of its own for the template's checks; it posts through a form.
    if (!(event.target instanceof HTMLFormElement)) return;
    if (isTurkForm(event.target)) {
      pointAtTessera(event.target);
      return;
    }
    event.preventDefault();
    send(event.target);
  }, true);
  if (TURK) {
    pointTurkForms();
    document.addEventListener('DOMContentLoaded', pointTurkForms);
  }
  window.addEventListener('message', function (event) {
    if (!event.data) return;
    if (event.source !== parent) {
      if (event.data.type === '${SUBMITTED_MESSAGE}') parent.postMessage({ type: '${SUBMITTED_MESSAGE}' }, '*');
      return;
    }
    if (event.data.type !== 'tessera:request-submit') return;
    var crowdForm = document.querySelector('crowd-form');
    if (crowdForm && typeof crowdForm.submit === 'function') return crowdForm.submit();
    var form = document.querySelector('form');
    if (form && form.reportValidity && !form.reportValidity()) return;
    if (form && isTurkForm(form)) {
      pointAtTessera(form);
      form.submit();
      return;
    }
    send(form);
  });
})();
</script>`;

/**
 * The filled HTML as a whole document, with the answer bridge added at the end of its body.
 * `submit` is given in a worker's own assignment only.
 */
export function frameDocument(html: string, submit?: FrameSubmitTarget): string {
  const document = /<html[\s>]/i.test(html)
    ? html
    : `<!doctype html>\n<html><head><meta charset="utf-8"></head><body>\n${html}\n</body></html>\n`;
  const closing = document.search(/<\/body\s*>/i);
  const script = bridge(submit);
  return closing === -1
    ? `${document}\n${script}\n`
    : `${document.slice(0, closing)}${script}\n${document.slice(closing)}`;
}

/**
 * Previews of an HTML task post its document here, into a named frame: the server answers with
 * the document under the task frame's sandbox policy, so the template's scripts run as in the
 * task. (A `srcdoc` frame would inherit the app's own CSP, which blocks inline scripts.)
 */
export const PREVIEW_FRAME_PATH = '/frames/preview';
/** The form fields of that post. */
export const PREVIEW_FIELDS = { document: 'document', csrf: 'csrf' } as const;
