import {
  CreateHITCommand,
  CreateWorkerBlockCommand,
  DeleteWorkerBlockCommand,
  ListWorkerBlocksCommand,
  MTurkServiceException,
  NotifyWorkersCommand,
} from '@aws-sdk/client-mturk';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { createAccessKey, listenForMturk, mturkClient } from '../../../../test/helpers/mturk.js';
import { deposit, signUpRequester } from '../../../../test/helpers/projects.js';
import { captureLog, localSmtp, startSmtpReceiver } from '../../../../test/helpers/smtp.js';
import { createMailer } from '../email/mailer.js';
import type { Thread } from '../../../shared/api/messages.js';
import { MESSAGES_PER_WORKER_PER_DAY } from './worker-messages.service.js';

const receiver = await startSmtpReceiver(24501);
const mailer = createMailer({
  smtp: localSmtp(receiver.port),
  from: 'Tessera <no-reply@tessera.test>',
  log: captureLog(),
  retryDelaysMs: [],
});
const ctx = await createTestApp({
  env: { PUBLIC_URL: 'https://work.example.org' },
  deps: { mailer },
});
afterAll(async () => {
  await mailer.close();
  await receiver.stop();
});
const { app } = ctx;
const endpoint = await listenForMturk(app, 24500);

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<form><input name="cat"></form>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;

async function requesterWithHit() {
  const requester = await signUpRequester(app);
  await deposit(requester.client, 10_00);
  const mturk = mturkClient(endpoint, await createAccessKey(requester.client));
  const { HIT } = await mturk.send(
    new CreateHITCommand({
      Title: 'Cat or not',
      Description: 'Say whether the photo shows a cat',
      Reward: '0.10',
      MaxAssignments: 5,
      LifetimeInSeconds: 3_600,
      AssignmentDurationInSeconds: 600,
      Question: QUESTION,
    }),
  );
  return { ...requester, mturk, hit: HIT! };
}

/** A worker (with a verified address unless told otherwise) who took one of the HIT's slots. */
async function workerWhoWorked(projectId: string, verified = true) {
  const worker = await signUp(app, { roles: ['worker'] });
  const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
  expect(accepted.statusCode).toBe(201);
  if (verified) {
    await ctx.database.db
      .updateTable('users')
      .set({ email_verified_at: ctx.clock.now() })
      .where('id', '=', worker.user.id)
      .execute();
  }
  return worker;
}

/** The requesters' messages an address got (sign-up sends a verification email too). */
const messagesTo = (email: string) =>
  receiver.to(email).filter((mail) => mail.subject.startsWith('Tessera: '));

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

async function notificationsOf(client: Awaited<ReturnType<typeof signUp>>['client']) {
  const res = await client.get('/api/v1/me/notifications');
  expect(res.statusCode).toBe(200);
  return res.json<{ items: { kind: string; title: string; body: string; link: string | null }[] }>()
    .items;
}

async function threadsOf(client: Awaited<ReturnType<typeof signUp>>['client']) {
  const res = await client.get('/api/v1/me/threads');
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Thread[] }>().items;
}

describe(`worker blocks with the AWS SDK (${testDatabaseKind()})`, () => {
  it('blocks a worker from the requester’s work, lists the blocks page by page, and lifts one', async () => {
    const { mturk, hit, client } = await requesterWithHit();
    const [first, second] = [await signUp(app), await signUp(app)];
    await mturk.send(
      new CreateWorkerBlockCommand({ WorkerId: first.user.id, Reason: 'Random answers' }),
    );
    await mturk.send(new CreateWorkerBlockCommand({ WorkerId: second.user.id, Reason: 'Spam' }));
    // The web app's blocks are the same ones: the worker cannot take the requester's HIT.
    const refused = await first.client.post(`/api/v1/projects/${hit.HITGroupId}/assignments`);
    expect(refused.statusCode).toBeGreaterThanOrEqual(400);
    const web = (await client.get('/api/v1/blocks')).json<{
      items: { worker: { id: string } }[];
    }>();
    expect(web.items.map((b) => b.worker.id).sort()).toEqual(
      [first.user.id, second.user.id].sort(),
    );

    const page1 = await mturk.send(new ListWorkerBlocksCommand({ MaxResults: 1 }));
    expect(page1.NumResults).toBe(1);
    expect(page1.NextToken).toBeDefined();
    const page2 = await mturk.send(
      new ListWorkerBlocksCommand({ MaxResults: 1, NextToken: page1.NextToken }),
    );
    expect(page2.NextToken).toBeUndefined();
    expect([...page1.WorkerBlocks!, ...page2.WorkerBlocks!]).toEqual(
      expect.arrayContaining([
        { WorkerId: first.user.id, Reason: 'Random answers' },
        { WorkerId: second.user.id, Reason: 'Spam' },
      ]),
    );

    await mturk.send(new DeleteWorkerBlockCommand({ WorkerId: first.user.id, Reason: 'Appealed' }));
    const after = await mturk.send(new ListWorkerBlocksCommand({}));
    expect(after.WorkerBlocks).toEqual([{ WorkerId: second.user.id, Reason: 'Spam' }]);
    const accepted = await first.client.post(`/api/v1/projects/${hit.HITGroupId}/assignments`);
    expect(accepted.statusCode).toBe(201);
  });

  it('refuses a block without a reason, of nobody, of a malformed id, and a bad NextToken', async () => {
    const { mturk } = await requesterWithHit();
    const worker = await signUp(app);
    const noReason = await requestErrorOf(
      mturk.send(new CreateWorkerBlockCommand({ WorkerId: worker.user.id, Reason: '  ' })),
    );
    expect(noReason.message).toContain('Reason');
    const nobody = await requestErrorOf(
      mturk.send(new CreateWorkerBlockCommand({ WorkerId: randomUUID(), Reason: 'x' })),
    );
    expect(nobody.message).toMatch(/not found|does not exist/i);
    const malformed = await requestErrorOf(
      mturk.send(new CreateWorkerBlockCommand({ WorkerId: 'A1B2C3', Reason: 'x' })),
    );
    expect(malformed.message).toBe('WorkerId A1B2C3 is invalid.');
    await requestErrorOf(mturk.send(new ListWorkerBlocksCommand({ NextToken: 'garbage' })));
    await requestErrorOf(mturk.send(new ListWorkerBlocksCommand({ MaxResults: 101 })));
    expect((await mturk.send(new ListWorkerBlocksCommand({}))).WorkerBlocks).toEqual([]);
  });

  it('keeps each requester’s blocks their own', async () => {
    const a = await requesterWithHit();
    const b = await requesterWithHit();
    const worker = await signUp(app);
    await a.mturk.send(new CreateWorkerBlockCommand({ WorkerId: worker.user.id, Reason: 'A’s' }));
    expect((await b.mturk.send(new ListWorkerBlocksCommand({}))).WorkerBlocks).toEqual([]);
    // B lifting a block B never made changes nothing of A's.
    await b.mturk.send(new DeleteWorkerBlockCommand({ WorkerId: worker.user.id }));
    expect((await a.mturk.send(new ListWorkerBlocksCommand({}))).WorkerBlocks).toEqual([
      { WorkerId: worker.user.id, Reason: 'A’s' },
    ]);
    // And B's work stays open to the worker A blocked.
    const accepted = await worker.client.post(`/api/v1/projects/${b.hit.HITGroupId}/assignments`);
    expect(accepted.statusCode).toBe(201);
  });
});

describe(`NotifyWorkers with the AWS SDK (${testDatabaseKind()})`, () => {
  it('reaches workers who did the requester’s work in the app and by email, and no one else', async () => {
    const { mturk, hit, user: requester } = await requesterWithHit();
    const verified = await workerWhoWorked(hit.HITGroupId!);
    const unverified = await workerWhoWorked(hit.HITGroupId!, false);
    const stranger = await signUp(app);
    const other = await requesterWithHit();
    const othersWorker = await workerWhoWorked(other.hit.HITGroupId!);
    const email = receiver.next(verified.email, 'Tessera: New batch tomorrow');

    const result = await mturk.send(
      new NotifyWorkersCommand({
        Subject: 'New batch tomorrow',
        MessageText: 'Thanks for your <careful> work & see you at 9:00 UTC.',
        WorkerIds: [
          verified.user.id,
          unverified.user.id,
          stranger.user.id,
          othersWorker.user.id,
          'not-a-worker',
          verified.user.id,
        ],
      }),
    );
    const failures = result.NotifyWorkersFailureStatuses!;
    expect(failures.map((f) => [f.WorkerId, f.NotifyWorkersFailureCode]).sort()).toEqual(
      [
        [stranger.user.id, 'HardFailure'],
        [othersWorker.user.id, 'HardFailure'],
        ['not-a-worker', 'HardFailure'],
      ].sort(),
    );
    expect(failures[0]!.NotifyWorkersFailureMessage).toContain('cannot be notified');

    for (const reached of [verified, unverified]) {
      const [notice, ...rest] = await notificationsOf(reached.client);
      expect(rest).toEqual([]);
      expect(notice).toMatchObject({
        kind: 'requester_message',
        body: 'Thanks for your <careful> work & see you at 9:00 UTC.',
      });
      expect(notice!.title).toContain('New batch tomorrow');
      // The message is in the worker's thread with the requester, and the notice links to it.
      const [thread, ...others] = await threadsOf(reached.client);
      expect(others).toEqual([]);
      expect(thread).toMatchObject({
        with: { id: requester.id },
        myRole: 'worker',
        project: null,
        unreadCount: 1,
        lastMessage: {
          senderId: requester.id,
          body: 'New batch tomorrow\n\nThanks for your <careful> work & see you at 9:00 UTC.',
        },
      });
      expect(notice!.link).toBe(`/messages/${thread!.id}`);
    }
    for (const untouched of [stranger, othersWorker]) {
      expect(await notificationsOf(untouched.client)).toEqual([]);
      expect(await threadsOf(untouched.client)).toEqual([]);
    }
    const mail = await email;
    expect(mail.text).toContain('Thanks for your <careful> work & see you at 9:00 UTC.');
    expect(mail.html).toContain('Thanks for your &lt;careful&gt; work &amp; see you');
    await mailer.idle();
    // Only verified addresses get email.
    for (const who of [unverified, othersWorker, stranger]) {
      expect(messagesTo(who.email)).toEqual([]);
    }
    expect(messagesTo(verified.email)).toHaveLength(1);
  });

  it(`stops at ${MESSAGES_PER_WORKER_PER_DAY} messages a day to one worker, with a SoftFailure`, async () => {
    const { mturk, hit } = await requesterWithHit();
    const worker = await workerWhoWorked(hit.HITGroupId!, false);
    const send = () =>
      mturk.send(
        new NotifyWorkersCommand({
          Subject: 'Hi',
          MessageText: 'Hello',
          WorkerIds: [worker.user.id],
        }),
      );
    for (let i = 0; i < MESSAGES_PER_WORKER_PER_DAY; i += 1) {
      expect((await send()).NotifyWorkersFailureStatuses).toEqual([]);
    }
    const limited = await send();
    expect(limited.NotifyWorkersFailureStatuses).toEqual([
      expect.objectContaining({
        WorkerId: worker.user.id,
        NotifyWorkersFailureCode: 'SoftFailure',
      }),
    ]);
    expect(await notificationsOf(worker.client)).toHaveLength(MESSAGES_PER_WORKER_PER_DAY);
    // A day later (the SDK signs with the real time, so the messages move back instead).
    await ctx.database.db
      .updateTable('worker_messages')
      .set({ created_at: new Date(ctx.clock.now().getTime() - 24 * 60 * 60 * 1000) })
      .where('worker_id', '=', worker.user.id)
      .execute();
    expect((await send()).NotifyWorkersFailureStatuses).toEqual([]);
  });

  it('puts a message in a thread the worker muted, without a notification', async () => {
    const { mturk, hit } = await requesterWithHit();
    const worker = await workerWhoWorked(hit.HITGroupId!, false);
    const send = (Subject: string) =>
      mturk.send(
        new NotifyWorkersCommand({ Subject, MessageText: 'Hello', WorkerIds: [worker.user.id] }),
      );
    await send('First');
    const [thread] = await threadsOf(worker.client);
    const muted = await worker.client.put(`/api/v1/threads/${thread!.id}/mute`, { muted: true });
    expect(muted.statusCode).toBe(200);
    expect((await send('Second')).NotifyWorkersFailureStatuses).toEqual([]);
    expect(await notificationsOf(worker.client)).toHaveLength(1);
    const [after] = await threadsOf(worker.client);
    expect(after).toMatchObject({ id: thread!.id, muted: true, unreadCount: 2 });
    expect(after!.lastMessage!.body).toBe('Second\n\nHello');
  });

  it('refuses a long subject, a long message, too many workers and none, changing nothing', async () => {
    const { mturk, hit } = await requesterWithHit();
    const worker = await workerWhoWorked(hit.HITGroupId!, false);
    const base = { Subject: 'S', MessageText: 'M', WorkerIds: [worker.user.id] };
    for (const input of [
      { ...base, Subject: 'x'.repeat(201) },
      { ...base, Subject: '' },
      { ...base, MessageText: 'x'.repeat(4_097) },
      { ...base, WorkerIds: Array.from({ length: 101 }, () => worker.user.id) },
      { ...base, WorkerIds: [] },
    ]) {
      const error = await requestErrorOf(mturk.send(new NotifyWorkersCommand(input)));
      expect(error.code).toBe('ParameterValidationError');
    }
    expect(await notificationsOf(worker.client)).toEqual([]);
    expect(await threadsOf(worker.client)).toEqual([]);
  });
});
