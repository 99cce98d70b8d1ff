import {
  ApproveAssignmentCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  DeleteHITCommand,
  GetHITCommand,
  UpdateExpirationForHITCommand,
  UpdateHITTypeOfHITCommand,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../app.js';
import { signUp, type Client } from '../../../../test/helpers/app.js';
import { testDatabaseKind } from '../../../../test/helpers/database-kind.js';
import {
  createMturkTestApp,
  deliveredEvents,
  HTML_QUESTION,
  mturkClientAt,
  requesterWithHit,
  notifyHitTypeEvents,
  requestErrorOf,
  workerSubmits,
} from '../../../../test/helpers/mturk-hits.js';
import { balance } from '../../../../test/helpers/projects.js';
import { openTasksSql } from '../../db/open-tasks.js';

const ctx = await createMturkTestApp(29600);
const { app, clock, endpoint, expectLedgerHolds } = ctx;
const db = ctx.database.db;
// The settlement sweep the server runs, over the same database and clock.
const services = createServices({ db, clock, config: ctx.config });
/** A slot's reward and 10 % fee: $0.50, $1.00 and $0.20. */
const SLOT = 55;
const DEAR_SLOT = 110;
const CHEAP_SLOT = 22;
const MINUTE_MS = 60_000;

/** A HIT type like the helper's HIT's ("Cat or not"), at another reward. */
async function hitTypeAt(mturk: MTurkClient, reward: string) {
  const { HITTypeId } = await mturk.send(
    new CreateHITTypeCommand({
      Title: 'Cat or not',
      Description: 'Say whether the photo shows a cat',
      Reward: reward,
      AssignmentDurationInSeconds: 600,
    }),
  );
  return HITTypeId!;
}

/** The HIT's one-row batch: what it escrowed and released, and the project it is in. */
async function batchOf(hitId: string) {
  const task = await db
    .selectFrom('tasks')
    .select(['batch_id', 'project_id', 'reward_cents'])
    .where('id', '=', hitId)
    .executeTakeFirstOrThrow();
  const batch = await db
    .selectFrom('batches')
    .select(['project_id', 'escrow_cents', 'released_cents'])
    .where('id', '=', task.batch_id)
    .executeTakeFirstOrThrow();
  return {
    projectId: batch.project_id,
    taskProjectId: task.project_id,
    taskRewardCents: Number(task.reward_cents),
    escrowCents: Number(batch.escrow_cents),
    releasedCents: Number(batch.released_cents),
  };
}

/** What the ledger holds in escrow for one project. */
async function projectEscrow(projectId: string) {
  return services.ledger.projectEscrowCents(projectId);
}

async function accept(client: Client, projectId: string) {
  return client.post(`/api/v1/projects/${projectId}/assignments`);
}

describe(`UpdateHITTypeOfHIT with the AWS SDK (${testDatabaseKind()})`, () => {
  it('moves a HIT to a dearer type: the untaken slots’ extra escrow comes from available, work in progress keeps its reward', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 3 });
    const worker = await signUp(app, { roles: ['worker'] });
    const accepted = await accept(worker.client, hit.HITGroupId);
    expect(accepted.statusCode).toBe(201);
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 3 * SLOT,
      escrowCents: 3 * SLOT,
    });
    expect(await batchOf(hit.HITId)).toMatchObject({ escrowCents: 3 * SLOT, releasedCents: 0 });

    const dear = await hitTypeAt(mturk, '1.00');
    await mturk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: dear }));

    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({
      HITTypeId: dear,
      Reward: '1.00',
      HITStatus: 'Assignable',
      MaxAssignments: 3,
      NumberOfAssignmentsAvailable: 2,
      NumberOfAssignmentsPending: 1,
    });
    expect(HIT!.HITGroupId).not.toBe(hit.HITGroupId);
    // Two untaken slots now cost $1.10 each; the accepted one stays at $0.55.
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 2 * DEAR_SLOT - SLOT,
      escrowCents: 2 * DEAR_SLOT + SLOT,
    });
    expect(await batchOf(hit.HITId)).toEqual({
      projectId: HIT!.HITGroupId,
      taskProjectId: HIT!.HITGroupId,
      taskRewardCents: 100,
      escrowCents: 3 * SLOT + 2 * (DEAR_SLOT - SLOT),
      releasedCents: 0,
    });
    expect(await projectEscrow(hit.HITGroupId)).toBe(0);
    expect(await projectEscrow(HIT!.HITGroupId!)).toBe(2 * DEAR_SLOT + SLOT);
    await expectLedgerHolds();

    // The worker submits and is paid the reward they accepted, from the new group's escrow.
    const id = accepted.json<{ id: string }>().id;
    const submitted = await worker.client.post(`/api/v1/assignments/${id}/submit`, {
      answers: { cat: 'yes', note: '' },
    });
    expect(submitted.statusCode).toBe(200);
    await mturk.send(new ApproveAssignmentCommand({ AssignmentId: id }));
    const earned = await db
      .selectFrom('assignments')
      .select(['reward_cents', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(earned).toEqual({ reward_cents: 50, status: 'approved' });
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 2 * DEAR_SLOT - SLOT,
      escrowCents: 2 * DEAR_SLOT,
    });
    // A new worker takes a slot at the new reward.
    const next = await signUp(app, { roles: ['worker'] });
    const second = await accept(next.client, HIT!.HITGroupId!);
    expect(second.statusCode).toBe(201);
    expect(second.json<{ rewardCents: number }>()).toMatchObject({ rewardCents: 100 });
    await expectLedgerHolds();
  });

  it('moves a HIT to a cheaper type: the difference for untaken slots returns to available', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 2 });
    const cheap = await hitTypeAt(mturk, '0.20');
    await mturk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: cheap }));
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 2 * CHEAP_SLOT,
      escrowCents: 2 * CHEAP_SLOT,
    });
    expect(await batchOf(hit.HITId)).toMatchObject({
      taskRewardCents: 20,
      escrowCents: 2 * SLOT,
      releasedCents: 2 * (SLOT - CHEAP_SLOT),
    });
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({
      HITTypeId: cheap,
      Reward: '0.20',
      NumberOfAssignmentsAvailable: 2,
    });

    // Its own type again changes nothing.
    await mturk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: cheap }));
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 2 * CHEAP_SLOT,
      escrowCents: 2 * CHEAP_SLOT,
    });
    await expectLedgerHolds();
  });

  it('joins the open group of the new type with the same question and MaxAssignments', async () => {
    const { mturk, hit } = await requesterWithHit(app, endpoint, { maxAssignments: 2 });
    const dear = await hitTypeAt(mturk, '1.00');
    const existing = await mturk.send(
      new CreateHITWithHITTypeCommand({
        HITTypeId: dear,
        MaxAssignments: 2,
        LifetimeInSeconds: 3_600,
        Question: HTML_QUESTION,
      }),
    );
    await mturk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: dear }));
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT!.HITGroupId).toBe(existing.HIT!.HITGroupId);
    const project = await db
      .selectFrom('projects')
      .select(['task_count', openTasksSql('projects').as('open_tasks')])
      .where('id', '=', existing.HIT!.HITGroupId!)
      .executeTakeFirstOrThrow();
    expect(project).toEqual({ task_count: 2, open_tasks: 2 });
    const old = await db
      .selectFrom('projects')
      .select(['task_count', openTasksSql('projects').as('open_tasks')])
      .where('id', '=', hit.HITGroupId)
      .executeTakeFirstOrThrow();
    expect(old).toEqual({ task_count: 0, open_tasks: 0 });
    await expectLedgerHolds();
  });

  it('refuses a move the available funds cannot pay for, and nothing changes', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, {
      maxAssignments: 2,
      depositCents: 2 * SLOT + 50,
    });
    const dear = await hitTypeAt(mturk, '1.00');
    const before = await balance(client);
    const batchBefore = await batchOf(hit.HITId);
    const refused = await requestErrorOf(
      mturk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: dear })),
    );
    expect(refused.code).toBe('AWS.MechanicalTurk.InsufficientFunds');
    expect(refused.message).toContain('needs 1.10 more');
    expect(refused.message).toContain('available balance is 0.50');
    expect(await balance(client)).toMatchObject(before);
    expect(await batchOf(hit.HITId)).toEqual(batchBefore);
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({ HITTypeId: hit.HITTypeId, HITGroupId: hit.HITGroupId });
    // The draft made for the new group is not left on offer.
    const drafts = await db
      .selectFrom('mturk_hit_groups')
      .select('project_id')
      .where('hit_type_id', '=', dear)
      .execute();
    expect(drafts).toEqual([]);
    await expectLedgerHolds();
  });

  it('refuses unknown, disposed and other requesters’ HITs and types with MTurk’s errors', async () => {
    const owner = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const other = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const ownType = await hitTypeAt(owner.mturk, '1.00');
    const othersType = await hitTypeAt(other.mturk, '1.00');
    const move = (mturk: MTurkClient, HITId: string, HITTypeId: string) =>
      requestErrorOf(mturk.send(new UpdateHITTypeOfHITCommand({ HITId, HITTypeId })));
    const before = await balance(owner.client);

    const unknownHit = await move(owner.mturk, '3ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ', ownType);
    expect(unknownHit).toEqual({
      code: 'AWS.MechanicalTurk.HITDoesNotExist',
      message: 'Hit 3ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ does not exist.',
    });
    const othersHit = await move(owner.mturk, other.hit.HITId, ownType);
    expect(othersHit.code).toBe('AWS.MechanicalTurk.HITDoesNotExist');
    const unknownType = await move(owner.mturk, owner.hit.HITId, 'NOSUCHTYPE');
    expect(unknownType).toEqual({
      code: 'AWS.MechanicalTurk.HITTypeDoesNotExist',
      message: 'HITType NOSUCHTYPE does not exist.',
    });
    const othersTypeRefused = await move(owner.mturk, owner.hit.HITId, othersType);
    expect(othersTypeRefused.code).toBe('AWS.MechanicalTurk.HITTypeDoesNotExist');
    expect(await balance(owner.client)).toMatchObject(before);

    const { assignmentId } = await workerSubmits(app, owner.hit.HITGroupId);
    await owner.mturk.send(new ApproveAssignmentCommand({ AssignmentId: assignmentId }));
    await owner.mturk.send(new DeleteHITCommand({ HITId: owner.hit.HITId }));
    const disposed = await move(owner.mturk, owner.hit.HITId, ownType);
    expect(disposed.code).toBe('AWS.MechanicalTurk.InvalidHITState');
    expect(disposed.message).toContain('Disposed');
    await expectLedgerHolds();
  });

  it('counts two moves of the same HIT at once only once', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 2 });
    const dear = await hitTypeAt(mturk, '1.00');
    const results = await Promise.allSettled([
      mturk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: dear })),
      mturk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: dear })),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 2 * DEAR_SLOT,
      escrowCents: 2 * DEAR_SLOT,
    });
    expect(await batchOf(hit.HITId)).toMatchObject({
      escrowCents: 2 * DEAR_SLOT,
      releasedCents: 0,
    });
    // One open group of the new type holds it; a draft a losing move made is not on offer.
    const groups = await db
      .selectFrom('mturk_hit_groups as g')
      .innerJoin('projects as p', 'p.id', 'g.project_id')
      .select(['p.id', 'p.status', 'p.task_count'])
      .where('g.hit_type_id', '=', dear)
      .execute();
    expect(groups).toEqual([
      { id: (await batchOf(hit.HITId)).projectId, status: 'published', task_count: 1 },
    ]);
    await expectLedgerHolds();
  });

  it('a move while a worker accepts: the accepted slot keeps the price it was taken at', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 2 });
    const dear = await hitTypeAt(mturk, '1.00');
    const worker = await signUp(app, { roles: ['worker'] });
    const [moved, accepted] = await Promise.all([
      mturk.send(new UpdateHITTypeOfHITCommand({ HITId: hit.HITId, HITTypeId: dear })),
      accept(worker.client, hit.HITGroupId),
    ]);
    expect(moved).toBeDefined();
    const taken = await db
      .selectFrom('assignments')
      .select('reward_cents')
      .where('task_id', '=', hit.HITId)
      .execute();
    // Before the move it was taken at $0.50 in the old group; after it, the old group has no
    // task left to give.
    if (accepted.statusCode === 201) {
      expect(taken).toEqual([{ reward_cents: 50 }]);
      expect(await balance(client)).toMatchObject({
        availableCents: 10_00 - DEAR_SLOT - SLOT,
        escrowCents: DEAR_SLOT + SLOT,
      });
    } else {
      expect(taken).toEqual([]);
      expect(await balance(client)).toMatchObject({
        availableCents: 10_00 - 2 * DEAR_SLOT,
        escrowCents: 2 * DEAR_SLOT,
      });
    }
    await expectLedgerHolds();
  });
});

describe(`UpdateExpirationForHIT to a sooner time (${testDatabaseKind()})`, () => {
  it('a HIT alone in its group: offered until then, its untaken slots’ escrow back once settled', async () => {
    const { mturk, hit, client, key } = await requesterWithHit(app, endpoint, {
      maxAssignments: 2,
    });
    const sooner = new Date(clock.now().getTime() + 5 * MINUTE_MS);
    await mturk.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: sooner }));
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({ HITStatus: 'Assignable', HITGroupId: hit.HITGroupId });
    expect(HIT!.Expiration!.getTime()).toBe(Math.floor(sooner.getTime() / 1000) * 1000);
    const early = await signUp(app, { roles: ['worker'] });
    expect((await accept(early.client, hit.HITGroupId)).statusCode).toBe(201);

    // Past the HIT's expiry, within the accepted assignment's ten minutes.
    clock.advance(6 * MINUTE_MS);
    try {
      const late = await signUp(app, { roles: ['worker'] });
      expect((await accept(late.client, hit.HITGroupId)).statusCode).toBeGreaterThanOrEqual(400);
      const later = mturkClientAt(endpoint, key, 6 * MINUTE_MS);
      const expired = await later.send(new GetHITCommand({ HITId: hit.HITId }));
      expect(expired.HIT).toMatchObject({
        HITStatus: 'Unassignable',
        NumberOfAssignmentsAvailable: 0,
      });
      await services.review.settlement.sweep();
      // The untaken slot's $0.55 is back; the accepted one's stays until its work settles.
      expect(await balance(client)).toMatchObject({
        availableCents: 10_00 - SLOT,
        escrowCents: SLOT,
      });
      await expectLedgerHolds();
    } finally {
      clock.advance(-6 * MINUTE_MS);
    }
  });

  it('a HIT that shares its group gets a group of its own that expires then; the others keep theirs', async () => {
    const { mturk, hit, client, key } = await requesterWithHit(app, endpoint, {
      maxAssignments: 1,
    });
    const sibling = await mturk.send(
      new CreateHITWithHITTypeCommand({
        HITTypeId: hit.HITTypeId,
        MaxAssignments: 1,
        LifetimeInSeconds: 3_600,
        Question: HTML_QUESTION,
      }),
    );
    expect(sibling.HIT!.HITGroupId).toBe(hit.HITGroupId);
    const sooner = new Date(clock.now().getTime() + 10 * MINUTE_MS);
    await mturk.send(new UpdateExpirationForHITCommand({ HITId: hit.HITId, ExpireAt: sooner }));
    const { HIT } = await mturk.send(new GetHITCommand({ HITId: hit.HITId }));
    expect(HIT).toMatchObject({ HITTypeId: hit.HITTypeId, HITStatus: 'Assignable' });
    expect(HIT!.HITGroupId).not.toBe(hit.HITGroupId);
    expect(HIT!.Expiration!.getTime()).toBe(Math.floor(sooner.getTime() / 1000) * 1000);
    const other = await mturk.send(new GetHITCommand({ HITId: sibling.HIT!.HITId! }));
    expect(other.HIT!.Expiration).toEqual(sibling.HIT!.Expiration);
    // The same money, held for the groups the HITs are now in.
    expect(await balance(client)).toMatchObject({
      availableCents: 10_00 - 2 * SLOT,
      escrowCents: 2 * SLOT,
    });
    expect(await projectEscrow(HIT!.HITGroupId!)).toBe(SLOT);
    expect(await projectEscrow(hit.HITGroupId)).toBe(SLOT);

    clock.advance(11 * MINUTE_MS);
    try {
      const worker = await signUp(app, { roles: ['worker'] });
      expect((await accept(worker.client, HIT!.HITGroupId!)).statusCode).toBeGreaterThanOrEqual(
        400,
      );
      expect((await accept(worker.client, hit.HITGroupId)).statusCode).toBe(201);
      await services.review.settlement.sweep();
      const later = mturkClientAt(endpoint, key, 11 * MINUTE_MS);
      const expired = await later.send(new GetHITCommand({ HITId: hit.HITId }));
      expect(expired.HIT).toMatchObject({
        HITStatus: 'Reviewable',
        NumberOfAssignmentsAvailable: 0,
      });
      expect(await balance(client)).toMatchObject({
        availableCents: 10_00 - SLOT,
        escrowCents: SLOT,
      });
      await expectLedgerHolds();
    } finally {
      clock.advance(-11 * MINUTE_MS);
    }
  });
});

describe('HITCreated', () => {
  it('is sent to the HIT type’s webhook when a HIT of that type is created', async () => {
    const { mturk, hit, client } = await requesterWithHit(app, endpoint, { maxAssignments: 1 });
    const webhook = await notifyHitTypeEvents(
      client,
      mturk,
      hit.HITTypeId,
      'http://127.0.0.1:29601/hook',
      ['HITCreated'],
    );
    const created = await mturk.send(
      new CreateHITWithHITTypeCommand({
        HITTypeId: hit.HITTypeId,
        MaxAssignments: 1,
        LifetimeInSeconds: 3_600,
        Question: HTML_QUESTION,
      }),
    );
    expect(await deliveredEvents(client, webhook.id)).toEqual(['mturk.HITCreated']);
    const delivery = await db
      .selectFrom('webhook_deliveries')
      .select('body')
      .where('webhook_id', '=', webhook.id)
      .executeTakeFirstOrThrow();
    const document = JSON.parse(delivery.body) as { Events: Record<string, string>[] };
    expect(document.Events).toEqual([
      expect.objectContaining({
        EventType: 'HITCreated',
        HITTypeId: hit.HITTypeId,
        HITGroupId: created.HIT!.HITGroupId,
        HITId: created.HIT!.HITId,
      }),
    ]);
  });
});
