import {
  ApproveAssignmentCommand,
  GetAccountBalanceCommand,
  GetAssignmentCommand,
  GetHITCommand,
  RejectAssignmentCommand,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { ledgerViolations, NO_LEDGER_VIOLATIONS } from '../../../../test/helpers/ledger.js';
import { listenForMturk, signedFetch } from '../../../../test/helpers/mturk.js';
import {
  mturkClientAt,
  requesterWithHit,
  requestErrorOf,
  workerSubmits,
} from '../../../../test/helpers/mturk-hits.js';
import { balance } from '../../../../test/helpers/projects.js';

const FEE_PERCENT = 10;
const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: String(FEE_PERCENT) } });
const { app, clock } = ctx;
const endpoint = await listenForMturk(app, 24101);
const DAY_MS = 24 * 3600 * 1000;

async function expectLedgerHolds() {
  expect(await ledgerViolations(ctx.database.db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
}

describe('RejectAssignment with the AWS SDK', () => {
  it("consumes the slot, as MTurk does, and returns its reward and fee to the requester's balance", async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 2 });
    // Two slots of $0.50 + 10 % fee are in escrow.
    expect(await balance(client)).toMatchObject({ availableCents: 8_90, escrowCents: 1_10 });
    const { assignmentId } = await workerSubmits(app, hit.HITGroupId);
    await mturk.send(
      new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: 'Blank' }),
    );
    const got = await mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(got.Assignment).toMatchObject({
      AssignmentStatus: 'Rejected',
      RequesterFeedback: 'Blank',
    });
    expect(got.Assignment!.RejectionTime).toBeInstanceOf(Date);
    // The rejected slot is not offered again: one slot is left, MaxAssignments is unchanged.
    expect(got.HIT).toMatchObject({
      MaxAssignments: 2,
      NumberOfAssignmentsAvailable: 1,
      NumberOfAssignmentsCompleted: 1,
      HITStatus: 'Assignable',
    });
    expect(await balance(client)).toMatchObject({ availableCents: 9_45, escrowCents: 55 });
    await expectLedgerHolds();

    await workerSubmits(app, hit.HITGroupId);
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({ NumberOfAssignmentsAvailable: 0, HITStatus: 'Reviewable' });
    const third = await signUp(app, { roles: ['worker'] });
    const refused = await third.client.post(`/api/v1/projects/${hit.HITGroupId}/assignments`);
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    await expectLedgerHolds();
  });

  it('approves a rejected assignment with OverrideRejection, paid from the available balance', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const { worker, assignmentId } = await workerSubmits(app, hit.HITGroupId);
    await mturk.send(
      new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: 'Wrong' }),
    );
    expect(await balance(client)).toMatchObject({ availableCents: 10_00, escrowCents: 0 });
    const refused = await requestErrorOf(
      mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId })),
    );
    expect(refused.code).toBe('AWS.MechanicalTurk.InvalidAssignmentState');
    expect(refused.message).toContain('Submitted');

    await mturk.send(
      new ApproveAssignmentCommand({
        AssignmentId: assignmentId,
        OverrideRejection: true,
        RequesterFeedback: 'Sorry, my mistake',
      }),
    );
    const got = await mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(got.Assignment).toMatchObject({ AssignmentStatus: 'Approved' });
    expect(got.HIT).toMatchObject({ MaxAssignments: 1, NumberOfAssignmentsAvailable: 0 });
    expect((await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe('9.45');
    expect((await worker.client.get('/api/v1/me/earnings')).json().approvedCents).toBe(50);
    await expectLedgerHolds();
  });

  it('refuses an override more than 30 days after submission, and changes nothing', async () => {
    const { mturk, hit, client, key } = await requesterWithHit(app, endpoint, {
      maxAssignments: 1,
    });
    const { assignmentId } = await workerSubmits(app, hit.HITGroupId);
    await mturk.send(
      new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: 'No' }),
    );
    clock.advance(31 * DAY_MS);
    try {
      // The script's clock moves with the server's, so its signature is not skewed.
      const later = mturkClientAt(endpoint, key, 31 * DAY_MS);
      const error = await requestErrorOf(
        later.send(
          new ApproveAssignmentCommand({ AssignmentId: assignmentId, OverrideRejection: true }),
        ),
      );
      expect(error.message).toContain('30 days');
    } finally {
      clock.advance(-31 * DAY_MS);
    }
    expect(await balance(client)).toMatchObject({ availableCents: 10_00, escrowCents: 0 });
    const got = await mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(got.Assignment!.AssignmentStatus).toBe('Rejected');
  });

  it("refuses bad feedback, a wrong state and another requester's assignment, changing nothing", async () => {
    const owner = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const { assignmentId } = await workerSubmits(app, owner.hit.HITGroupId);
    const stranger = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const notMine = await requestErrorOf(
      stranger.mturk.send(
        new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: 'x' }),
      ),
    );
    expect(notMine.code).toBe('AWS.MechanicalTurk.AssignmentDoesNotExist');
    await requestErrorOf(
      owner.mturk.send(
        new RejectAssignmentCommand({
          AssignmentId: assignmentId,
          RequesterFeedback: 'x'.repeat(1_025),
        }),
      ),
    );
    const missing = await signedFetch(endpoint, owner.key, {
      target: 'MTurkRequesterServiceV20170117.RejectAssignment',
      body: JSON.stringify({ AssignmentId: assignmentId }),
    });
    expect(missing.status).toBe(400);
    expect(missing.body.__type).toBe('RequestError');
    expect(missing.body.Message).toContain('RequesterFeedback');

    await owner.mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId }));
    const approved = await requestErrorOf(
      owner.mturk.send(
        new RejectAssignmentCommand({ AssignmentId: assignmentId, RequesterFeedback: 'late' }),
      ),
    );
    expect(approved.code).toBe('AWS.MechanicalTurk.InvalidAssignmentState');
    const got = await owner.mturk.send(new GetAssignmentCommand({ AssignmentId: assignmentId }));
    expect(got.Assignment!.AssignmentStatus).toBe('Approved');
    await expectLedgerHolds();
  });
});
