import {
  CreateHITCommand,
  MTurkServiceException,
  SendTestEventNotificationCommand,
  UpdateNotificationSettingsCommand,
  type NotificationSpecification,
} from '@aws-sdk/client-mturk';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it, vi } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import { createAccessKey, listenForMturk, mturkClient } from '../../../../test/helpers/mturk.js';
import { deposit, signUpRequester } from '../../../../test/helpers/projects.js';
import { startWebhookReceiver } from '../../../../test/helpers/webhook-receiver.js';
import { createWebhooksModule } from '../webhooks/webhooks.module.js';

// Receivers on this machine: the operator setting that allows private targets is on here.
const ctx = await createTestApp({ env: { WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' } });
const { app, clock } = ctx;
const endpoint = await listenForMturk(app, 24502);
const receiver = await startWebhookReceiver(24503);
// The sweep the server runs, called directly over the same database and clock.
const { service: sweeper } = createWebhooksModule({
  db: ctx.database.db,
  clock,
  config: ctx.config,
  allowPrivateTargets: true,
});

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<form><input name="cat"></form>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;

type EventDocument = {
  EventDocId: string;
  SourceAccount: string;
  CustomerId: string;
  EventDocVersion: string;
  Events: Record<string, string>[];
};

async function requesterWithWebhook(path = '/hook') {
  const requester = await signUpRequester(app);
  await deposit(requester.client, 10_00);
  const mturk = mturkClient(endpoint, await createAccessKey(requester.client));
  const url = receiver.url.replace('/hook', path);
  const res = await requester.client.post('/api/v1/webhooks', { url, events: ['ping'] });
  expect(res.statusCode, res.body).toBe(201);
  const webhook = res.json<{ id: string; secret: string; url: string }>();
  const spec: NotificationSpecification = {
    Destination: url,
    Transport: 'SQS',
    Version: '2006-05-05',
    EventTypes: ['AssignmentAccepted', 'AssignmentSubmitted', 'HITReviewable'],
  };
  return { ...requester, mturk, webhook, spec };
}

async function deliveries(client: Client, webhookId: string) {
  const res = await client.get(`/api/v1/webhooks/${webhookId}/deliveries`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { messageId: string; event: string; status: string }[] }>().items;
}

/** The received message with this webhook-id, its signature verified as a receiver would. */
function receivedDocument(secret: string, messageId: string): EventDocument {
  const message = receiver.received.find((m) => m.headers['webhook-id'] === messageId);
  expect(message).toBeDefined();
  const verified = new Webhook(secret).verify(
    message!.body,
    message!.headers as Record<string, string>,
  );
  return verified as EventDocument;
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

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

describe(`MTurk notifications over webhooks (${testDatabaseKind()})`, () => {
  it('sends a test event in MTurk’s JSON, signed, to the webhook the Destination names', async () => {
    // Receivers check the signature's timestamp against real time.
    clock.set(new Date());
    const { mturk, webhook, spec, client, user } = await requesterWithWebhook();
    await mturk.send(
      new SendTestEventNotificationCommand({ Notification: spec, TestEventType: 'Ping' }),
    );
    const [delivery] = await deliveries(client, webhook.id);
    expect(delivery).toMatchObject({ event: 'mturk.Ping', status: 'delivered' });
    const document = receivedDocument(webhook.secret, delivery!.messageId);
    expect(document).toEqual({
      EventDocId: expect.any(String),
      SourceAccount: user.id,
      CustomerId: user.id,
      EventDocVersion: '2014-08-15',
      Events: [{ EventType: 'Ping', EventTimestamp: expect.stringMatching(TIMESTAMP) }],
    });
  });

  it('says so when the test event is not delivered', async () => {
    const { mturk, spec } = await requesterWithWebhook();
    receiver.answerWith(500, 'down');
    try {
      const error = await requestErrorOf(
        mturk.send(
          new SendTestEventNotificationCommand({
            Notification: spec,
            TestEventType: 'AssignmentSubmitted',
          }),
        ),
      );
      expect(error.message).toContain('not delivered');
      expect(error.message).toContain('HTTP 500');
    } finally {
      receiver.answerWith(200, 'ok');
    }
  });

  it('delivers the events a HIT type’s settings name, through the outbox', async () => {
    clock.set(new Date());
    const { mturk, webhook, spec, client, user } = await requesterWithWebhook('/live');
    const { HIT } = await mturk.send(
      new CreateHITCommand({
        Title: 'Cat or not',
        Description: 'Say whether the photo shows a cat',
        Reward: '0.10',
        MaxAssignments: 1,
        LifetimeInSeconds: 3_600,
        AssignmentDurationInSeconds: 600,
        Question: QUESTION,
      }),
    );
    await mturk.send(
      new UpdateNotificationSettingsCommand({ HITTypeId: HIT!.HITTypeId, Notification: spec }),
    );
    const worker = await signUp(app, { roles: ['worker'] });
    const accepted = await worker.client.post(`/api/v1/projects/${HIT!.HITGroupId}/assignments`);
    expect(accepted.statusCode).toBe(201);
    const assignmentId = accepted.json<{ id: string }>().id;
    await vi.waitFor(async () => expect(await deliveries(client, webhook.id)).toHaveLength(1));
    const submitted = await worker.client.post(`/api/v1/assignments/${assignmentId}/submit`, {
      answers: { cat: 'yes' },
    });
    expect(submitted.statusCode).toBe(200);
    const queued = await vi.waitFor(async () => {
      const items = await deliveries(client, webhook.id);
      expect(items).toHaveLength(2);
      return items;
    });
    // Both were queued at the test clock's one instant: the log's order between them is the id's.
    const byEvent = new Map(queued.map((d) => [d.event, d]));
    expect([...byEvent.keys()].sort()).toEqual([
      'mturk.AssignmentAccepted',
      'mturk.AssignmentSubmitted+HITReviewable',
    ]);
    expect(queued.map((d) => d.status)).toEqual(['pending', 'pending']);
    while ((await sweeper.sweepDue()) > 0);
    const ids = {
      HITTypeId: HIT!.HITTypeId,
      HITGroupId: HIT!.HITGroupId,
      HITId: HIT!.HITId,
    };
    const at = expect.stringMatching(TIMESTAMP);
    const acceptedDoc = receivedDocument(
      webhook.secret,
      byEvent.get('mturk.AssignmentAccepted')!.messageId,
    );
    const submittedDoc = receivedDocument(
      webhook.secret,
      byEvent.get('mturk.AssignmentSubmitted+HITReviewable')!.messageId,
    );
    expect(acceptedDoc).toMatchObject({
      CustomerId: user.id,
      EventDocVersion: '2014-08-15',
      Events: [
        {
          EventType: 'AssignmentAccepted',
          EventTimestamp: at,
          ...ids,
          AssignmentId: assignmentId,
          WorkerId: worker.user.id,
        },
      ],
    });
    expect(submittedDoc.Events).toEqual([
      {
        EventType: 'AssignmentSubmitted',
        EventTimestamp: at,
        ...ids,
        AssignmentId: assignmentId,
        WorkerId: worker.user.id,
      },
      { EventType: 'HITReviewable', EventTimestamp: at, ...ids },
    ]);
    expect(acceptedDoc.EventDocId).not.toBe(submittedDoc.EventDocId);
    expect((await deliveries(client, webhook.id)).map((d) => d.status)).toEqual([
      'delivered',
      'delivered',
    ]);
  });

  it('refuses SQS and SNS destinations, email, unknown URLs, Ping in settings and others’ HIT types', async () => {
    const { mturk, spec } = await requesterWithWebhook('/a');
    const other = await requesterWithWebhook('/b');
    const { HIT } = await mturk.send(
      new CreateHITCommand({
        Title: 'Cat or not',
        Description: 'Say whether the photo shows a cat',
        Reward: '0.10',
        LifetimeInSeconds: 3_600,
        AssignmentDurationInSeconds: 600,
        Question: QUESTION,
      }),
    );
    const update = (
      client: typeof mturk,
      notification: NotificationSpecification,
      active?: boolean,
    ) =>
      requestErrorOf(
        client.send(
          new UpdateNotificationSettingsCommand({
            HITTypeId: HIT!.HITTypeId,
            Notification: notification,
            Active: active,
          }),
        ),
      );
    const sns = await update(mturk, {
      ...spec,
      Transport: 'SNS',
      Destination: 'arn:aws:sns:us-east-1:123456789012:my-topic',
    });
    expect(sns.message).toContain('Tessera cannot deliver to Amazon SNS');
    expect(sns.message).toContain('https:// URL of one of your Tessera webhooks');
    const sqs = await update(mturk, {
      ...spec,
      Destination: 'https://sqs.us-east-1.amazonaws.com/123456789012/my-queue',
    });
    expect(sqs.message).toContain('Tessera cannot deliver to Amazon SQS');
    const email = await update(mturk, { ...spec, Transport: 'Email', Destination: 'me@x.org' });
    expect(email.message).toContain('does not send notifications by email');
    // Another requester's webhook is not a destination of this one's.
    const foreign = await update(mturk, { ...spec, Destination: other.spec.Destination! });
    expect(foreign.message).toContain('is not the URL of one of your webhooks');
    const ping = await update(mturk, { ...spec, EventTypes: ['Ping'] });
    expect(ping.message).toContain('only valid for the SendTestEventNotification');
    const version = await update(mturk, { ...spec, Version: '2099-01-01' });
    expect(version.message).toContain('not supported');
    const activeOnly = await requestErrorOf(
      mturk.send(
        new UpdateNotificationSettingsCommand({ HITTypeId: HIT!.HITTypeId, Active: true }),
      ),
    );
    expect(activeOnly.message).toContain('no notification settings yet');
    const crossTenant = await update(other.mturk, other.spec);
    expect(crossTenant.code).toBe('AWS.MechanicalTurk.HITTypeDoesNotExist');
    const badEvent = await requestErrorOf(
      mturk.send(
        new SendTestEventNotificationCommand({
          Notification: spec,
          TestEventType: 'Nonsense' as 'Ping',
        }),
      ),
    );
    expect(badEvent.code).toBe('ParameterValidationError');
    // Settings that are accepted: then turned off with Active alone.
    await mturk.send(
      new UpdateNotificationSettingsCommand({ HITTypeId: HIT!.HITTypeId, Notification: spec }),
    );
    await mturk.send(
      new UpdateNotificationSettingsCommand({ HITTypeId: HIT!.HITTypeId, Active: false }),
    );
    const stored = await ctx.database.db
      .selectFrom('mturk_notification_settings')
      .select(['active', 'destination', 'event_types'])
      .where('hit_type_id', '=', HIT!.HITTypeId!)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      active: false,
      destination: spec.Destination,
      event_types: spec.EventTypes,
    });
  });
});
