import {
  ApproveAssignmentCommand,
  GetFileUploadURLCommand,
  GetHITCommand,
  ListHITsCommand,
  ListReviewableHITsCommand,
  ListReviewPolicyResultsForHITCommand,
  UpdateHITReviewStatusCommand,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import { listenForMturk } from '../../../../test/helpers/mturk.js';
import {
  createHitCommand,
  requesterWithHit,
  requestErrorOf,
  workerSubmits,
} from '../../../../test/helpers/mturk-hits.js';

const ctx = await createTestApp();
const { app } = ctx;
const endpoint = await listenForMturk(app, 24103);

describe('reviewing HITs with the AWS SDK', () => {
  it('is Reviewable once every assignment is submitted, Reviewing when set, and back', async () => {
    const { mturk, hit } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const other = await mturk.send(createHitCommand(2, { Title: 'Another' }));
    expect((await mturk.send(new ListReviewableHITsCommand({}))).HITs!.map((h) => h.HITId)).toEqual(
      [],
    );
    const notYet = await requestErrorOf(
      mturk.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId })),
    );
    expect(notYet.code).toBe('AWS.MechanicalTurk.InvalidHITState');

    const { assignmentId } = await workerSubmits(app, hit.HITGroupId);
    const reviewable = await mturk.send(new ListReviewableHITsCommand({}));
    expect(reviewable.HITs!.map((h) => h.HITId)).toEqual([hit.HITId]);
    expect(reviewable.HITs![0]!.HITStatus).toBe('Reviewable');
    const byType = await mturk.send(
      new ListReviewableHITsCommand({ HITTypeId: other.HIT!.HITTypeId }),
    );
    expect(byType.NumResults).toBe(0);

    await mturk.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId, Revert: false }));
    expect((await mturk.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe(
      'Reviewing',
    );
    const listed = await mturk.send(new ListHITsCommand({}));
    expect(listed.HITs!.find((h) => h.HITId === hit.HITId)!.HITStatus).toBe('Reviewing');
    expect((await mturk.send(new ListReviewableHITsCommand({}))).NumResults).toBe(0);
    const reviewing = await mturk.send(new ListReviewableHITsCommand({ Status: 'Reviewing' }));
    expect(reviewing.HITs!.map((h) => h.HITId)).toEqual([hit.HITId]);
    await requestErrorOf(mturk.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId })));

    await mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId }));
    await mturk.send(new UpdateHITReviewStatusCommand({ HITId: hit.HITId, Revert: true }));
    expect((await mturk.send(new GetHITCommand({ HITId: hit.HITId }))).HIT!.HITStatus).toBe(
      'Reviewable',
    );
    await requestErrorOf(mturk.send(new ListReviewableHITsCommand({ NextToken: 'not-a-token' })));
  });

  it("keeps another requester's HITs out of reach and unchanged", async () => {
    const owner = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const { assignmentId } = await workerSubmits(app, owner.hit.HITGroupId);
    const stranger = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const refused = await requestErrorOf(
      stranger.mturk.send(new UpdateHITReviewStatusCommand({ HITId: owner.hit.HITId })),
    );
    expect(refused.code).toBe('AWS.MechanicalTurk.HITDoesNotExist');
    expect((await stranger.mturk.send(new ListReviewableHITsCommand({}))).NumResults).toBe(0);
    await requestErrorOf(
      stranger.mturk.send(new ListReviewPolicyResultsForHITCommand({ HITId: owner.hit.HITId })),
    );
    await requestErrorOf(
      stranger.mturk.send(
        new GetFileUploadURLCommand({ AssignmentId: assignmentId, QuestionIdentifier: 'cat' }),
      ),
    );
    const mine = await owner.mturk.send(new GetHITCommand({ HITId: owner.hit.HITId }));
    expect(mine.HIT!.HITStatus).toBe('Reviewable');
  });

  it('has no review policies: CreateHIT refuses one, and a HIT reports none', async () => {
    const { mturk, hit } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const results = await mturk.send(
      new ListReviewPolicyResultsForHITCommand({ HITId: hit.HITId, PolicyLevels: ['HIT'] }),
    );
    expect(results.HITId).toBe(hit.HITId);
    expect(results.AssignmentReviewPolicy).toBeUndefined();
    expect(results.HITReviewReport).toBeUndefined();
    const before = (await mturk.send(new ListHITsCommand({}))).NumResults;
    const refused = await requestErrorOf(
      mturk.send(
        createHitCommand(1, {
          AssignmentReviewPolicy: {
            PolicyName: 'ScoreMyKnownAnswers/2011-09-01',
            Parameters: [{ Key: 'AnswerKey', MapEntries: [{ Key: 'cat', Values: ['yes'] }] }],
          },
        }),
      ),
    );
    expect(refused.message).toMatch(/AssignmentReviewPolicy.*no MTurk review policies/);
    expect((await mturk.send(new ListHITsCommand({}))).NumResults).toBe(before);
  });

  it('answers GetFileUploadURL with a RequestError naming the question, as for a non-file answer', async () => {
    const { mturk, hit } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const { assignmentId } = await workerSubmits(app, hit.HITGroupId);
    const error = await requestErrorOf(
      mturk.send(
        new GetFileUploadURLCommand({ AssignmentId: assignmentId, QuestionIdentifier: 'cat' }),
      ),
    );
    expect(error.message).toContain('question cat');
    expect(error.message).toContain('FileUploadAnswer');
  });
});
