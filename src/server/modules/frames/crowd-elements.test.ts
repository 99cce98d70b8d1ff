import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { publishedProject } from '../../../../test/helpers/work.js';
import { TASK_ANSWERS_LIMITS } from '../../../shared/templates/task-answers.js';

// A stand-in for the built bundle, so this suite does not depend on `npm run build`.
const bundleFile = join(mkdtempSync(join(tmpdir(), 'tessera-crowd-')), 'crowd-html-elements.js');
const BUNDLE = `(function(){window.crowdBundleLoaded=true;${' '.repeat(2000)}})();`;
writeFileSync(bundleFile, BUNDLE);

const { app } = await createTestApp({ deps: { crowdBundleFile: bundleFile } });

const TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form><crowd-classifier name="sentiment" categories="['Positive','Negative']" header="\${word}">
<classification-target>\${word}</classification-target></crowd-classifier></crowd-form>`;

async function acceptedCrowdTask() {
  const { projectId } = await publishedProject(app, {
    tasks: 1,
    project: { template: { kind: 'html', html: TEMPLATE } },
  });
  const worker = await signUp(app, { roles: ['worker'] });
  const assignment = (await worker.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
  return { client: worker.client, id: String(assignment.id) };
}

describe('the crowd-html-elements bundle', () => {
  it('replaces Amazon’s script in the task frame with Tessera’s, versioned by content', async () => {
    const { client, id } = await acceptedCrowdTask();
    const frame = await client.get(`/api/v1/assignments/${id}/frame`);
    expect(frame.statusCode).toBe(200);
    expect(frame.body).not.toContain('assets.crowd.aws');
    const src = /<script src="(\/crowd\/crowd-html-elements\.js\?v=[0-9a-f]{16})"><\/script>/.exec(
      frame.body,
    )?.[1];
    expect(src).toBeDefined();

    const versioned = await app.inject({ method: 'GET', url: src ?? '' });
    expect(versioned.statusCode).toBe(200);
    expect(versioned.body).toBe(BUNDLE);
    expect(versioned.headers['content-type']).toMatch(/^text\/javascript/);
    expect(versioned.headers['cache-control']).toContain('immutable');
    // Frames have an opaque origin: the app's same-origin resource policy would block the script.
    expect(versioned.headers['cross-origin-resource-policy']).toBe('cross-origin');
  });

  it('answers the stable path with an ETag, a 304 when unchanged, and gzip when asked', async () => {
    const first = await app.inject({ method: 'GET', url: '/crowd/crowd-html-elements.js' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).not.toContain('immutable');
    const etag = String(first.headers.etag);
    const again = await app.inject({
      method: 'GET',
      url: '/crowd/crowd-html-elements.js',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    const zipped = await app.inject({
      method: 'GET',
      url: '/crowd/crowd-html-elements.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(BUNDLE);
  });
});

describe('crowd-form answers', () => {
  it('stores taskAnswers as MTurk posts it: a JSON array holding one object', async () => {
    const { client, id } = await acceptedCrowdTask();
    const taskAnswers = JSON.stringify([{ sentiment: { label: 'Positive' } }]);
    const submitted = await client.post(`/api/v1/assignments/${id}/submit`, {
      answers: { taskAnswers },
    });
    expect(submitted.statusCode).toBe(200);
    expect((await client.get(`/api/v1/assignments/${id}`)).json().answers).toEqual({ taskAnswers });
  });

  it.each([
    ['not text', { label: 'Positive' }, 'must be a JSON text'],
    ['not JSON', '[{"sentiment":', 'must be valid JSON'],
    ['an object, not an array', '{"sentiment":{"label":"Positive"}}', 'array holding one object'],
    ['two objects', '[{},{}]', 'array holding one object'],
    ['an array of text', '["Positive"]', 'array holding one object'],
    ['nested too deep', `[${'{"a":'.repeat(20)}1${'}'.repeat(20)}]`, 'levels deep'],
    [
      'too long',
      JSON.stringify([{ text: 'x'.repeat(TASK_ANSWERS_LIMITS.length) }]),
      `at most ${TASK_ANSWERS_LIMITS.length} characters`,
    ],
  ])(
    'refuses taskAnswers that is %s with a 400 naming it, storing nothing',
    async (_, value, message) => {
      const { client, id } = await acceptedCrowdTask();
      const refused = await client.post(`/api/v1/assignments/${id}/submit`, {
        answers: { taskAnswers: value },
      });
      expect(refused.statusCode).toBe(400);
      expect(JSON.stringify(refused.json().error)).toContain('answers.taskAnswers');
      expect(refused.json().error.message).toContain(message);
      const assignment = (await client.get(`/api/v1/assignments/${id}`)).json();
      expect(assignment).toMatchObject({ status: 'accepted', answers: null });
    },
  );
});
