import { escapeHtml } from '../../../shared/html.js';

/**
 * The few pages the authorization server itself renders (device-code entry and confirmation,
 * success, errors). They follow the web app's look, carry no script (the app's CSP forbids inline
 * scripts) and post only to this origin.
 */

const STYLE = `
  :root { color-scheme: light dark; }
  body { margin: 0; min-height: 100vh; display: grid; place-items: center;
    font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
    background: #f8f9fa; color: #212529; }
  main { width: min(420px, calc(100vw - 32px)); background: #fff; border: 1px solid #dee2e6;
    border-radius: 8px; padding: 32px; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
  .brand { font-weight: 700; color: #0c6b88; letter-spacing: .02em; margin: 0 0 16px; }
  h1 { font-size: 1.35rem; margin: 0 0 8px; }
  p { line-height: 1.5; color: #495057; }
  .error { color: #c92a2a; }
  label { display: block; font-weight: 600; margin: 16px 0 6px; }
  input[type=text] { box-sizing: border-box; width: 100%; font-size: 1.25rem; padding: 10px 12px;
    border: 1px solid #ced4da; border-radius: 4px; text-transform: uppercase; letter-spacing: .15em;
    text-align: center; }
  .code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 1.6rem;
    letter-spacing: .15em; text-align: center; padding: 12px; background: #f1f3f5; border-radius: 4px; }
  .actions { display: flex; gap: 12px; margin-top: 20px; }
  button { flex: 1; font: inherit; font-weight: 600; padding: 10px 16px; border-radius: 4px;
    cursor: pointer; border: 1px solid #1a7898; background: #1a7898; color: #fff; }
  button.secondary { background: transparent; color: #0c6b88; }
  @media (prefers-color-scheme: dark) {
    body { background: #1a1b1e; color: #c1c2c5; }
    main { background: #25262b; border-color: #373a40; }
    p { color: #a6a7ab; }
    .code { background: #2c2e33; }
    input[type=text] { background: #1a1b1e; color: #c1c2c5; border-color: #373a40; }
    .brand, button.secondary { color: #a6cfdd; }
    button.secondary { border-color: #a6cfdd; }
  }
`;

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Tessera</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">Tessera</p>
${body}
</main>
</body>
</html>`;
}

type DeviceForm = { action: string; xsrf: string };

function hiddenFields(form: DeviceForm, fields: Record<string, string>) {
  return [
    `<input type="hidden" name="xsrf" value="${escapeHtml(form.xsrf)}">`,
    ...Object.entries(fields).map(
      ([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`,
    ),
  ].join('\n');
}

export function deviceCodeInputPage(form: DeviceForm, problem: string | undefined): string {
  return layout(
    'Connect a device',
    `<h1>Connect a device</h1>
<p${problem ? ' class="error" role="alert"' : ''}>${escapeHtml(
      problem ?? 'Enter the code shown on your device or in your terminal.',
    )}</p>
<form method="post" action="${escapeHtml(form.action)}">
${hiddenFields(form, {})}
<label for="user_code">Code</label>
<input id="user_code" type="text" name="user_code" autocomplete="off" autofocus required placeholder="XXXX-XXXX">
<div class="actions"><button type="submit">Continue</button></div>
</form>`,
  );
}

export function deviceCodeConfirmPage(form: DeviceForm, clientName: string, userCode: string) {
  return layout(
    'Confirm the device',
    `<h1>Is this your device?</h1>
<p><strong>${escapeHtml(clientName)}</strong> wants to connect to your Tessera account. Continue only
if your device shows this code:</p>
<p class="code">${escapeHtml(userCode)}</p>
<form method="post" action="${escapeHtml(form.action)}">
${hiddenFields(form, { user_code: userCode })}
<div class="actions">
<button type="submit" name="abort" value="yes" class="secondary">Cancel</button>
<button type="submit" name="confirm" value="yes">Continue</button>
</div>
</form>`,
  );
}

export function deviceSuccessPage(clientName: string): string {
  return layout(
    'Device connected',
    `<h1>All set</h1>
<p><strong>${escapeHtml(clientName)}</strong> is now connected. You can close this page and return
to your device.</p>`,
  );
}

export function errorPage(error: string, description: string | undefined): string {
  return layout(
    'Sign-in failed',
    `<h1>This sign-in request cannot continue</h1>
<p class="error" role="alert">${escapeHtml(description ?? error)}</p>
<p>Return to the app you came from and try again. (Error: <code>${escapeHtml(error)}</code>)</p>`,
  );
}
