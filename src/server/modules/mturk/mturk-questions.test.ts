import {
  CreateHITCommand,
  ListAssignmentsForHITCommand,
  MTurkServiceException,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { createAccessKey, listenForMturk, mturkClient } from '../../../../test/helpers/mturk.js';
import { deposit, signUpRequester } from '../../../../test/helpers/projects.js';

const ctx = await createTestApp({ env: { PUBLIC_URL: 'https://tessera.test' } });
const { app, clock } = ctx;
const endpoint = await listenForMturk(app, 24410);

const SCHEMAS = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas';
const EXTERNAL = `<ExternalQuestion xmlns="${SCHEMAS}/2006-07-14/ExternalQuestion.xsd"><ExternalURL>https://survey.example.org/task?lang=en</ExternalURL><FrameHeight>640</FrameHeight></ExternalQuestion>`;
const QUESTION_FORM = `<QuestionForm xmlns="${SCHEMAS}/2017-11-06/QuestionForm.xsd">
  <Overview><Title>Colours</Title><Text>Answer two questions.</Text></Overview>
  <Question><QuestionIdentifier>favourite</QuestionIdentifier><IsRequired>true</IsRequired>
    <QuestionContent><Text>Your favourite colour?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection>
      <Selection><SelectionIdentifier>blue</SelectionIdentifier><Text>Blue</Text></Selection>
    </Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>why</QuestionIdentifier>
    <QuestionContent><Text>Why?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><Length maxLength="200"/></Constraints></FreeTextAnswer></AnswerSpecification></Question>
</QuestionForm>`;

async function requesterWithHit(question: string, maxAssignments = 2) {
  const requester = await signUpRequester(app);
  await deposit(requester.client, 10_00);
  const mturk = mturkClient(endpoint, await createAccessKey(requester.client));
  const { HIT } = await mturk.send(
    new CreateHITCommand({
      Title: 'Colours',
      Description: 'Tell us about colours',
      Reward: '0.40',
      MaxAssignments: maxAssignments,
      LifetimeInSeconds: 3_600,
      AssignmentDurationInSeconds: 600,
      Question: question,
    }),
  );
  return { ...requester, mturk, hit: HIT! };
}

async function workerAccepts(projectId: string) {
  const worker = await signUp(app, { roles: ['worker'] });
  const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
  expect(accepted.statusCode).toBe(201);
  return { worker, assignmentId: accepted.json<{ id: string }>().id };
}

/** The frame's ExternalQuestion address and its MTurk parameters. */
async function externalFrame(client: Client, assignmentId: string) {
  const frame = await client.get(`/api/v1/assignments/${assignmentId}/frame`);
  expect(frame.statusCode).toBe(200);
  expect(frame.headers['content-security-policy']).toMatch(/^sandbox allow-scripts allow-forms/);
  const src = /<iframe data-tessera-external-question src="([^"]*)"/.exec(frame.body)?.[1];
  expect(src).toBeDefined();
  return { url: new URL(src!.replaceAll('&amp;', '&')), body: frame.body };
}

/** The path of an assignment's turkSubmitTo address, as the server gave it in the frame. */
async function submitPathOf(client: Client, assignmentId: string) {
  const { url } = await externalFrame(client, assignmentId);
  const turkSubmitTo = new URL(url.searchParams.get('turkSubmitTo')!);
  expect(turkSubmitTo.origin).toBe('https://tessera.test');
  return `${turkSubmitTo.pathname}/mturk/externalSubmit`;
}

/** A plain HTML form's post, from a page on another site inside the task frame (no cookie). */
function postForm(url: string, fields: [string, string][], headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

async function answersOf(mturk: ReturnType<typeof mturkClient>, hitId: string) {
  const listed = await mturk.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
  return listed.Assignments ?? [];
}

describe('ExternalQuestion on the work page', () => {
  it("frames the requester's page with MTurk's parameters, and only a preview's before accepting", async () => {
    const { hit } = await requesterWithHit(EXTERNAL);
    const viewer = await signUp(app, { roles: ['worker'] });
    const preview = await viewer.client.get(`/api/v1/feed/${hit.HITGroupId}`);
    expect(preview.statusCode).toBe(200);
    const previewHtml = preview.json<{ preview: { html: string } }>().preview.html;
    expect(previewHtml).toContain(
      `src="https://survey.example.org/task?lang=en&amp;assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE&amp;hitId=${hit.HITId}"`,
    );
    expect(previewHtml).not.toContain('turkSubmitTo');

    const { worker, assignmentId } = await workerAccepts(hit.HITGroupId!);
    const { url, body } = await externalFrame(worker.client, assignmentId);
    expect(url.origin + url.pathname).toBe('https://survey.example.org/task');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      lang: 'en',
      assignmentId,
      hitId: hit.HITId,
      workerId: worker.user.id,
    });
    expect(url.searchParams.get('turkSubmitTo')).toMatch(
      /^https:\/\/tessera\.test\/s\/[\w-]+\.[\w-]{43}$/,
    );
    expect(body).toContain('height:640px');
    // The bridge knows where the assignment's MTurk forms post.
    expect(body).toContain(`"assignmentId":"${assignmentId}"`);
  });
});

describe('externalSubmit', () => {
  it('submits through the per-assignment address without a cookie; the answer XML has the fields', async () => {
    const { mturk, hit } = await requesterWithHit(EXTERNAL);
    const { worker, assignmentId } = await workerAccepts(hit.HITGroupId!);
    const path = await submitPathOf(worker.client, assignmentId);
    const res = await postForm(path, [
      ['assignmentId', assignmentId],
      ['colour', 'green & <teal>'],
      ['tags', 'a'],
      ['tags', 'b'],
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toMatch(/^sandbox allow-scripts;/);
    expect(res.body).toContain("parent.postMessage({ type: 'tessera:submitted' }, '*')");
    const [assignment] = await answersOf(mturk, hit.HITId!);
    expect(assignment).toMatchObject({ AssignmentId: assignmentId, AssignmentStatus: 'Submitted' });
    expect(assignment!.Answer).toContain(
      '<Answer><QuestionIdentifier>colour</QuestionIdentifier><FreeText>green &amp; &lt;teal&gt;</FreeText></Answer>',
    );
    expect(assignment!.Answer).toContain(
      '<Answer><QuestionIdentifier>tags</QuestionIdentifier><FreeText>a|b</FreeText></Answer>',
    );
    expect(assignment!.Answer).not.toContain('assignmentId');

    // The same post again (a replay, or a double click): refused, and nothing changes.
    const replay = await postForm(path, [
      ['assignmentId', assignmentId],
      ['colour', 'something else'],
    ]);
    expect(replay.statusCode).toBe(409);
    expect(replay.body).toContain('already submitted');
    expect(replay.body).not.toContain('postMessage');
    const [after] = await answersOf(mturk, hit.HITId!);
    expect(after!.Answer).toBe(assignment!.Answer);
  });

  it('refuses a foreign or wrong assignmentId, a forged address, and a form that names none', async () => {
    const { mturk, hit } = await requesterWithHit(EXTERNAL);
    const first = await workerAccepts(hit.HITGroupId!);
    const second = await workerAccepts(hit.HITGroupId!);
    const firstPath = await submitPathOf(first.worker.client, first.assignmentId);

    const foreign = await postForm(firstPath, [
      ['assignmentId', second.assignmentId],
      ['x', '1'],
    ]);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.body).toContain('not the assignment this submit address belongs to');

    const missing = await postForm(firstPath, [['x', '1']]);
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('no assignmentId');

    const forged = firstPath.replace(/\.[\w-]{43}\//, `.${'A'.repeat(43)}/`);
    const bad = await postForm(forged, [
      ['assignmentId', first.assignmentId],
      ['x', '1'],
    ]);
    expect(bad.statusCode).toBe(404);
    expect(bad.body).toContain('not valid');

    const json = await app.inject({
      method: 'POST',
      url: firstPath,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ assignmentId: first.assignmentId }),
    });
    expect(json.statusCode).toBe(415);

    expect(await answersOf(mturk, hit.HITId!)).toEqual([]);
  });

  it('refuses an expired assignment and changes nothing', async () => {
    const { mturk, hit } = await requesterWithHit(EXTERNAL);
    const { worker, assignmentId } = await workerAccepts(hit.HITGroupId!);
    const path = await submitPathOf(worker.client, assignmentId);
    clock.advance(601_000);
    const res = await postForm(path, [
      ['assignmentId', assignmentId],
      ['x', 'late'],
    ]);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('expired');
    expect(await answersOf(mturk, hit.HITId!)).toEqual([]);
    const mine = await worker.client.get(`/api/v1/assignments/${assignmentId}`);
    expect(mine.json<{ status: string; answers: unknown }>()).toMatchObject({
      status: 'expired',
      answers: null,
    });
  });

  it("accepts the worker's own session at /mturk/externalSubmit, and nobody else's post", async () => {
    const { mturk, hit } = await requesterWithHit(EXTERNAL);
    const { worker, assignmentId } = await workerAccepts(hit.HITGroupId!);
    const other = await signUp(app, { roles: ['worker'] });
    const form = new URLSearchParams([
      ['assignmentId', assignmentId],
      ['colour', 'blue'],
    ]).toString();
    const formType = { 'content-type': 'application/x-www-form-urlencoded' };

    // No session: a cross-site post carries no SameSite=Lax cookie, so it is refused.
    const anonymous = await postForm('/mturk/externalSubmit', [['assignmentId', assignmentId]]);
    expect(anonymous.statusCode).toBe(403);
    // The session, but posted from another site's page.
    const crossSite = await worker.client.post('/mturk/externalSubmit', form, {
      ...formType,
      origin: 'https://evil.example',
    });
    expect(crossSite.statusCode).toBe(403);
    // Another worker's session cannot submit this assignment.
    const notTheirs = await other.client.post('/mturk/externalSubmit', form, formType);
    expect(notTheirs.statusCode).toBe(404);
    expect(await answersOf(mturk, hit.HITId!)).toEqual([]);

    const own = await worker.client.post('/mturk/externalSubmit', form, {
      ...formType,
      origin: 'https://tessera.test',
    });
    expect(own.statusCode).toBe(200);
    const [assignment] = await answersOf(mturk, hit.HITId!);
    expect(assignment!.Answer).toContain(
      '<Answer><QuestionIdentifier>colour</QuestionIdentifier><FreeText>blue</FreeText></Answer>',
    );
  });
});

describe('QuestionForm', () => {
  it('is a form project for workers; its answers come back with SelectionIdentifiers', async () => {
    const { mturk, hit } = await requesterWithHit(QUESTION_FORM);
    const { worker, assignmentId } = await workerAccepts(hit.HITGroupId!);
    const detail = await worker.client.get(`/api/v1/assignments/${assignmentId}`);
    const template = detail.json<{
      template: { kind: string; items: { type: string; name: string }[] };
    }>().template;
    expect(template.kind).toBe('form');
    expect(template.items.map((item) => [item.type, item.name])).toEqual([
      ['instructions', 'content_1'],
      ['single_choice', 'favourite'],
      ['text', 'why'],
    ]);
    // The form's own rules hold: an answer that is not one of the selections is refused.
    const wrong = await worker.client.post(`/api/v1/assignments/${assignmentId}/submit`, {
      answers: { favourite: 'green', why: 'x' },
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await worker.client.post(`/api/v1/assignments/${assignmentId}/submit`, {
      answers: { favourite: 'blue', why: 'calm' },
    });
    expect(ok.statusCode).toBe(200);
    const [assignment] = await answersOf(mturk, hit.HITId!);
    expect(assignment!.Answer).toContain(
      '<Answer><QuestionIdentifier>favourite</QuestionIdentifier><SelectionIdentifier>blue</SelectionIdentifier></Answer>',
    );
    expect(assignment!.Answer).toContain(
      '<Answer><QuestionIdentifier>why</QuestionIdentifier><FreeText>calm</FreeText></Answer>',
    );
  });

  it('refuses what it cannot show as a RequestError, creating nothing', async () => {
    const requester = await signUpRequester(app);
    await deposit(requester.client, 10_00);
    const mturk = mturkClient(endpoint, await createAccessKey(requester.client));
    const upload = QUESTION_FORM.replace(
      /<FreeTextAnswer>.*<\/FreeTextAnswer>/,
      '<FileUploadAnswer><MaxFileSizeInBytes>100</MaxFileSizeInBytes><MinFileSizeInBytes>1</MinFileSizeInBytes></FileUploadAnswer>',
    );
    const error = await mturk
      .send(
        new CreateHITCommand({
          Title: 'Upload',
          Description: 'Upload a file',
          Reward: '0.10',
          MaxAssignments: 1,
          LifetimeInSeconds: 600,
          AssignmentDurationInSeconds: 60,
          Question: upload,
        }),
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(MTurkServiceException);
    expect((error as Error).name).toBe('RequestError');
    expect((error as Error).message).toMatch(/FileUploadAnswer/);
    const projects = await requester.client.get('/api/v1/projects');
    expect(projects.json<{ items: unknown[] }>().items).toEqual([]);
  });
});
