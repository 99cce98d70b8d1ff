import type { FastifyReply } from 'fastify';

/**
 * Requester HTML runs only in a sandbox: an opaque origin (no allow-same-origin) even when the
 * frame's URL is opened directly, so it can never read the app's cookies or call its API.
 */
export const TASK_FRAME_CSP = "sandbox allow-scripts allow-forms; frame-ancestors 'self'";

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
    event.preventDefault();
    send(event.target);
  }, true);
  window.addEventListener('message', function (event) {
    if (event.source !== parent || !event.data || event.data.type !== 'tessera:request-submit') return;
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

export function sendTaskFrame(reply: FastifyReply, html: string) {
  return reply
    .header('content-security-policy', TASK_FRAME_CSP)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(frameDocument(html));
}
