import {
  ApproveAssignmentCommand,
  CreateAdditionalAssignmentsForHITCommand,
  DeleteHITCommand,
  GetHITCommand,
  ListHITsCommand,
  UpdateExpirationForHITCommand,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { signUp } from '../../../../test/helpers/app.js';
import {
  createHitCommand,
  createMturkTestApp,
  deliveredEvents,
  mturkClientAt,
  requesterWithHit,
  notifyHitTypeEvents,
  requestErrorOf,
  workerSubmits,
} from '../../../../test/helpers/mturk-hits.js';
import { balance } from '../../../../test/helpers/projects.js';

const ctx = await createMturkTestApp(29101);
const { app, clock, endpoint, expectLedgerHolds } = ctx;
/** One $0.50 slot with the 10 % fee. */
const SLOT = 55;
const HOUR_MS = 3600 * 1000;

/** A worker accepts a slot of the HIT group in the web app and keeps working on it. */
async function workerAccepts(projectId: string) {
  const worker = await signUp(app, { roles: ['worker'] });
  const res = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
  return { worker, res };
}

const epochSeconds = (ms: number) => Math.floor(ms / 1000);

const moreSlots = (HITId: string, NumberOfAdditionalAssignments: number) =>
  new CreateAdditionalAssignmentsForHITCommand({ HITId, NumberOfAdditionalAssignments });

describe('UpdateExpirationForHIT with the AWS SDK', () => {
  it('expires a HIT at once: no new accepts, the free slot’s escrow returns, work in progress is still submitted', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 2 });
    const first = await workerAccepts(hit.HITGroupId);
    expect(first.res.statusCode).toBe(201);
    expect(await balance(client)).toMatchObject({ availableCents: 10_00 - 2 * SLOT });

    await mturk.send(
      new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }),
    );
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({
      HITStatus: 'Unassignable',
      MaxAssignments: 2,
      NumberOfAssignmentsAvailable: 0,
      NumberOfAssignmentsPending: 1,
    });
    expect(HIT!.Expiration!.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    // The free slot's reward and fee are back; the one in progress stays in escrow.
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - SLOT,
      escrowCents: SLOT,
    });
    const late = await workerAccepts(hit.HITGroupId);
    expect(late.res.statusCode).toBeGreaterThanOrEqual(400);

    const id = first.res.json<{ id: string }>().id;
    const submitted = await first.worker.client.post(`/api/v1/assignments/${id}/submit`, {
      answers: { cat: 'yes', note: '' },
    });
    expect(submitted.statusCode).toBe(200);
    const after = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(after.HIT).toMatchObject({ HITStatus: 'Reviewable', MaxAssignments: 2 });

    // Expiring it again changes nothing.
    await mturk.send(
      new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }),
    );
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - SLOT,
      escrowCents: SLOT,
    });
    await expectLedgerHolds();
  });

  it('moves a later expiry; a HIT it expired cannot be extended again', async () => {
    const { mturk, hit } = await requesterWithHit(app, endpoint);
    const later = new Date(clock.now().getTime() + 5 * HOUR_MS);
    await mturk.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: later }));
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({ HITStatus: 'Assignable' });
    expect(epochSeconds(HIT!.Expiration!.getTime())).toBe(epochSeconds(later.getTime()));
    // A sooner time in the future is the HIT's own expiry (mturk-hit-types.test.ts has more).
    const sooner = new Date(clock.now().getTime() + HOUR_MS);
    await mturk.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: sooner }));
    const shortened = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(epochSeconds(shortened.HIT!.Expiration!.getTime())).toBe(epochSeconds(sooner.getTime()));

    await mturk.send(
      new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: clock.now() }),
    );
    const refused = await requestErrorOf(
      mturk.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: later })),
    );
    expect(refused.code).toBe('AWS.MechanicalTurk.InvalidHITState');
    const expired = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(expired.HIT).toMatchObject({ HITStatus: 'Reviewable', MaxAssignments: 2 });
    await expectLedgerHolds();
  });
});

describe('DeleteHIT with the AWS SDK', () => {
  it('refuses a HIT with unreviewed work or still on offer, then disposes of it once reviewed', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const onOffer = await requestErrorOf(mturk.send(new DeleteHITCommand({ HITId: hit.HITId })));
    expect(onOffer.code).toBe('AWS.MechanicalTurk.InvalidHITState');
    expect(onOffer.message).toContain('Assignable');

    const { assignmentId } = await workerSubmits(app, hit.HITGroupId);
    const unreviewed = await requestErrorOf(mturk.send(new DeleteHITCommand({ HITId: hit.HITId })));
    expect(unreviewed.message).toContain('1 submitted assignment not yet approved or rejected');
    const still = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(still.HIT).toMatchObject({ HITStatus: 'Reviewable' });

    await mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId }));
    await mturk.send(new DeleteHITCommand({ HITId: hit.HITId }));
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({ HITStatus: 'Disposed', MaxAssignments: 1 });
    const listed = await mturk.send(new ListHITsCommand({ MaxResults: 100 }));
    expect(listed.HITs!.map((h) => h.HITId)).not.toContain(hit.HITId);
    expect(await balance(client)).toMatchObject({ availableCents: 10_00 - SLOT, escrowCents: 0 });
    await expectLedgerHolds();
  });

  it('returns what escrow still holds for a HIT that expired with free slots', async () => {
    const { mturk, hit, client, key } = await requesterWithHit(app, endpoint, {
      maxAssignments: 3,
    });
    const { assignmentId } = await workerSubmits(app, hit.HITGroupId);
    await mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId }));
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 3 * SLOT,
      escrowCents: 2 * SLOT,
    });
    clock.advance(2 * HOUR_MS);
    try {
      // A client per call: the SDK corrects its clock by the server's Date header after a call.
      const later = () => mturkClientAt(endpoint, key, 2 * HOUR_MS);
      await later().send(new DeleteHITCommand({ HITId: hit.HITId }));
      const { HIT } = await later().send(new GetHITCommand({ HITId: hit.HITId }));
      expect(HIT).toMatchObject({ HITStatus: 'Disposed', MaxAssignments: 3 });
      expect(await balance(client)).toMatchObject({ availableCents: 10_00 - SLOT, escrowCents: 0 });
      await expectLedgerHolds();
    } finally {
      clock.advance(-2 * HOUR_MS);
    }
  });
});

describe('CreateAdditionalAssignmentsForHIT with the AWS SDK', () => {
  it('adds slots with their escrow taken from the available balance; a repeated token pays once', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 2 });
    const add = () =>
      new CreateAdditionalAssignmentsForHITCommand({
        HITId: hit.HITId,
        NumberOfAdditionalAssignments: 3,
        UniqueRequestToken: 'more-cats-1',
      });
    await mturk.send(add());
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({
      HITStatus: 'Assignable',
      MaxAssignments: 5,
      NumberOfAssignmentsAvailable: 5,
    });
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 5 * SLOT,
      escrowCents: 5 * SLOT,
    });

    const again = await requestErrorOf(mturk.send(add()));
    expect(again.code).toBe('AWS.MechanicalTurk.DuplicateRequest');
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 5 * SLOT,
      escrowCents: 5 * SLOT,
    });

    // A returned assignment frees its slot: MaxAssignments does not move.
    const taker = await workerAccepts(hit.HITGroupId);
    const id = taker.res.json<{ id: string }>().id;
    expect((await taker.worker.client.post(`/api/v1/assignments/${id}/return`)).statusCode).toBe(
      200,
    );
    const returned = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(returned.HIT).toMatchObject({ MaxAssignments: 5, NumberOfAssignmentsAvailable: 5 });
    await expectLedgerHolds();
  });

  it('refuses to take a small HIT to 10, to spend more than is available, and to extend an expired HIT', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, {
      maxAssignments: 9,
      depositCents: 20_00,
    });
    const before = await balance(client);
    const tooMany = await requestErrorOf(mturk.send(moreSlots(hit.HITId, 1)));
    expect(tooMany.code).toBe('AWS.MechanicalTurk.InvalidMaximumAssignmentsIncrease');

    const big = await mturk.send(createHitCommand(10));
    const bigId = big.HIT!.HITId!;
    const afterBig = await balance(client);
    expect(afterBig.availableCents).toBe(before.availableCents - 10 * SLOT);
    const poor = await requestErrorOf(mturk.send(moreSlots(bigId, 20)));
    expect(poor.code).toBe('AWS.MechanicalTurk.InsufficientFunds');
    expect(await balance(client)).toEqual(afterBig);
    expect((await mturk.send(new GetHITCommand({ HITId: bigId }))).HIT).toMatchObject({
      MaxAssignments: 10,
    });

    await mturk.send(new UpdateExpirationForHITCommand({ HITId: bigId, ExpireAt: new Date(0) }));
    const expired = await requestErrorOf(mturk.send(moreSlots(bigId, 1)));
    expect(expired.code).toBe('AWS.MechanicalTurk.InvalidHITState');
    await expectLedgerHolds();
  });
});

describe("another requester's HIT", () => {
  it('is unknown to every change, and nothing changes', async () => {
    const owner = await requesterWithHit(app, endpoint);
    const other = await requesterWithHit(app, endpoint);
    const before = await balance(owner.client);
    const { HITId } = owner.hit;
    for (const attempt of [
      () => other.mturk.send(new UpdateExpirationForHITCommand({ HITId, ExpireAt: new Date(0) })),
      () => other.mturk.send(new DeleteHITCommand({ HITId })),
      () => other.mturk.send(moreSlots(HITId, 1)),
    ]) {
      const refused = await requestErrorOf(attempt());
      expect(refused.code).toBe('AWS.MechanicalTurk.HITDoesNotExist');
    }
    expect(await balance(owner.client)).toEqual(before);
    const { HIT } = await owner.mturk.send(new GetHITCommand({ HITId: owner.hit.HITId }));
    expect(HIT).toMatchObject({ HITStatus: 'Assignable', MaxAssignments: 2 });
  });
});

describe('notifications of HIT changes', () => {
  it('sends HITExtended, HITExpired and HITDisposed to the HIT type’s webhook', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const webhook = await notifyHitTypeEvents(
      client,
      mturk,
      hit.HITTypeId,
      'http://127.0.0.1:29102/hook',
      ['HITExtended', 'HITExpired', 'HITDisposed'],
    );
    await mturk.send(moreSlots(hit.HITId, 1));
    await mturk.send(
      new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }),
    );
    // Expiring it again changes nothing, and sends nothing.
    await mturk.send(
      new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: new Date(0) }),
    );
    await mturk.send(new DeleteHITCommand({ HITId: hit.HITId }));
    expect((await deliveredEvents(client, webhook.id)).sort()).toEqual([
      'mturk.HITDisposed',
      'mturk.HITExpired',
      'mturk.HITExtended',
    ]);
  });
});
