import {
  AcceptQualificationRequestCommand,
  AssociateQualificationWithWorkerCommand,
  CreateHITCommand,
  CreateQualificationTypeCommand,
  DeleteQualificationTypeCommand,
  DisassociateQualificationFromWorkerCommand,
  GetQualificationScoreCommand,
  GetQualificationTypeCommand,
  ListHITsForQualificationTypeCommand,
  ListQualificationRequestsCommand,
  ListQualificationTypesCommand,
  ListWorkersWithQualificationTypeCommand,
  MTurkServiceException,
  RejectQualificationRequestCommand,
  UpdateQualificationTypeCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { createAccessKey, listenForMturk, mturkClient } from '../../../../test/helpers/mturk.js';
import { deposit, signUpRequester } from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;
const endpoint = await listenForMturk(app, 24201);

const HTML_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html><html><body><form><input name="a"></form></body></html>]]></HTMLContent>
  <FrameHeight>450</FrameHeight>
</HTMLQuestion>`;

async function requester(cents = 0) {
  const r = await signUpRequester(app);
  if (cents > 0) await deposit(r.client, cents);
  return { ...r, mturk: mturkClient(endpoint, await createAccessKey(r.client)) };
}
const worker = () => signUp(app, { roles: ['worker'] });

async function requestErrorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MTurkServiceException);
  // The SDK's exception carries MTurk's error fields beside its own.
  const e = error as MTurkServiceException & { TurkErrorCode?: string };
  expect(e.name).toBe('RequestError');
  expect(e.$metadata.httpStatusCode).toBe(400);
  return e.message;
}

async function createType(mturk: MTurkClient, extra: Record<string, unknown> = {}) {
  const { QualificationType } = await mturk.send(
    new CreateQualificationTypeCommand({
      Name: `Skill ${Math.random().toString(36).slice(2, 8)}`,
      Description: 'Careful with audio',
      QualificationTypeStatus: 'Active',
      ...extra,
    }),
  );
  return QualificationType!.QualificationTypeId!;
}

async function askFor(client: Client, typeId: string) {
  const res = await client.post(`/api/v1/qualification-types/${typeId}/requests`);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('qualification types through the AWS SDK', () => {
  it('creates, reads, updates, lists and deletes a type', async () => {
    const { mturk } = await requester();
    const created = await mturk.send(
      new CreateQualificationTypeCommand({
        Name: 'Audio transcriber',
        Keywords: 'audio, transcription',
        Description: 'Passed our audio check',
        QualificationTypeStatus: 'Active',
        RetryDelayInSeconds: 3_600,
        AutoGranted: true,
        AutoGrantedValue: 5,
      }),
    );
    const id = created.QualificationType!.QualificationTypeId!;
    expect(created.QualificationType).toMatchObject({
      Name: 'Audio transcriber',
      Keywords: 'audio, transcription',
      Description: 'Passed our audio check',
      QualificationTypeStatus: 'Active',
      RetryDelayInSeconds: 3_600,
      IsRequestable: true,
      AutoGranted: true,
      AutoGrantedValue: 5,
    });
    expect(created.QualificationType!.CreationTime).toBeInstanceOf(Date);
    expect(
      (await mturk.send(new GetQualificationTypeCommand({ QualificationTypeId: id })))
        .QualificationType,
    ).toEqual(created.QualificationType);

    const updated = await mturk.send(
      new UpdateQualificationTypeCommand({
        QualificationTypeId: id,
        Description: 'Passed our new audio check',
        QualificationTypeStatus: 'Inactive',
        AutoGranted: false,
      }),
    );
    expect(updated.QualificationType).toMatchObject({
      Description: 'Passed our new audio check',
      QualificationTypeStatus: 'Inactive',
      AutoGranted: false,
    });

    const mine = await mturk.send(
      new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true }),
    );
    expect(mine.QualificationTypes!.map((t) => t.QualificationTypeId)).toEqual([id]);
    const searched = await mturk.send(
      new ListQualificationTypesCommand({ MustBeRequestable: true, Query: 'transcri' }),
    );
    expect(searched.NumResults).toBe(1);
    // Without MustBeRequestable, the system types are listed under MTurk's ids.
    const all = await mturk.send(
      new ListQualificationTypesCommand({ MustBeRequestable: false, MaxResults: 100 }),
    );
    expect(all.QualificationTypes!.map((t) => t.QualificationTypeId)).toEqual(
      expect.arrayContaining([id, '000000000000000000L0', '00000000000000000040']),
    );

    await mturk.send(new DeleteQualificationTypeCommand({ QualificationTypeId: id }));
    expect(
      await requestErrorOf(
        mturk.send(new GetQualificationTypeCommand({ QualificationTypeId: id })),
      ),
    ).toContain('does not exist');
    // Its name is free again.
    await createType(mturk, { Name: 'Audio transcriber' });
  });

  it('pages ListQualificationTypes with NextToken', async () => {
    const { mturk } = await requester();
    for (let i = 0; i < 3; i++) await createType(mturk);
    const first = await mturk.send(
      new ListQualificationTypesCommand({
        MustBeRequestable: true,
        MustBeOwnedByCaller: true,
        MaxResults: 2,
      }),
    );
    expect(first.NumResults).toBe(2);
    const second = await mturk.send(
      new ListQualificationTypesCommand({
        MustBeRequestable: true,
        MustBeOwnedByCaller: true,
        MaxResults: 2,
        NextToken: first.NextToken!,
      }),
    );
    expect(second.NumResults).toBe(1);
    expect(second.NextToken).toBeUndefined();
  });

  it('answers a system id with its Tessera type', async () => {
    const { mturk } = await requester();
    const { QualificationType } = await mturk.send(
      new GetQualificationTypeCommand({ QualificationTypeId: '000000000000000000L0' }),
    );
    expect(QualificationType).toMatchObject({
      QualificationTypeId: '000000000000000000L0',
      Name: 'Approval rate',
      IsRequestable: false,
    });
  });

  it('refuses a hand-graded test, bad values and another requester’s type, changing nothing', async () => {
    const { mturk } = await requester();
    const other = await requester();
    expect(
      await requestErrorOf(
        mturk.send(
          new CreateQualificationTypeCommand({
            Name: 'Tested',
            Description: 'x',
            QualificationTypeStatus: 'Active',
            Test: '<QuestionForm/>',
            TestDurationInSeconds: 60,
          }),
        ),
      ),
    ).toContain('A Test needs its AnswerKey on this server');
    expect(
      await requestErrorOf(
        mturk.send(
          new CreateQualificationTypeCommand({
            Name: 'Negative',
            Description: 'x',
            QualificationTypeStatus: 'Active',
            RetryDelayInSeconds: -5,
          }),
        ),
      ),
    ).toContain('RetryDelayInSeconds');
    const list = () =>
      mturk.send(
        new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true }),
      );
    expect((await list()).NumResults).toBe(0);

    const theirs = await createType(other.mturk);
    expect(
      await requestErrorOf(
        mturk.send(new GetQualificationTypeCommand({ QualificationTypeId: theirs })),
      ),
    ).toContain(`QualificationType ${theirs} does not exist`);
    await requestErrorOf(
      mturk.send(
        new UpdateQualificationTypeCommand({ QualificationTypeId: theirs, Description: 'mine' }),
      ),
    );
    await requestErrorOf(
      mturk.send(new DeleteQualificationTypeCommand({ QualificationTypeId: theirs })),
    );
    await requestErrorOf(
      mturk.send(new GetQualificationTypeCommand({ QualificationTypeId: 'no-such-type' })),
    );
    // System types are not the requester's to change.
    await requestErrorOf(
      mturk.send(
        new DeleteQualificationTypeCommand({ QualificationTypeId: '00000000000000000071' }),
      ),
    );
    expect(
      (await other.mturk.send(new GetQualificationTypeCommand({ QualificationTypeId: theirs })))
        .QualificationType!.Description,
    ).toBe('Careful with audio');
  });
});

describe('grants through the AWS SDK', () => {
  it('associates, scores, lists and disassociates a worker', async () => {
    const { mturk } = await requester();
    const w = await worker();
    const type = await createType(mturk);
    await mturk.send(
      new AssociateQualificationWithWorkerCommand({
        QualificationTypeId: type,
        WorkerId: w.user.id,
        IntegerValue: 90,
      }),
    );
    const { Qualification } = await mturk.send(
      new GetQualificationScoreCommand({ QualificationTypeId: type, WorkerId: w.user.id }),
    );
    expect(Qualification).toMatchObject({
      QualificationTypeId: type,
      WorkerId: w.user.id,
      IntegerValue: 90,
      Status: 'Granted',
    });
    const notices = await ctx.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', w.user.id)
      .execute();
    expect(notices.map((n) => n.kind)).toEqual(['qualification_granted']);

    const holders = await mturk.send(
      new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: type }),
    );
    expect(holders.Qualifications).toMatchObject([{ WorkerId: w.user.id, IntegerValue: 90 }]);

    await mturk.send(
      new DisassociateQualificationFromWorkerCommand({
        QualificationTypeId: type,
        WorkerId: w.user.id,
        Reason: 'Audit',
      }),
    );
    expect(
      (
        await mturk.send(
          new GetQualificationScoreCommand({ QualificationTypeId: type, WorkerId: w.user.id }),
        )
      ).Qualification!.Status,
    ).toBe('Revoked');
    const revoked = await mturk.send(
      new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: type, Status: 'Revoked' }),
    );
    expect(revoked.Qualifications).toMatchObject([{ WorkerId: w.user.id, Status: 'Revoked' }]);
    expect(
      (await mturk.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: type })))
        .NumResults,
    ).toBe(0);
    // A second revoke has nothing to revoke.
    await requestErrorOf(
      mturk.send(
        new DisassociateQualificationFromWorkerCommand({
          QualificationTypeId: type,
          WorkerId: w.user.id,
        }),
      ),
    );
  });

  it('SendNotification false grants quietly; unknown workers and other types are refused', async () => {
    const { mturk } = await requester();
    const other = await requester();
    const w = await worker();
    const type = await createType(mturk);
    const theirs = await createType(other.mturk);
    await mturk.send(
      new AssociateQualificationWithWorkerCommand({
        QualificationTypeId: type,
        WorkerId: w.user.id,
        SendNotification: false,
      }),
    );
    const notices = await ctx.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', w.user.id)
      .execute();
    expect(notices).toEqual([]);
    expect(
      await requestErrorOf(
        mturk.send(
          new AssociateQualificationWithWorkerCommand({
            QualificationTypeId: type,
            WorkerId: 'A1B2C3D4E5',
          }),
        ),
      ),
    ).toContain('Worker A1B2C3D4E5 does not exist');
    await requestErrorOf(
      mturk.send(
        new AssociateQualificationWithWorkerCommand({
          QualificationTypeId: theirs,
          WorkerId: w.user.id,
        }),
      ),
    );
    await requestErrorOf(
      mturk.send(
        new AssociateQualificationWithWorkerCommand({
          QualificationTypeId: type,
          WorkerId: w.user.id,
          IntegerValue: 2 ** 31,
        }),
      ),
    );
    await requestErrorOf(
      mturk.send(
        new GetQualificationScoreCommand({ QualificationTypeId: theirs, WorkerId: w.user.id }),
      ),
    );
    await requestErrorOf(
      mturk.send(new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: theirs })),
    );
    expect(
      (
        await other.mturk.send(
          new ListWorkersWithQualificationTypeCommand({ QualificationTypeId: theirs }),
        )
      ).NumResults,
    ).toBe(0);
    expect(
      (
        await mturk.send(
          new GetQualificationScoreCommand({ QualificationTypeId: type, WorkerId: w.user.id }),
        )
      ).Qualification!.IntegerValue,
    ).toBe(1);
  });

  it('lists the HITs that require a type, system ids included', async () => {
    const { mturk } = await requester(10_00);
    const type = await createType(mturk);
    const hitOf = (requirements: object[]) =>
      mturk.send(
        new CreateHITCommand({
          Title: 'Transcribe',
          Description: 'A short clip',
          Reward: '0.10',
          AssignmentDurationInSeconds: 600,
          LifetimeInSeconds: 3_600,
          MaxAssignments: 1,
          Question: HTML_QUESTION,
          QualificationRequirements: requirements as never,
        }),
      );
    const guarded = await hitOf([{ QualificationTypeId: type, Comparator: 'Exists' }]);
    const rated = await hitOf([
      {
        QualificationTypeId: '000000000000000000L0',
        Comparator: 'GreaterThanOrEqualTo',
        IntegerValues: [95],
      },
    ]);
    await hitOf([]);
    const byType = await mturk.send(
      new ListHITsForQualificationTypeCommand({ QualificationTypeId: type }),
    );
    expect(byType.HITs!.map((h) => h.HITId)).toEqual([guarded.HIT!.HITId]);
    const bySystem = await mturk.send(
      new ListHITsForQualificationTypeCommand({ QualificationTypeId: '000000000000000000L0' }),
    );
    expect(bySystem.HITs!.map((h) => h.HITId)).toEqual([rated.HIT!.HITId]);

    const other = await requester();
    await requestErrorOf(
      other.mturk.send(new ListHITsForQualificationTypeCommand({ QualificationTypeId: type })),
    );
  });
});

describe('qualification requests through the AWS SDK', () => {
  it('lists pending requests, accepts one with a value and rejects another with a reason', async () => {
    const { mturk } = await requester();
    const a = await worker();
    const b = await worker();
    const type = await createType(mturk, { RetryDelayInSeconds: 60 });
    const fromA = await askFor(a.client, type);
    const fromB = await askFor(b.client, type);

    const pending = await mturk.send(
      new ListQualificationRequestsCommand({ QualificationTypeId: type }),
    );
    expect(pending.NumResults).toBe(2);
    expect(pending.QualificationRequests!.map((r) => r.QualificationRequestId).sort()).toEqual(
      [fromA, fromB].sort(),
    );
    expect(pending.QualificationRequests![0]!.SubmitTime).toBeInstanceOf(Date);

    await mturk.send(
      new AcceptQualificationRequestCommand({ QualificationRequestId: fromA, IntegerValue: 42 }),
    );
    await mturk.send(
      new RejectQualificationRequestCommand({ QualificationRequestId: fromB, Reason: 'Too new' }),
    );
    expect(
      (
        await mturk.send(
          new GetQualificationScoreCommand({ QualificationTypeId: type, WorkerId: a.user.id }),
        )
      ).Qualification!.IntegerValue,
    ).toBe(42);
    const bView = (await b.client.get('/api/v1/me/qualification-requests')).json<{
      items: { status: string; reason: string }[];
    }>().items;
    expect(bView).toMatchObject([{ status: 'refused', reason: 'Too new' }]);
    expect((await mturk.send(new ListQualificationRequestsCommand({}))).NumResults).toBe(0);

    // Decided requests cannot be decided again.
    expect(
      await requestErrorOf(
        mturk.send(new RejectQualificationRequestCommand({ QualificationRequestId: fromA })),
      ),
    ).toContain('already granted');
  });

  it('another requester cannot see or decide my requests; unknown ids are refused', async () => {
    const { mturk } = await requester();
    const other = await requester();
    const w = await worker();
    const type = await createType(mturk);
    const id = await askFor(w.client, type);
    expect((await other.mturk.send(new ListQualificationRequestsCommand({}))).NumResults).toBe(0);
    await requestErrorOf(
      other.mturk.send(new ListQualificationRequestsCommand({ QualificationTypeId: type })),
    );
    expect(
      await requestErrorOf(
        other.mturk.send(new AcceptQualificationRequestCommand({ QualificationRequestId: id })),
      ),
    ).toContain(`QualificationRequest ${id} does not exist`);
    await requestErrorOf(
      other.mturk.send(new RejectQualificationRequestCommand({ QualificationRequestId: id })),
    );
    await requestErrorOf(
      mturk.send(new AcceptQualificationRequestCommand({ QualificationRequestId: 'nope' })),
    );
    expect((await mturk.send(new ListQualificationRequestsCommand({}))).NumResults).toBe(1);
  });

  it('deleting a type refuses its open requests and keeps its grants for live HITs', async () => {
    const { mturk } = await requester();
    const a = await worker();
    const b = await worker();
    const type = await createType(mturk);
    await mturk.send(
      new AssociateQualificationWithWorkerCommand({
        QualificationTypeId: type,
        WorkerId: a.user.id,
      }),
    );
    await askFor(b.client, type);
    await mturk.send(new DeleteQualificationTypeCommand({ QualificationTypeId: type }));
    const bView = (await b.client.get('/api/v1/me/qualification-requests')).json<{
      items: { status: string }[];
    }>().items;
    expect(bView).toMatchObject([{ status: 'refused' }]);
    const grants = await ctx.database.db
      .selectFrom('qualification_grants')
      .select('worker_id')
      .where('type_id', '=', type)
      .execute();
    expect(grants.map((g) => g.worker_id)).toEqual([a.user.id]);
    expect((await b.client.post(`/api/v1/qualification-types/${type}/requests`)).statusCode).toBe(
      404,
    );
  });
});
