import {
  ApproveAssignmentCommand,
  CreateHITCommand,
  GetAccountBalanceCommand,
  GetAssignmentCommand,
  ListAssignmentsForHITCommand,
  MTurkServiceException,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import { createAccessKey, listenForMturk, mturkClient } from '../../../../test/helpers/mturk.js';
import { deposit, signUpRequester } from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;
const endpoint = await listenForMturk(app, 22512);

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<form><input name="cat"><textarea name="note"></textarea></form>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;

async function requesterWithHit(maxAssignments = 2) {
  const requester = await signUpRequester(app);
  await deposit(requester.client, 10_00);
  const mturk = mturkClient(endpoint, await createAccessKey(requester.client));
  const { HIT } = await mturk.send(
    new CreateHITCommand({
      Title: 'Cat or not',
      Description: 'Say whether the photo shows a cat',
      Reward: '0.50',
      MaxAssignments: maxAssignments,
      LifetimeInSeconds: 3_600,
      AssignmentDurationInSeconds: 600,
      Question: QUESTION,
    }),
  );
  return { ...requester, mturk, hit: HIT! };
}

/** A worker takes the HIT's task in the web app and submits these answers. */
async function workerSubmits(projectId: string, answers: Record<string, string>) {
  const worker = await signUp(app, { roles: ['worker'] });
  const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
  expect(accepted.statusCode).toBe(201);
  const id = accepted.json<{ id: string }>().id;
  const submitted = await worker.client.post(`/api/v1/assignments/${id}/submit`, { answers });
  expect(submitted.statusCode).toBe(200);
  return { worker, assignmentId: id };
}

async function requestErrorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MTurkServiceException);
  const e = error as MTurkServiceException & { TurkErrorCode?: string };
  expect(e.name).toBe('RequestError');
  return { message: e.message, code: e.TurkErrorCode };
}

describe('assignments with the AWS SDK', () => {
  it("lists a HIT's submitted work with its answers as QuestionFormAnswers, and gets one", async () => {
    const { mturk, hit } = await requesterWithHit();
    const { worker, assignmentId } = await workerSubmits(hit.HITGroupId!, {
      cat: 'yes <definitely> & sure',
      note: 'tabby',
    });
    const listed = await mturk.send(new ListAssignmentsForHITCommand({ HITId: hit.HITId }));
    expect(listed.NumResults).toBe(1);
    const [assignment] = listed.Assignments!;
    expect(assignment).toMatchObject({
      AssignmentId: assignmentId,
      WorkerId: worker.user.id,
      HITId: hit.HITId,
      AssignmentStatus: 'Submitted',
    });
    expect(assignment!.SubmitTime).toBeInstanceOf(Date);
    expect(assignment!.Answer).toContain(
      '<Answer><QuestionIdentifier>cat</QuestionIdentifier><FreeText>yes &lt;definitely&gt; &amp; sure</FreeText></Answer>',
    );
    expect(assignment!.Answer).toContain(
      '<Answer><QuestionIdentifier>note</QuestionIdentifier><FreeText>tabby</FreeText></Answer>',
    );
    const got = await mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(got.Assignment).toEqual(assignment);
    expect(got.HIT).toMatchObject({ HITId: hit.HITId, NumberOfAssignmentsAvailable: 1 });
  });

  it('approves through the same ledger as the web app, once', async () => {
    const { mturk, hit, client } = await requesterWithHit(1);
    const { worker, assignmentId } = await workerSubmits(hit.HITGroupId!, { cat: 'no', note: '' });
    await mturk.send(
      new ApproveAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: 'Thanks!' }),
    );
    const got = await mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(got.Assignment).toMatchObject({
      AssignmentStatus: 'Approved',
      RequesterFeedback: 'Thanks!',
    });
    expect(got.Assignment!.ApprovalTime).toBeInstanceOf(Date);
    expect(got.HIT).toMatchObject({ HITStatus: 'Reviewable', NumberOfAssignmentsCompleted: 1 });
    const again = await requestErrorOf(
      mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId })),
    );
    expect(again.code).toBe('AWS.MechanicalTurk.InvalidAssignmentState');
    // $10.00 − $0.50 for the one assignment; the worker earned it.
    expect((await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe('9.50');
    expect((await client.get('/api/v1/me/balance')).json()).toMatchObject({ escrowCents: 0 });
    const earnings = (await worker.client.get('/api/v1/me/earnings')).json();
    expect(earnings.approvedCents).toBe(50);
    await expectLedgerConsistent(ctx.database.db);
  });

  it('filters by status, pages with NextToken, and keeps work in progress out', async () => {
    const { mturk, hit } = await requesterWithHit(3);
    const first = await workerSubmits(hit.HITGroupId!, { cat: 'a', note: '' });
    await workerSubmits(hit.HITGroupId!, { cat: 'b', note: '' });
    const inProgress = await signUp(app, { roles: ['worker'] });
    await inProgress.client.post(`/api/v1/projects/${hit.HITGroupId}/assignments`);
    await mturk.send(new ApproveAssignmentCommand({ AssignmentId: first.assignmentId }));

    const page1 = await mturk.send(
      new ListAssignmentsForHITCommand({ HITId: hit.HITId, MaxResults: 1 }),
    );
    expect(page1.NumResults).toBe(1);
    const page2 = await mturk.send(
      new ListAssignmentsForHITCommand({
        HITId: hit.HITId,
        MaxResults: 1,
        NextToken: page1.NextToken,
      }),
    );
    expect(page2.NumResults).toBe(1);
    expect(page2.NextToken).toBeUndefined();
    expect(page2.Assignments![0]!.AssignmentId).not.toBe(page1.Assignments![0]!.AssignmentId);

    const approved = await mturk.send(
      new ListAssignmentsForHITCommand({ HITId: hit.HITId, AssignmentStatuses: ['Approved'] }),
    );
    expect(approved.Assignments!.map((a) => a.AssignmentId)).toEqual([first.assignmentId]);
  });

  it("keeps another requester's assignments and HITs unreachable, and changes nothing", async () => {
    const owner = await requesterWithHit(1);
    const { assignmentId } = await workerSubmits(owner.hit.HITGroupId!, { cat: 'x', note: '' });
    const stranger = await requesterWithHit(1);
    expect(
      (
        await requestErrorOf(
          stranger.mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId })),
        )
      ).code,
    ).toBe('AWS.MechanicalTurk.AssignmentDoesNotExist');
    expect(
      (
        await requestErrorOf(
          stranger.mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId })),
        )
      ).code,
    ).toBe('AWS.MechanicalTurk.AssignmentDoesNotExist');
    expect(
      (
        await requestErrorOf(
          stranger.mturk.send(new ListAssignmentsForHITCommand({ HITId: owner.hit.HITId })),
        )
      ).code,
    ).toBe('AWS.MechanicalTurk.HITDoesNotExist');
    const mine = await owner.mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(mine.Assignment!.AssignmentStatus).toBe('Submitted');
    await requestErrorOf(owner.mturk.send(new GetAssignmentCommand({ AssignmentId: 'nope' })));
    await requestErrorOf(
      owner.mturk.send(
        new ListAssignmentsForHITCommand({ HITId: owner.hit.HITId, NextToken: 'bogus' }),
      ),
    );
  });
});
