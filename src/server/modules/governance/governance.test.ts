import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { createServices } from '../../app.js';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import {
  createProject,
  deposit,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';
import { GOOD_ANSWERS, publishedProject, SIMPLE_FORM } from '../../../../test/helpers/work.js';

const DAY_MS = 86_400_000;
/** Projects below pay 10 cents for up to an hour: above the first floor, below the raised one. */
const FIRST_FLOOR = 5;
const ctx = await createTestApp({
  env: {
    MIN_HOURLY_CENTS: String(FIRST_FLOOR),
    APPEAL_DAYS: '0.5',
    GOVERNANCE_VOTE_DAYS: '2',
    REQUESTER_FLAG_REJECTION_PERCENT: '40',
  },
});
const { app, clock } = ctx;
const db = ctx.database.db;
// Two instances of the services over the one database, as two servers would run.
const instances = [1, 2].map(() => createServices({ db, clock, config: ctx.config }));
/** The app's rules cache expires within 5 s: a change made by another instance shows after it. */
const CACHE_MS = 5_000;
async function sweep() {
  const closed = await instances[0]!.governance.sweepClosed();
  clock.advance(CACHE_MS);
  return closed;
}
const admin = await signInAsAdmin(ctx);

/** A worker with approved work and the requester who approved it: one member of each house. */
async function members() {
  const { requester, projectId } = await publishedProject(app, { tasks: 1, rewardCents: 100 });
  const worker = await signUp(app, { roles: ['worker'] });
  const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
  const id = accepted.json<{ id: string }>().id;
  await worker.client.post(`/api/v1/assignments/${id}/submit`, { answers: GOOD_ANSWERS });
  const approved = await requester.client.post(`/api/v1/assignments/${id}/approve`);
  expect(approved.statusCode).toBe(200);
  return { worker, requester };
}

const propose = (client: Client, body: Record<string, unknown>) =>
  client.post('/api/v1/governance/proposals', { reason: 'Fairer pay', ...body });
const vote = (client: Client, id: string, value: 'yes' | 'no') =>
  client.post(`/api/v1/governance/proposals/${id}/votes`, { vote: value });
const rule = async (key: string) => {
  const rules = (await app.inject({ method: 'GET', url: '/api/v1/governance/rules' })).json();
  return rules.items.find((r: { key: string }) => r.key === key);
};
const proposalCount = async () =>
  Number(
    (
      await db
        .selectFrom('governance_proposals')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
/** Sorted: entries written at one moment have no order between them. */
const auditActions = async (proposalId: string) =>
  (
    await db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', proposalId)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
  )
    .map((row) => row.action)
    .sort();

describe('the rules in force', () => {
  it('start from the environment, each with its first recorded value, publicly', async () => {
    const floor = await rule('minHourlyCents');
    expect(floor).toMatchObject({ value: FIRST_FLOOR, min: 0, whole: true });
    expect(floor.history).toEqual([
      expect.objectContaining({ value: FIRST_FLOOR, source: 'initial', proposalId: null }),
    ]);
    expect((await rule('appealDays')).value).toBe(0.5);
    expect((await rule('appealResponseDays')).value).toBe(7);
    expect((await rule('maxAutoApproveSeconds')).value).toBe(30 * 86_400);
    expect((await rule('flagRejectionPercent')).value).toBe(40);
    expect(await instances[0]!.rules.snapshot()).toMatchObject({ minHourlyCents: FIRST_FLOOR });
  });
});

describe('proposals', () => {
  it('refuse bad input with a clear 400 and record nothing', async () => {
    const { worker } = await members();
    const before = await proposalCount();
    const cases: [Record<string, unknown>, string][] = [
      [{ rule: 'maxBonusCents', value: 1 }, 'rule'],
      [{ rule: 'minHourlyCents', value: -1 }, 'value'],
      [{ rule: 'minHourlyCents', value: 100_001 }, 'value'],
      [{ rule: 'minHourlyCents', value: 7.5 }, 'value'],
      [{ rule: 'flagRejectionPercent', value: 101 }, 'value'],
      [{ rule: 'appealDays', value: 0 }, 'value'],
      [{ rule: 'minHourlyCents', value: '900' }, 'value'],
      [{ rule: 'minHourlyCents', value: FIRST_FLOOR }, 'value'],
      [{ rule: 'minHourlyCents', value: 900, reason: '   ' }, 'reason'],
    ];
    for (const [body, field] of cases) {
      const res = await propose(worker.client, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.message, JSON.stringify(body)).toContain(field);
    }
    expect(await proposalCount()).toBe(before);
  });

  it('are only for members with a record', async () => {
    const newcomer = await signUp(app, { roles: ['worker', 'requester'] });
    const res = await propose(newcomer.client, { rule: 'appealDays', value: 3 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('no_record');
    expect(res.json().error.message).toContain('record');
  });

  it('show script in their reason as text, as it was written', async () => {
    const { worker, requester } = await members();
    const reason = '<script>alert(1)</script> & <b>more</b>';
    const res = await propose(worker.client, { rule: 'appealResponseDays', value: 3, reason });
    expect(res.statusCode).toBe(201);
    expect(res.json().reason).toBe(reason);
    expect(res.headers['content-type']).toContain('application/json');
    // One open proposal per rule: a second waits for the first to close.
    const second = await propose(requester.client, { rule: 'appealResponseDays', value: 4 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('proposal_open');
    await app.inject({ method: 'GET', url: `/api/v1/governance/proposals/${res.json().id}` });
    const veto = await admin.client.post(`/api/v1/governance/proposals/${res.json().id}/veto`, {
      reason: 'Clearing the way for the next test',
    });
    expect(veto.statusCode).toBe(200);
  });
});

describe('a change voted in by both houses', () => {
  it('takes effect when the window closes: the new pay floor refuses a publish the old one allowed', async () => {
    const { worker, requester } = await members();
    const stranger = await signUp(app, { roles: ['worker'] });
    const created = await propose(worker.client, { rule: 'minHourlyCents', value: 20 });
    expect(created.statusCode).toBe(201);
    const proposal = created.json();
    expect(proposal).toMatchObject({
      status: 'voting',
      previousValue: FIRST_FLOOR,
      value: 20,
      me: { vote: null, houses: { workers: true, requesters: false } },
    });
    expect(Date.parse(proposal.closesAt) - Date.parse(proposal.createdAt)).toBe(2 * DAY_MS);

    expect((await vote(worker.client, proposal.id, 'yes')).statusCode).toBe(200);
    const twice = await vote(worker.client, proposal.id, 'no');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('already_voted');
    const noRecord = await vote(stranger.client, proposal.id, 'no');
    expect(noRecord.statusCode).toBe(403);
    const bad = await worker.client.post(`/api/v1/governance/proposals/${proposal.id}/votes`, {
      vote: 'maybe',
    });
    expect(bad.statusCode).toBe(400);
    const voted = await vote(requester.client, proposal.id, 'yes');
    expect(voted.statusCode).toBe(200);
    expect(voted.json().tallies).toEqual({
      workers: { yes: 1, no: 0 },
      requesters: { yes: 1, no: 0 },
    });
    expect(voted.json().me).toMatchObject({ vote: 'yes' });

    // A project paying 10 cents an hour publishes under the floor in force.
    const before = await publishedProject(app, { tasks: 1 });
    expect(before.projectId).toBeTruthy();
    expect(await sweep()).toBe(0);

    clock.advance(2 * DAY_MS);
    const late = await vote((await members()).worker.client, proposal.id, 'no');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('voting_closed');
    // Every instance sweeps at once: the proposal closes once.
    const closed = await Promise.all(instances.map((i) => i.governance.sweepClosed()));
    expect(closed[0]! + closed[1]!).toBe(1);
    clock.advance(CACHE_MS);

    const after = (
      await app.inject({ method: 'GET', url: `/api/v1/governance/proposals/${proposal.id}` })
    ).json();
    expect(after).toMatchObject({ status: 'passed', me: null });
    const floor = await rule('minHourlyCents');
    expect(floor.value).toBe(20);
    expect(
      floor.history.map((h: { value: number; source: string }) => [h.value, h.source]),
    ).toEqual([
      [20, 'proposal'],
      [FIRST_FLOOR, 'initial'],
    ]);
    expect(floor.history[0].effectiveFrom).toBe(proposal.closesAt);

    const requester2 = await signUpRequester(app);
    await deposit(requester2.client, 10_000);
    const project = await createProject(requester2.client, {
      template: SIMPLE_FORM,
      rewardCents: 10,
    });
    await uploadCsv(requester2.client, project.id, 'word\nw1');
    const refused = await requester2.client.post(`/api/v1/projects/${project.id}/publish`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'below_pay_floor',
      details: { minHourlyCents: 20 },
    });

    expect(await auditActions(proposal.id)).toEqual([
      'governance.proposal_created',
      'governance.proposal_passed',
      'governance.rule_changed',
    ]);
    const search = await admin.client.get('/api/v1/admin/audit?action=governance.');
    expect(search.json().items.map((e: { action: string }) => e.action)).toContain(
      'governance.rule_changed',
    );
  });

  it('fails without a majority in each house, and a house with no votes fails it', async () => {
    const { worker, requester } = await members();
    const other = await members();
    const onlyWorkers = (await propose(worker.client, { rule: 'appealDays', value: 2 })).json();
    await vote(worker.client, onlyWorkers.id, 'yes');
    await vote(other.worker.client, onlyWorkers.id, 'yes');
    const tie = (
      await propose(requester.client, { rule: 'flagRejectionPercent', value: 50 })
    ).json();
    await vote(worker.client, tie.id, 'yes');
    await vote(requester.client, tie.id, 'yes');
    await vote(other.requester.client, tie.id, 'no');
    clock.advance(2 * DAY_MS + 1);
    expect(await sweep()).toBe(2);
    for (const id of [onlyWorkers.id, tie.id]) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/governance/proposals/${id}` });
      expect(res.json().status).toBe('failed');
      expect(await auditActions(id)).toEqual([
        'governance.proposal_created',
        'governance.proposal_failed',
      ]);
    }
    expect((await rule('appealDays')).value).toBe(0.5);
    expect((await rule('flagRejectionPercent')).value).toBe(40);
    const failed = await app.inject({
      method: 'GET',
      url: '/api/v1/governance/proposals?status=failed&limit=1',
    });
    expect(failed.json().items).toHaveLength(1);
    expect(failed.json().nextCursor).toEqual(expect.any(String));
  });

  it('counts a member with both records in both houses', async () => {
    const { worker } = await members();
    // A member who reviews work and does work too.
    const requester = await signUp(app, { roles: ['worker', 'requester'] });
    const own = await publishedProject(app, { tasks: 1, requester, rewardCents: 100 });
    const theirs = await worker.client.post(`/api/v1/projects/${own.projectId}/assignments`);
    const theirsId = theirs.json<{ id: string }>().id;
    await worker.client.post(`/api/v1/assignments/${theirsId}/submit`, { answers: GOOD_ANSWERS });
    await requester.client.post(`/api/v1/assignments/${theirsId}/approve`);
    const { requester: other, projectId } = await publishedProject(app, {
      tasks: 1,
      rewardCents: 100,
    });
    const accepted = await requester.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(accepted.statusCode).toBe(201);
    const id = accepted.json<{ id: string }>().id;
    await requester.client.post(`/api/v1/assignments/${id}/submit`, { answers: GOOD_ANSWERS });
    await other.client.post(`/api/v1/assignments/${id}/approve`);
    const proposal = (await propose(worker.client, { rule: 'appealDays', value: 3 })).json();
    const voted = await vote(requester.client, proposal.id, 'yes');
    expect(voted.json().me.houses).toEqual({ workers: true, requesters: true });
    expect(voted.json().tallies).toEqual({
      workers: { yes: 1, no: 0 },
      requesters: { yes: 1, no: 0 },
    });
    clock.advance(2 * DAY_MS);
    await sweep();
    expect((await rule('appealDays')).value).toBe(3);
    expect(await instances[1]!.rules.current('appealDays')).toBe(3);
  });
});

describe('a veto', () => {
  it('needs an admin and a public reason, and ends the vote', async () => {
    const { worker, requester } = await members();
    const proposal = (
      await propose(worker.client, { rule: 'maxAutoApproveSeconds', value: 4 * 86_400 })
    ).json();
    await vote(worker.client, proposal.id, 'yes');
    await vote(requester.client, proposal.id, 'yes');
    const url = `/api/v1/governance/proposals/${proposal.id}/veto`;
    expect((await worker.client.post(url, { reason: 'I say no' })).statusCode).toBe(403);
    expect((await admin.client.post(url, { reason: '  ' })).statusCode).toBe(400);
    expect((await admin.client.post(url, {})).statusCode).toBe(400);
    expect((await rule('maxAutoApproveSeconds')).value).toBe(30 * 86_400);

    const vetoed = await admin.client.post(url, { reason: 'Breaks contracts already signed' });
    expect(vetoed.statusCode).toBe(200);
    expect(vetoed.json()).toMatchObject({
      status: 'vetoed',
      veto: { reason: 'Breaks contracts already signed', by: { id: admin.user.id } },
    });
    expect((await admin.client.post(url, { reason: 'Again' })).statusCode).toBe(409);
    expect((await vote(admin.client, proposal.id, 'no')).statusCode).toBe(403);
    clock.advance(2 * DAY_MS);
    await sweep();
    expect((await rule('maxAutoApproveSeconds')).value).toBe(30 * 86_400);
    expect(await auditActions(proposal.id)).toEqual([
      'governance.proposal_created',
      'governance.proposal_vetoed',
    ]);
  });
});

describe('the rules applied', () => {
  it('refuse an auto-approve window longer than the rule in force', async () => {
    const { worker, requester } = await members();
    const proposal = (
      await propose(worker.client, { rule: 'maxAutoApproveSeconds', value: 4 * 86_400 })
    ).json();
    await vote(worker.client, proposal.id, 'yes');
    await vote(requester.client, proposal.id, 'yes');
    clock.advance(2 * DAY_MS);
    await sweep();
    const res = await requester.client.post('/api/v1/projects', {
      title: 'Long wait',
      template: SIMPLE_FORM,
      rewardCents: 100,
      autoApproveSeconds: 5 * 86_400,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('maxAutoApproveSeconds');
    const ok = await createProject(requester.client, {
      template: SIMPLE_FORM,
      rewardCents: 100,
      autoApproveSeconds: 4 * 86_400,
    });
    const longer = await requester.client.patch(`/api/v1/projects/${ok.id}`, {
      autoApproveSeconds: 4 * 86_400 + 1,
    });
    expect(longer.statusCode).toBe(400);
  });

  it('flag a requester whose rejection rate is above the rule', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 2, rewardCents: 100 });
    const worker = await signUp(app, { roles: ['worker'] });
    for (let i = 0; i < 2; i++) {
      const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
      const id = accepted.json<{ id: string }>().id;
      await worker.client.post(`/api/v1/assignments/${id}/submit`, { answers: GOOD_ANSWERS });
      if (i === 0) await requester.client.post(`/api/v1/assignments/${id}/approve`);
      else
        await requester.client.post(`/api/v1/assignments/${id}/reject`, { reason: 'Not as asked' });
    }
    // 50 % rejected: above the rule of 40 %.
    const reputation = await app.inject({
      method: 'GET',
      url: `/api/v1/users/${requester.user.id}/reputation`,
    });
    expect(reputation.json().requester).toMatchObject({ rejectionPercent: 50, flagged: true });
    const fresh = await signUpRequester(app);
    const clean = await app.inject({
      method: 'GET',
      url: `/api/v1/users/${fresh.user.id}/reputation`,
    });
    expect(clean.json().requester.flagged).toBe(false);
  });
});
