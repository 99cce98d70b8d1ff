import {
  GetAccountBalanceCommand,
  ListBonusPaymentsCommand,
  ListHITsCommand,
  SendBonusCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import { listenForMturk } from '../../../../test/helpers/mturk.js';
import {
  createHitCommand,
  mturkClientAt,
  requesterWithHit,
  requestErrorOf,
  workerSubmits,
} from '../../../../test/helpers/mturk-hits.js';

/**
 * UniqueRequestToken is remembered for 24 hours, as on MTurk: a repeat within the day changes
 * nothing and names the first result; a day later the token makes something new. The test clock
 * moves; the SDK's clock is moved with it so its signatures stay current.
 */
const ctx = await createTestApp();
const { app, clock } = ctx;
const endpoint = await listenForMturk(app, 29201);
const HOUR_MS = 3_600_000;
const start = ctx.clock.now();

/** The requester's client as a script would run it at the test clock's time. */
const clientNow = (key: { accessKeyId: string; secretAccessKey: string }) =>
  mturkClientAt(endpoint, key, clock.now().getTime() - start.getTime());

const available = async (mturk: MTurkClient) =>
  (await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance;

describe('UniqueRequestToken', () => {
  // Each test starts at the same time, so the helpers' plain SDK clients sign current requests.
  beforeEach(() => clock.set(start));

  it('refuses a CreateHIT token for 24 hours, then lets it create a new HIT', async () => {
    const { key } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const first = await clientNow(key).send(createHitCommand(1, { UniqueRequestToken: 'daily' }));
    // $10.00 − two HITs of one $0.50 slot.
    expect(await available(clientNow(key))).toBe('9.00');

    clock.advance(24 * HOUR_MS - 60_000);
    const again = await requestErrorOf(
      clientNow(key).send(createHitCommand(1, { UniqueRequestToken: 'daily' })),
    );
    expect(again.code).toBe('AWS.MechanicalTurk.HitAlreadyExists');
    expect(again.message).toContain(first.HIT!.HITId);
    expect(await available(clientNow(key))).toBe('9.00');

    clock.advance(60_000);
    const later = await clientNow(key).send(createHitCommand(1, { UniqueRequestToken: 'daily' }));
    expect(later.HIT!.HITId).not.toBe(first.HIT!.HITId);
    expect(await available(clientNow(key))).toBe('8.50');
    const listed = await clientNow(key).send(new ListHITsCommand({ MaxResults: 100 }));
    expect(listed.NumResults).toBe(3);

    // The token is remembered again from its new use, naming the new HIT.
    const repeat = await requestErrorOf(
      clientNow(key).send(createHitCommand(1, { UniqueRequestToken: 'daily' })),
    );
    expect(repeat.message).toContain(later.HIT!.HITId);
    expect(await available(clientNow(key))).toBe('8.50');
  });

  it('pays a SendBonus token once within 24 hours and again after them', async () => {
    const { key, hit } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const { worker, assignmentId } = await workerSubmits(app, hit.HITGroupId);
    const bonus = new SendBonusCommand({
      WorkerId: worker.user.id,
      AssignmentId: assignmentId,
      BonusAmount: '0.30',
      Reason: 'Careful work',
      UniqueRequestToken: 'bonus-daily',
    });
    await clientNow(key).send(bonus);

    clock.advance(23 * HOUR_MS);
    const again = await requestErrorOf(clientNow(key).send(bonus));
    expect(again.code).toBe('AWS.MechanicalTurk.DuplicateRequest');
    expect((await worker.client.get('/api/v1/me/earnings')).json().bonusesCents).toBe(30);

    clock.advance(HOUR_MS);
    await clientNow(key).send(bonus);
    expect((await worker.client.get('/api/v1/me/earnings')).json().bonusesCents).toBe(60);
    const paid = await clientNow(key).send(
      new ListBonusPaymentsCommand({ AssignmentId: assignmentId }),
    );
    expect(paid.NumResults).toBe(2);
    // $10.00 − $0.50 escrowed − two $0.30 bonuses.
    expect(await available(clientNow(key))).toBe('8.90');
  });

  it('keeps web Idempotency-Keys for good: a day later the same key still replays', async () => {
    const { client } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const deposit = () =>
      client.post('/api/v1/me/deposits', { amountCents: 100 }, { 'idempotency-key': 'forever' });
    const first = await deposit();
    expect(first.statusCode).toBe(201);
    clock.advance(48 * HOUR_MS);
    const later = await deposit();
    expect(later.statusCode).toBe(200);
    expect(later.json().transactionId).toBe(first.json().transactionId);
  });
});
