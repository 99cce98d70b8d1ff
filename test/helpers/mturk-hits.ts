import {
  CreateHITCommand,
  MTurkClient,
  MTurkServiceException,
  UpdateNotificationSettingsCommand,
  type EventType,
} from '@aws-sdk/client-mturk';
import { expect } from 'vitest';
import type { App } from '../../src/server/app.js';
import { createTestApp, signUp, type Client } from './app.js';
import { ledgerViolations, NO_LEDGER_VIOLATIONS } from './ledger.js';
import { createAccessKey, listenForMturk, mturkClient, type AccessKeyPair } from './mturk.js';
import { deposit, signUpRequester } from './projects.js';

export const HTML_QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<form><input name="cat"><textarea name="note"></textarea></form>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;

/**
 * The HIT suites' app: a 10 % platform fee, webhooks allowed to this machine (for the HIT
 * types' notifications), the MTurk endpoint listening on `port`, and a check that the ledger's
 * invariants hold.
 */
export async function createMturkTestApp(port: number) {
  const feePercent = 10;
  const ctx = await createTestApp({
    env: { PLATFORM_FEE_PERCENT: String(feePercent), WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' },
  });
  const endpoint = await listenForMturk(ctx.app, port);
  async function expectLedgerHolds() {
    expect(await ledgerViolations(ctx.database.db, feePercent)).toEqual(NO_LEDGER_VIOLATIONS);
  }
  return { ...ctx, endpoint, expectLedgerHolds };
}

/** The events delivered to one of the requester's webhooks, oldest first. */
export async function deliveredEvents(client: Client, webhookId: string) {
  const res = await client.get(`/api/v1/webhooks/${webhookId}/deliveries`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { event: string }[] }>().items.map((item) => item.event);
}

/** A CreateHIT request for a $0.50 HIT with `maxAssignments` slots, an hour to live. */
export function createHitCommand(maxAssignments: number, overrides: object = {}) {
  return new CreateHITCommand({
    Title: 'Cat or not',
    Description: 'Say whether the photo shows a cat',
    Reward: '0.50',
    MaxAssignments: maxAssignments,
    LifetimeInSeconds: 3_600,
    AssignmentDurationInSeconds: 600,
    Question: HTML_QUESTION,
    ...overrides,
  });
}

/** A requester with `depositCents` to spend, an access key's client, and one HIT. */
export async function requesterWithHit(
  app: App,
  endpoint: string,
  options: { maxAssignments?: number; depositCents?: number } = {},
) {
  const requester = await signUpRequester(app);
  await deposit(requester.client, options.depositCents ?? 10_00);
  const key = await createAccessKey(requester.client);
  const mturk: MTurkClient = mturkClient(endpoint, key);
  const { HIT } = await mturk.send(createHitCommand(options.maxAssignments ?? 2));
  if (!HIT?.HITId || !HIT.HITGroupId) throw new Error('CreateHIT answered without a HIT');
  return {
    ...requester,
    key,
    mturk,
    hit: { ...HIT, HITId: HIT.HITId, HITGroupId: HIT.HITGroupId },
  };
}

/** A worker takes a task of the project (a HIT group) in the web app and submits answers. */
export async function workerSubmits(
  app: App,
  projectId: string,
  answers: Record<string, string> = { cat: 'yes', note: '' },
) {
  const worker = await signUp(app, { roles: ['worker'] });
  const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
  expect(accepted.statusCode).toBe(201);
  const id = accepted.json<{ id: string }>().id;
  const submitted = await worker.client.post(`/api/v1/assignments/${id}/submit`, { answers });
  expect(submitted.statusCode).toBe(200);
  return { worker, assignmentId: id };
}

/** The RequestError a call ends with: its message and TurkErrorCode. */
export async function requestErrorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MTurkServiceException);
  // The SDK keeps the body's other fields (TurkErrorCode) on the exception it throws.
  const e = error as MTurkServiceException & { TurkErrorCode?: string };
  expect(e.name).toBe('RequestError');
  return { message: e.message, code: e.TurkErrorCode };
}

/** A script's client whose clock runs `offsetMs` ahead, for a test clock moved forward. */
export function mturkClientAt(endpoint: string, key: AccessKeyPair, offsetMs: number) {
  return new MTurkClient({
    endpoint,
    region: 'us-east-1',
    credentials: key,
    maxAttempts: 1,
    systemClockOffset: offsetMs,
  });
}

/** A webhook of the requester's (at `url`) that the HIT type's notifications send `events` to. */
export async function notifyHitTypeEvents(
  client: Client,
  mturk: MTurkClient,
  hitTypeId: string | undefined,
  url: string,
  events: EventType[],
) {
  if (!hitTypeId) throw new Error('the HIT has no HITTypeId');
  const res = await client.post('/api/v1/webhooks', { url, events: ['ping'] });
  expect(res.statusCode, res.body).toBe(201);
  await mturk.send(
    new UpdateNotificationSettingsCommand({
      HITTypeId: hitTypeId,
      Notification: {
        Destination: url,
        Transport: 'SQS',
        Version: '2006-05-05',
        EventTypes: events,
      },
      Active: true,
    }),
  );
  return res.json<{ id: string }>();
}
