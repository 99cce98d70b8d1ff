/**
 * The MTurk loop of issue #15 in Chromium: a requester's script (the real @aws-sdk/client-mturk)
 * creates HITs with an HTMLQuestion, an ExternalQuestion and a QuestionForm; a worker does each
 * in the web app, inside the sandboxed task frame, and the first two submit through MTurk's
 * externalSubmit; the script reads the answer XML, approves, rejects and pays a bonus, and its
 * balance matches the ledger.
 *
 * MTurk requires an https ExternalURL, and so does Tessera: the external page is served here over
 * https with a certificate made for this run, which the worker's browser context is told to
 * accept (`ignoreHTTPSErrors`), so the server's rule stays as it is in production.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApproveAssignmentCommand,
  CreateHITCommand,
  GetAccountBalanceCommand,
  GetHITCommand,
  ListBonusPaymentsCommand,
  RejectAssignmentCommand,
  SendBonusCommand,
  ListAssignmentsForHITCommand,
  MTurkClient,
  type HIT,
} from '@aws-sdk/client-mturk';
import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { expect, test } from './test.js';
import { BASE_URL, E2E_PORT } from './env.js';
import { csrfHeader, newAccount, ok, photograph } from './helpers.js';

const EXTERNAL_PORT = E2E_PORT + 10;
const EXTERNAL_URL = `https://127.0.0.1:${EXTERNAL_PORT}/survey`;
const SCHEMAS = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas';

/** A requester's external page as MTurk's examples write one: it reads MTurk's parameters. */
const EXTERNAL_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Survey</title></head><body>
<h1>Animal survey</h1><p id="state">Loading…</p>
<form id="answers" method="post">
  <input type="hidden" name="assignmentId" id="assignmentId">
  <label>Favourite animal <input name="animal" required></label>
  <button type="submit">Send answers</button>
</form>
<script>
  var params = new URLSearchParams(location.search);
  var id = params.get('assignmentId');
  document.getElementById('assignmentId').value = id;
  document.getElementById('answers').action = params.get('turkSubmitTo') + '/mturk/externalSubmit';
  document.getElementById('state').textContent = id === 'ASSIGNMENT_ID_NOT_AVAILABLE'
    ? 'Preview: accept the HIT to start.'
    : 'Assignment ' + id + ' of HIT ' + params.get('hitId') + ' for worker ' + params.get('workerId');
</script></body></html>`;

const HTML_QUESTION = `<HTMLQuestion xmlns="${SCHEMAS}/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<!DOCTYPE html><html><body>
<form name="mturk_form" method="post" id="mturk_form" action="https://www.mturk.com/mturk/externalSubmit">
  <input type="hidden" value="" name="assignmentId" id="assignmentId">
  <p>Type a word that rhymes with “cat”.</p>
  <label>Rhyme <input name="rhyme" required></label>
  <input type="submit" value="Submit HIT">
</form></body></html>]]></HTMLContent><FrameHeight>400</FrameHeight></HTMLQuestion>`;

const EXTERNAL_QUESTION = `<ExternalQuestion xmlns="${SCHEMAS}/2006-07-14/ExternalQuestion.xsd"><ExternalURL>${EXTERNAL_URL}</ExternalURL><FrameHeight>420</FrameHeight></ExternalQuestion>`;

const QUESTION_FORM = `<QuestionForm xmlns="${SCHEMAS}/2017-11-06/QuestionForm.xsd">
  <Overview><Title>Weather check</Title><Text>Two quick questions about today's weather.</Text></Overview>
  <Question><QuestionIdentifier>sky</QuestionIdentifier><IsRequired>true</IsRequired>
    <QuestionContent><Text>What is the sky like?</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion><Selections>
      <Selection><SelectionIdentifier>clear</SelectionIdentifier><Text>Clear</Text></Selection>
      <Selection><SelectionIdentifier>cloudy</SelectionIdentifier><Text>Cloudy</Text></Selection>
    </Selections></SelectionAnswer></AnswerSpecification></Question>
  <Question><QuestionIdentifier>temperature</QuestionIdentifier>
    <QuestionContent><Text>Temperature outside, in °C</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer><Constraints><IsNumeric minValue="-60" maxValue="60"/></Constraints></FreeTextAnswer></AnswerSpecification></Question>
</QuestionForm>`;

let external: Server;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-mturk-loop-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  external = createServer(
    { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(EXTERNAL_PAGE);
    },
  );
  await new Promise<void>((resolve) => external.listen(EXTERNAL_PORT, '127.0.0.1', resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => external.close(resolve));
});

/** A requester with money and an access key (made through the API, as the web app makes it). */
async function requesterScript(request: APIRequestContext) {
  await ok(
    await request.post('/api/v1/auth/signup', {
      data: { ...newAccount('mturk-requester'), roles: ['requester'] },
    }),
    201,
  );
  const headers = await csrfHeader(request);
  await ok(
    await request.post('/api/v1/me/deposits', { data: { amountCents: 2_000 }, headers }),
    201,
  );
  const key = await ok<{ accessKeyId: string; secretAccessKey: string }>(
    await request.post('/api/v1/me/access-keys', { data: { name: 'loop' }, headers }),
    201,
  );
  return new MTurkClient({
    endpoint: `${BASE_URL}/mturk`,
    region: 'us-east-1',
    credentials: key,
    maxAttempts: 1,
  });
}

async function createHit(mturk: MTurkClient, title: string, question: string): Promise<HIT> {
  const { HIT: hit } = await mturk.send(
    new CreateHITCommand({
      Title: title,
      Description: `${title}, in a minute`,
      Reward: '0.50',
      MaxAssignments: 1,
      LifetimeInSeconds: 3_600,
      AssignmentDurationInSeconds: 600,
      Question: question,
    }),
  );
  expect(hit?.HITId).toBeTruthy();
  return hit!;
}

async function workerPage(browser: Browser): Promise<Page> {
  // The external page's certificate was made for this run (see the note at the top).
  const context = await browser.newContext({ baseURL: BASE_URL, ignoreHTTPSErrors: true });
  await ok(
    await context.request.post('/api/v1/auth/signup', {
      data: { ...newAccount('mturk-worker'), roles: ['worker'] },
    }),
    201,
  );
  return context.newPage();
}

/** Opens the HIT's project, checks its preview, accepts; the task frame of the assignment. */
async function accept(page: Page, hit: HIT, checkPreview: (page: Page) => Promise<void>) {
  await page.goto(`/work/projects/${hit.HITGroupId}`);
  await checkPreview(page);
  await page.getByRole('button', { name: 'Accept and start' }).click();
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1)!;
}

async function onlyAnswer(mturk: MTurkClient, hit: HIT) {
  const listed = await mturk.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId }));
  expect(listed.NumResults).toBe(1);
  return listed.Assignments![0]!;
}

test('HITs made with the AWS SDK are done in Chromium and come back as MTurk answer XML', async ({
  request,
  browser,
}) => {
  // Three HITs done one after the other in one browser: longer than one ordinary journey.
  test.setTimeout(240_000);
  const mturk = await requesterScript(request);
  const suffix = Date.now().toString(36);
  const externalHit = await createHit(mturk, `Animal survey ${suffix}`, EXTERNAL_QUESTION);
  const htmlHit = await createHit(mturk, `Rhymes ${suffix}`, HTML_QUESTION);
  const formHit = await createHit(mturk, `Weather ${suffix}`, QUESTION_FORM);
  const page = await workerPage(browser);

  // ExternalQuestion (its preview's ASSIGNMENT_ID_NOT_AVAILABLE address is checked in
  // src/server/modules/mturk/mturk-questions.test.ts) …
  const externalTitle = externalHit.Title!;
  const externalId = await accept(page, externalHit, async (preview) => {
    await expect(preview.getByRole('heading', { name: externalTitle })).toBeVisible();
  });
  // … the assignment frames it with MTurk's parameters; its own form posts to turkSubmitTo.
  const externalFrame = page
    .frameLocator(`iframe[title="Task: ${externalTitle}"]`)
    .frameLocator('iframe[title="Task"]');
  await expect(
    externalFrame.getByText(`Assignment ${externalId} of HIT ${externalHit.HITId}`),
  ).toBeVisible();
  await externalFrame.getByRole('textbox', { name: 'Favourite animal' }).fill('otter');
  if (process.env.SCREENSHOTS) await photograph(page, 'mturk-external-question');
  await externalFrame.getByRole('button', { name: 'Send answers' }).click();
  // The submit page tells the work page, which shows the assignment as it now stands.
  await expect(page.getByRole('heading', { name: 'Your answers' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'otter' })).toBeVisible();
  const externalAssignment = await onlyAnswer(mturk, externalHit);
  expect(externalAssignment).toMatchObject({
    AssignmentId: externalId,
    AssignmentStatus: 'Submitted',
  });
  expect(externalAssignment.Answer).toContain(
    '<Answer><QuestionIdentifier>animal</QuestionIdentifier><FreeText>otter</FreeText></Answer>',
  );
  expect(externalAssignment.Answer).not.toContain('assignmentId');

  // HTMLQuestion: its form names MTurk's host; the frame's bridge sends it to this assignment.
  const htmlTitle = htmlHit.Title!;
  const htmlId = await accept(page, htmlHit, async (preview) => {
    await expect(
      preview.frameLocator(`iframe[title="Preview of ${htmlTitle}"]`).getByText(/rhymes with/),
    ).toBeVisible();
  });
  const htmlFrame = page.frameLocator(`iframe[title="Task: ${htmlTitle}"]`);
  await htmlFrame.getByRole('textbox', { name: 'Rhyme' }).fill('hat');
  await htmlFrame.getByRole('button', { name: 'Submit HIT' }).click();
  await expect(page.getByRole('cell', { name: 'hat' })).toBeVisible();
  const htmlAssignment = await onlyAnswer(mturk, htmlHit);
  expect(htmlAssignment.AssignmentId).toBe(htmlId);
  expect(htmlAssignment.Answer).toContain(
    '<Answer><QuestionIdentifier>rhyme</QuestionIdentifier><FreeText>hat</FreeText></Answer>',
  );

  // QuestionForm: an ordinary form on the work page; choices come back as SelectionIdentifiers.
  await accept(page, formHit, async (preview) => {
    await expect(preview.getByRole('radio', { name: 'Cloudy' })).toBeVisible();
  });
  await expect(page.getByRole('heading', { name: 'Weather check' })).toBeVisible();
  await page.getByRole('radio', { name: 'Cloudy' }).check();
  await page.getByRole('textbox', { name: /Temperature outside/ }).fill('12');
  if (process.env.SCREENSHOTS) await photograph(page, 'mturk-question-form');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('heading', { name: 'Task submitted' })).toBeVisible();
  const formAssignment = await onlyAnswer(mturk, formHit);
  expect(formAssignment.Answer).toContain(
    '<Answer><QuestionIdentifier>sky</QuestionIdentifier><SelectionIdentifier>cloudy</SelectionIdentifier></Answer>',
  );
  expect(formAssignment.Answer).toContain(
    '<Answer><QuestionIdentifier>temperature</QuestionIdentifier><FreeText>12</FreeText></Answer>',
  );

  // The script approves two, rejects one (MTurk's rule: the slot stays used, its reward returns)
  // and tips a worker; its balance is the ledger's.
  for (const assignment of [externalAssignment, htmlAssignment]) {
    await mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignment.AssignmentId }));
  }
  await mturk.send(
    new RejectAssignmentCommand({
      AssignmentId: formAssignment.AssignmentId,
      RequesterFeedback: 'The temperature was not read from a thermometer.',
    }),
  );
  await mturk.send(
    new SendBonusCommand({
      WorkerId: externalAssignment.WorkerId,
      AssignmentId: externalAssignment.AssignmentId,
      BonusAmount: '0.25',
      Reason: 'A thoughtful answer',
      UniqueRequestToken: `loop-bonus-${suffix}`,
    }),
  );
  const { BonusPayments } = await mturk.send(
    new ListBonusPaymentsCommand({ AssignmentId: externalAssignment.AssignmentId }),
  );
  expect(BonusPayments?.map((b) => [b.WorkerId, b.BonusAmount])).toEqual([
    [externalAssignment.WorkerId, '0.25'],
  ]);
  const rejectedHit = await mturk.send(new GetHITCommand({ HITId: formHit.HITId }));
  expect(rejectedHit.HIT?.NumberOfAssignmentsAvailable).toBe(0);
  const balance = await ok<{ availableCents: number; escrowCents: number }>(
    await request.get('/api/v1/me/balance'),
    200,
  );
  const { AvailableBalance } = await mturk.send(new GetAccountBalanceCommand({}));
  expect(AvailableBalance).toBe((balance.availableCents / 100).toFixed(2));
  expect(balance.escrowCents).toBe(0);
  // Two rewards and the bonus paid out of the deposit; the rejected reward came back (the test
  // server charges no platform fee).
  expect(balance.availableCents).toBe(2_000 - 2 * 50 - 25);
  await page.context().close();
});
