import {
  GetAccountBalanceCommand,
  ListBonusPaymentsCommand,
  SendBonusCommand,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import { ledgerViolations, NO_LEDGER_VIOLATIONS } from '../../../../test/helpers/ledger.js';
import { listenForMturk } from '../../../../test/helpers/mturk.js';
import {
  requesterWithHit,
  requestErrorOf,
  workerSubmits,
} from '../../../../test/helpers/mturk-hits.js';

const FEE_PERCENT = 10;
const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: String(FEE_PERCENT) } });
const { app } = ctx;
const endpoint = await listenForMturk(app, 24102);

async function expectLedgerHolds() {
  expect(await ledgerViolations(ctx.database.db, FEE_PERCENT)).toEqual(NO_LEDGER_VIOLATIONS);
}

describe('SendBonus and ListBonusPayments with the AWS SDK', () => {
  it('pays a bonus once per UniqueRequestToken through the ledger, and lists it', async () => {
    const { mturk, hit } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const { worker, assignmentId } = await workerSubmits(app, hit.HITGroupId);
    const bonus = {
      WorkerId: worker.user.id,
      AssignmentId: assignmentId,
      BonusAmount: '1.5',
      Reason: 'Great captions',
      UniqueRequestToken: 'bonus-1',
    };
    await mturk.send(new SendBonusCommand(bonus));
    const again = await requestErrorOf(mturk.send(new SendBonusCommand(bonus)));
    expect(again.message).toContain('already sent');
    // $10.00 − $0.55 escrowed − $1.50 bonus − $0.15 fee, once.
    expect((await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe('7.80');
    expect((await worker.client.get('/api/v1/me/earnings')).json().bonusesCents).toBe(150);

    await mturk.send(
      new SendBonusCommand({ ...bonus, BonusAmount: '0.25', UniqueRequestToken: undefined }),
    );
    const byHit = await mturk.send(new ListBonusPaymentsCommand({ HITId: hit.HITId }));
    expect(byHit.NumResults).toBe(2);
    expect(byHit.BonusPayments!.map((b) => b.BonusAmount).sort()).toEqual(['0.25', '1.50']);
    expect(byHit.BonusPayments![0]).toMatchObject({
      WorkerId: worker.user.id,
      AssignmentId: assignmentId,
      Reason: 'Great captions',
    });
    expect(byHit.BonusPayments![0]!.GrantTime).toBeInstanceOf(Date);
    const page1 = await mturk.send(
      new ListBonusPaymentsCommand({ AssignmentId: assignmentId, MaxResults: 1 }),
    );
    expect(page1.NumResults).toBe(1);
    const page2 = await mturk.send(
      new ListBonusPaymentsCommand({
        AssignmentId: assignmentId,
        MaxResults: 1,
        NextToken: page1.NextToken,
      }),
    );
    expect(page2.NumResults).toBe(1);
    expect(page2.NextToken).toBeUndefined();
    await expectLedgerHolds();
  });

  it("refuses bad amounts, the wrong worker, no money and another requester's ids, paying nothing", async () => {
    const owner = await requesterWithHit(app, endpoint, {
      maxAssignments: 1,
      depositCents: 1_00,
    });
    const { worker, assignmentId } = await workerSubmits(app, owner.hit.HITGroupId);
    const bonus = {
      WorkerId: worker.user.id,
      AssignmentId: assignmentId,
      BonusAmount: '0.10',
      Reason: 'Thanks',
    };
    for (const BonusAmount of ['-1', 'abc', '0', '0.001']) {
      await requestErrorOf(owner.mturk.send(new SendBonusCommand({ ...bonus, BonusAmount })));
    }
    await requestErrorOf(owner.mturk.send(new SendBonusCommand({ ...bonus, Reason: '' })));
    const wrongWorker = await requestErrorOf(
      owner.mturk.send(new SendBonusCommand({ ...bonus, WorkerId: owner.user.id })),
    );
    expect(wrongWorker.message).toContain('did not work on');
    const poor = await requestErrorOf(
      owner.mturk.send(new SendBonusCommand({ ...bonus, BonusAmount: '5.00' })),
    );
    expect(poor.code).toBe('AWS.MechanicalTurk.InsufficientFunds');

    const stranger = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const notMine = await requestErrorOf(stranger.mturk.send(new SendBonusCommand(bonus)));
    expect(notMine.code).toBe('AWS.MechanicalTurk.AssignmentDoesNotExist');
    const listNotMine = await requestErrorOf(
      stranger.mturk.send(new ListBonusPaymentsCommand({ HITId: owner.hit.HITId })),
    );
    expect(listNotMine.code).toBe('AWS.MechanicalTurk.HITDoesNotExist');
    await requestErrorOf(owner.mturk.send(new ListBonusPaymentsCommand({})));
    await requestErrorOf(
      owner.mturk.send(new ListBonusPaymentsCommand({ HITId: owner.hit.HITId, NextToken: 'x' })),
    );
    const none = await owner.mturk.send(new ListBonusPaymentsCommand({ HITId: owner.hit.HITId }));
    expect(none.NumResults).toBe(0);
    expect((await worker.client.get('/api/v1/me/earnings')).json().bonusesCents).toBe(0);
    await expectLedgerHolds();
  });
});
