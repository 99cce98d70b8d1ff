import * as sdk from '@aws-sdk/client-mturk';
import {
  AcceptQualificationRequestCommand,
  ApproveAssignmentCommand,
  AssociateQualificationWithWorkerCommand,
  CreateAdditionalAssignmentsForHITCommand,
  CreateHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  CreateQualificationTypeCommand,
  CreateWorkerBlockCommand,
  DeleteHITCommand,
  DeleteQualificationTypeCommand,
  DeleteWorkerBlockCommand,
  DisassociateQualificationFromWorkerCommand,
  GetAccountBalanceCommand,
  GetAssignmentCommand,
  GetFileUploadURLCommand,
  GetHITCommand,
  GetQualificationScoreCommand,
  GetQualificationTypeCommand,
  ListAssignmentsForHITCommand,
  ListBonusPaymentsCommand,
  ListHITsCommand,
  ListHITsForQualificationTypeCommand,
  ListQualificationRequestsCommand,
  ListQualificationTypesCommand,
  ListReviewableHITsCommand,
  ListReviewPolicyResultsForHITCommand,
  ListWorkerBlocksCommand,
  ListWorkersWithQualificationTypeCommand,
  NotifyWorkersCommand,
  RejectAssignmentCommand,
  RejectQualificationRequestCommand,
  SendBonusCommand,
  SendTestEventNotificationCommand,
  UpdateExpirationForHITCommand,
  UpdateHITReviewStatusCommand,
  UpdateHITTypeOfHITCommand,
  UpdateNotificationSettingsCommand,
  UpdateQualificationTypeCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { platformFeeCents } from '../../../shared/money.js';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { ledgerViolations, NO_LEDGER_VIOLATIONS } from '../../../../test/helpers/ledger.js';
import { createAccessKey, listenForMturk, mturkClient } from '../../../../test/helpers/mturk.js';
import { HTML_QUESTION, requestErrorOf } from '../../../../test/helpers/mturk-hits.js';
import { balance, deposit, signUpRequester } from '../../../../test/helpers/projects.js';
import { startWebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';

const FEE_PERCENT = 10;
const ctx = await createTestApp({
  env: { PLATFORM_FEE_PERCENT: String(FEE_PERCENT), WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' },
});
const { app } = ctx;
const endpoint = await listenForMturk(app, 29610);
const receiver = await startWebhookReceiver(29611);
const slot = (cents: number) => cents + platformFeeCents(cents, FEE_PERCENT);

/** Every operation of API 2017-01-17, as the SDK's command classes name them. */
const SDK_OPERATIONS = Object.keys(sdk)
  .filter((name) => name.endsWith('Command') && name !== '$Command')
  .map((name) => name.slice(0, -'Command'.length))
  .sort();

/** The client, recording in `called` the operation of every call it sends. */
function recordingClient(mturk: MTurkClient) {
  const called = new Set<string>();
  mturk.middlewareStack.add(
    (next, context) => (args) => {
      called.add(context.commandName?.replace(/Command$/, '') ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'recordOperation' },
  );
  return Object.assign(mturk, { called });
}

async function worker(): Promise<{ client: Client; id: string }> {
  const { client, user } = await signUp(app, { roles: ['worker'] });
  return { client, id: user.id };
}

async function acceptAndSubmit(client: Client, projectId: string) {
  const accepted = await client.post(`/api/v1/projects/${projectId}/assignments`);
  expect(accepted.statusCode, accepted.body).toBe(201);
  const id = accepted.json<{ id: string }>().id;
  const submitted = await client.post(`/api/v1/assignments/${id}/submit`, {
    answers: { cat: 'yes', note: 'a tabby' },
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return id;
}

describe(`all 39 operations through @aws-sdk/client-mturk (${testDatabaseKind()})`, () => {
  it('runs a requester’s whole life on Tessera, each answer in MTurk’s shape', async () => {
    expect(SDK_OPERATIONS).toHaveLength(39);
    // Keys: a requester made in the web app's API, with money and an access key.
    const requester = await signUpRequester(app);
    await deposit(requester.client, 20_00);
    const mturk = recordingClient(mturkClient(endpoint, await createAccessKey(requester.client)));

    expect(await mturk.send(new GetAccountBalanceCommand({}))).toMatchObject({
      AvailableBalance: '20.00',
    });

    // A qualification type, requested by two workers: one accepted, one rejected.
    const { QualificationType } = await mturk.send(
      new CreateQualificationTypeCommand({
        Name: `Cat spotter ${Math.random().toString(36).slice(2, 8)}`,
        Description: 'Knows a cat',
        QualificationTypeStatus: 'Active',
      }),
    );
    const qualId = QualificationType!.QualificationTypeId!;
    expect(
      (await mturk.send(new GetQualificationTypeCommand({ QualificationTypeId: qualId })))
        .QualificationType,
    ).toMatchObject({ QualificationTypeId: qualId, QualificationTypeStatus: 'Active' });
    const updated = await mturk.send(
      new UpdateQualificationTypeCommand({
        QualificationTypeId: qualId,
        Description: 'Knows a cat when they see one',
      }),
    );
    expect(updated.QualificationType!.Description).toBe('Knows a cat when they see one');
    const types = await mturk.send(
      new ListQualificationTypesCommand({ MustBeRequestable: true, MustBeOwnedByCaller: true }),
    );
    expect(types.QualificationTypes!.map((t) => t.QualificationTypeId)).toEqual([qualId]);

    const spotter = await worker();
    const refused = await worker();
    for (const w of [spotter, refused]) {
      const asked = await w.client.post(`/api/v1/qualification-types/${qualId}/requests`);
      expect(asked.statusCode, asked.body).toBe(201);
    }
    const requests = await mturk.send(
      new ListQualificationRequestsCommand({ QualificationTypeId: qualId }),
    );
    expect(requests.NumResults).toBe(2);
    const requestOf = (workerId: string) =>
      requests.QualificationRequests!.find((r) => r.WorkerId === workerId)!.QualificationRequestId!;
    await mturk.send(
      new AcceptQualificationRequestCommand({
        QualificationRequestId: requestOf(spotter.id),
        IntegerValue: 80,
      }),
    );
    await mturk.send(
      new RejectQualificationRequestCommand({
        QualificationRequestId: requestOf(refused.id),
        Reason: 'Not yet',
      }),
    );
    await mturk.send(
      new AssociateQualificationWithWorkerCommand({
        QualificationTypeId: qualId,
        WorkerId: refused.id,
        IntegerValue: 50,
        SendNotification: false,
      }),
    );
    const score = await mturk.send(
      new GetQualificationScoreCommand({ QualificationTypeId: qualId, WorkerId: refused.id }),
    );
    expect(score.Qualification).toMatchObject({ WorkerId: refused.id, IntegerValue: 50 });
    const holders = await mturk.send(
      new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: qualId }),
    );
    expect(holders.Qualifications!.map((q) => q.WorkerId).sort()).toEqual(
      [spotter.id, refused.id].sort(),
    );
    await mturk.send(
      new DisassociateQualificationFromWorkerCommand({
        QualificationTypeId: qualId,
        WorkerId: refused.id,
        Reason: 'Retest',
      }),
    );

    // A HIT type that needs the qualification, its notifications on a webhook.
    const { HITTypeId } = await mturk.send(
      new CreateHITTypeCommand({
        Title: 'Cat or not',
        Description: 'Say whether the photo shows a cat',
        Reward: '0.50',
        AssignmentDurationInSeconds: 600,
        AutoApprovalDelayInSeconds: 86_400,
        QualificationRequirements: [
          { QualificationTypeId: qualId, Comparator: 'GreaterThanOrEqualTo', IntegerValues: [60] },
        ],
      }),
    );
    const hook = await requester.client.post('/api/v1/webhooks', {
      url: receiver.url,
      events: ['ping'],
    });
    expect(hook.statusCode, hook.body).toBe(201);
    const spec = {
      Destination: receiver.url,
      Transport: 'SQS' as const,
      Version: '2006-05-05',
      EventTypes: ['HITCreated' as const, 'AssignmentSubmitted' as const],
    };
    await mturk.send(
      new UpdateNotificationSettingsCommand({ HITTypeId, Notification: spec, Active: true }),
    );
    await mturk.send(
      new SendTestEventNotificationCommand({ Notification: spec, TestEventType: 'Ping' }),
    );
    expect(receiver.received.some((r) => r.body.includes('"Ping"'))).toBe(true);

    // Two HITs: one of the type, one with its type inline.
    const guarded = (
      await mturk.send(
        new CreateHITWithHITTypeCommand({
          HITTypeId,
          MaxAssignments: 2,
          LifetimeInSeconds: 3_600,
          Question: HTML_QUESTION,
          RequesterAnnotation: 'batch 7',
        }),
      )
    ).HIT!;
    expect(guarded).toMatchObject({
      HITTypeId,
      HITStatus: 'Assignable',
      MaxAssignments: 2,
      Reward: '0.50',
      RequesterAnnotation: 'batch 7',
    });
    const open = (
      await mturk.send(
        new CreateHITCommand({
          Title: 'Dog or not',
          Description: 'Say whether the photo shows a dog',
          Reward: '0.30',
          MaxAssignments: 1,
          LifetimeInSeconds: 3_600,
          AssignmentDurationInSeconds: 600,
          Question: HTML_QUESTION,
        }),
      )
    ).HIT!;
    expect((await mturk.send(new GetHITCommand({ HITId: guarded.HITId! }))).HIT).toMatchObject({
      HITId: guarded.HITId,
      NumberOfAssignmentsAvailable: 2,
    });
    const listed = await mturk.send(new ListHITsCommand({ MaxResults: 100 }));
    expect(listed.HITs!.map((h) => h.HITId).sort()).toEqual([guarded.HITId!, open.HITId!].sort());
    const byQualification = await mturk.send(
      new ListHITsForQualificationTypeCommand({ QualificationTypeId: qualId }),
    );
    expect(byQualification.HITs!.map((h) => h.HITId)).toEqual([guarded.HITId]);
    expect(await balance(requester.client)).toMatchObject({
      availableCents: 20_00 - 2 * slot(50) - slot(30),
      escrowCents: 2 * slot(50) + slot(30),
    });

    // Workers take and submit them in Tessera's own API; the one without the score cannot.
    const denied = await refused.client.post(`/api/v1/projects/${guarded.HITGroupId}/assignments`);
    expect(denied.statusCode).toBeGreaterThanOrEqual(400);
    const approvedId = await acceptAndSubmit(spotter.client, guarded.HITGroupId!);
    const dogPerson = await worker();
    const rejectedId = await acceptAndSubmit(dogPerson.client, open.HITGroupId!);

    // Review: list, read, approve, reject, bonus.
    const assignments = await mturk.send(
      new ListAssignmentsForHITCommand({ HITId: guarded.HITId! }),
    );
    expect(
      assignments.Assignments!.map((a) => [a.AssignmentId, a.WorkerId, a.AssignmentStatus]),
    ).toEqual([[approvedId, spotter.id, 'Submitted']]);
    const { Assignment } = await mturk.send(new GetAssignmentCommand({ AssignmentId: approvedId }));
    expect(Assignment!.Answer).toContain('<QuestionIdentifier>cat</QuestionIdentifier>');
    await mturk.send(
      new ApproveAssignmentCommand({ AssignmentId: approvedId, RequesterFeedback: 'Thanks' }),
    );
    const upload = await requestErrorOf(
      mturk.send(
        new GetFileUploadURLCommand({ AssignmentId: approvedId, QuestionIdentifier: 'cat' }),
      ),
    );
    expect(upload.code).toBe('AWS.MechanicalTurk.InvalidParameterValue');
    await mturk.send(
      new RejectAssignmentCommand({ AssignmentId: rejectedId, RequesterFeedback: 'A cat' }),
    );
    await mturk.send(
      new SendBonusCommand({
        WorkerId: spotter.id,
        AssignmentId: approvedId,
        BonusAmount: '0.25',
        Reason: 'Careful work',
        UniqueRequestToken: 'bonus-1',
      }),
    );
    const bonuses = await mturk.send(new ListBonusPaymentsCommand({ HITId: guarded.HITId! }));
    expect(bonuses.BonusPayments).toMatchObject([
      { WorkerId: spotter.id, AssignmentId: approvedId, BonusAmount: '0.25' },
    ]);

    // Change the HIT: one more slot, a dearer type, then an end.
    await mturk.send(
      new CreateAdditionalAssignmentsForHITCommand({
        HITId: guarded.HITId!,
        NumberOfAdditionalAssignments: 1,
      }),
    );
    const dearType = await mturk.send(
      new CreateHITTypeCommand({
        Title: 'Cat or not',
        Description: 'Say whether the photo shows a cat',
        Reward: '0.60',
        AssignmentDurationInSeconds: 600,
      }),
    );
    await mturk.send(
      new UpdateHITTypeOfHITCommand({ HITId: guarded.HITId!, HITTypeId: dearType.HITTypeId! }),
    );
    const moved = (await mturk.send(new GetHITCommand({ HITId: guarded.HITId! }))).HIT!;
    expect(moved).toMatchObject({
      HITTypeId: dearType.HITTypeId,
      Reward: '0.60',
      MaxAssignments: 3,
      NumberOfAssignmentsAvailable: 2,
      NumberOfAssignmentsCompleted: 1,
    });
    expect(await balance(requester.client)).toMatchObject({
      availableCents: 20_00 - slot(50) - slot(25) - 2 * slot(60),
      escrowCents: 2 * slot(60),
    });
    await mturk.send(
      new UpdateExpirationForHITCommand({ HITId: guarded.HITId!, ExpireAt: new Date(0) }),
    );
    const reviewable = await mturk.send(
      new ListReviewableHITsCommand({ HITTypeId: dearType.HITTypeId!, Status: 'Reviewable' }),
    );
    expect(reviewable.HITs!.map((h) => h.HITId)).toEqual([guarded.HITId]);
    await mturk.send(new UpdateHITReviewStatusCommand({ HITId: guarded.HITId! }));
    const policies = await mturk.send(
      new ListReviewPolicyResultsForHITCommand({ HITId: guarded.HITId! }),
    );
    expect(policies).toMatchObject({ HITId: guarded.HITId });
    await mturk.send(new DeleteHITCommand({ HITId: guarded.HITId! }));
    await mturk.send(new DeleteHITCommand({ HITId: open.HITId! }));
    expect((await mturk.send(new GetHITCommand({ HITId: guarded.HITId! }))).HIT).toMatchObject({
      HITStatus: 'Disposed',
    });

    // Workers: a block and a message.
    await mturk.send(new CreateWorkerBlockCommand({ WorkerId: dogPerson.id, Reason: 'Dogs' }));
    const blocks = await mturk.send(new ListWorkerBlocksCommand({}));
    expect(blocks.WorkerBlocks).toMatchObject([{ WorkerId: dogPerson.id, Reason: 'Dogs' }]);
    await mturk.send(new DeleteWorkerBlockCommand({ WorkerId: dogPerson.id, Reason: 'Sorry' }));
    expect((await mturk.send(new ListWorkerBlocksCommand({}))).WorkerBlocks).toEqual([]);
    const notified = await mturk.send(
      new NotifyWorkersCommand({
        Subject: 'More cats soon',
        MessageText: 'A new batch comes on Monday.',
        WorkerIds: [spotter.id],
      }),
    );
    expect(notified.NotifyWorkersFailureStatuses).toEqual([]);

    // The end: the qualification type goes, and every cent is where it should be.
    await mturk.send(new DeleteQualificationTypeCommand({ QualificationTypeId: qualId }));
    const remaining = await mturk.send(
      new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true }),
    );
    expect(
      remaining.QualificationTypes!.filter((t) => t.QualificationTypeStatus === 'Active'),
    ).toEqual([]);
    const spent = slot(50) + slot(25);
    expect(await mturk.send(new GetAccountBalanceCommand({}))).toMatchObject({
      AvailableBalance: `${Math.floor((20_00 - spent) / 100)}.${String((20_00 - spent) % 100).padStart(2, '0')}`,
    });
    expect(await balance(requester.client)).toMatchObject({
      availableCents: 20_00 - spent,
      escrowCents: 0,
    });
    expect(await ledgerViolations(ctx.database.db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);

    expect([...mturk.called].sort()).toEqual(SDK_OPERATIONS);
  });
});
