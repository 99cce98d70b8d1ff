/**
 * The document a requester's HTML task runs in, inside a sandboxed frame (DESIGN §6). Shared by
 * the server, which serves a worker's task frame, and the web app, whose previews load the same
 * document into the preview frame so that a preview behaves exactly like the task.
 */

/**
 * Carries the task's answers out of the sandbox: a form submit inside the frame, or a request
 * from the page around it, becomes one postMessage to the parent. The page checks that the
 * message came from its own frame; the server checks the answers against the assignment.
 */
const BRIDGE = `<script>
(function () {
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
    event.preventDefault();
    send(event.target);
  }, true);
  window.addEventListener('message', function (event) {
    if (event.source !== parent || !event.data || event.data.type !== 'tessera:request-submit') return;
    var crowdForm = document.querySelector('crowd-form');
    if (crowdForm && typeof crowdForm.submit === 'function') return crowdForm.submit();
    var form = document.querySelector('form');
    if (form && form.reportValidity && !form.reportValidity()) return;
    send(form);
  });
})();
</script>`;

/** The filled HTML as a whole document, with the answer bridge added at the end of its body. */
export function frameDocument(html: string): string {
  const document = /<html[\s>]/i.test(html)
    ? html
    : `<!doctype html>\n<html><head><meta charset="utf-8"></head><body>\n${html}\n</body></html>\n`;
  const closing = document.search(/<\/body\s*>/i);
  return closing === -1
    ? `${document}\n${BRIDGE}\n`
    : `${document.slice(0, closing)}${BRIDGE}\n${document.slice(closing)}`;
}

/**
 * Previews of an HTML task post its document here, into a named frame: the server answers with
 * the document under the task frame's sandbox policy, so the template's scripts run as in the
 * task. (A `srcdoc` frame would inherit the app's own CSP, which blocks inline scripts.)
 */
export const PREVIEW_FRAME_PATH = '/frames/preview';
/** The form fields of that post. */
export const PREVIEW_FIELDS = { document: 'document', csrf: 'csrf' } as const;
