import { beforeAll, describe, expect, it } from 'vitest';
import { TASK_FRAME_CSP } from '../../lib/task-frame.js';
import { createTestApp, signUp, type TestContext } from '../../../../test/helpers/app.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PAGE =
  '<p id="s">before</p><script>document.getElementById("s").textContent = "ran"</script>';

function previewForm(csrf: string | undefined, document: string | null = PAGE) {
  const form = new URLSearchParams();
  if (document !== null) form.set('document', document);
  if (csrf !== undefined) form.set('csrf', csrf);
  return form.toString();
}

describe('POST /frames/preview', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });

  it('echoes a signed-in user’s document under the task frame’s sandbox policy', async () => {
    const { client } = await signUp(ctx.app, { roles: ['requester'] });
    const response = await client.post(
      '/frames/preview',
      previewForm(client.cookie('csrf_token')),
      FORM,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-security-policy']).toBe(TASK_FRAME_CSP);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toBe(PAGE);
  });

  it('shows nothing to a caller without a session, such as another site posting a form', async () => {
    const { client } = await signUp(ctx.app);
    const csrf = client.cookie('csrf_token');
    client.forgetCookies();
    const response = await client.post('/frames/preview', previewForm(csrf), FORM);
    expect(response.statusCode).toBe(401);
    expect(response.body).not.toContain('<script>');
  });

  it('refuses a post whose CSRF token does not match the cookie', async () => {
    const { client } = await signUp(ctx.app);
    for (const csrf of [undefined, 'not-the-token']) {
      const response = await client.post('/frames/preview', previewForm(csrf), FORM);
      expect(response.statusCode).toBe(403);
      expect(response.json<{ error: { code: string } }>().error.code).toBe('csrf_failed');
    }
  });

  it('answers 400 when the form has no document', async () => {
    const { client } = await signUp(ctx.app);
    const response = await client.post(
      '/frames/preview',
      previewForm(client.cookie('csrf_token'), null),
      FORM,
    );
    expect(response.statusCode).toBe(400);
  });
});
