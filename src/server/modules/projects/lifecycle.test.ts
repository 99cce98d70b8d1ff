import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';
import {
  balance,
  createProject,
  deposit,
  SAMPLE_CSV,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';

// A 10 % platform fee: a 25-cent reward escrows 25 + 3 (2.5 rounded) per assignment.
const ctx = await createTestApp({ env: { PLATFORM_FEE_PERCENT: '10', PAYMENTS_SANDBOX: 'true' } });
const { app } = ctx;
const PER_SLOT = 28;

/** A draft with the two sample tasks and 2 slots each: publishing needs 2 × 2 × 28 = 112 cents. */
async function readyProject() {
  const owner = await signUpRequester(app);
  const project = await createProject(owner.client);
  expect((await uploadCsv(owner.client, project.id, SAMPLE_CSV)).statusCode).toBe(201);
  return { client: owner.client, user: owner.user, project };
}

async function ledgerRows(projectId: string) {
  return ctx.database.db
    .selectFrom('ledger_transactions')
    .select(['kind'])
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .execute();
}

describe('publishing', () => {
  it('escrows reward × slots (+ fee) for every task and opens the project', async () => {
    const { client, project } = await readyProject();
    await deposit(client, 1_000);
    const res = await client.post(`/api/v1/projects/${project.id}/publish`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'published',
      publishedAt: ctx.clock.now().toISOString(),
    });
    expect(await balance(client)).toMatchObject({
      availableCents: 1_000 - 4 * PER_SLOT,
      escrowCents: 4 * PER_SLOT,
    });
    const batches = (await client.get(`/api/v1/projects/${project.id}/batches`)).json();
    expect(batches.items[0].escrowCents).toBe(4 * PER_SLOT);
    expect(await ledgerRows(project.id)).toEqual([{ kind: 'escrow' }]);
    expect(await expectLedgerConsistent(ctx.database.db)).toEqual({
      unbalanced: [],
      drifted: [],
      empty: [],
    });
  });

  it('refuses with 409 insufficient_funds, naming what is needed and available, and changes nothing', async () => {
    const { client, project } = await readyProject();
    await deposit(client, 100);
    const res = await client.post(`/api/v1/projects/${project.id}/publish`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'insufficient_funds',
      details: { neededCents: 4 * PER_SLOT, availableCents: 100 },
    });
    expect((await client.get(`/api/v1/projects/${project.id}`)).json()).toMatchObject({
      status: 'draft',
      publishedAt: null,
    });
    expect(await balance(client)).toMatchObject({ availableCents: 100, escrowCents: 0 });
    expect(await ledgerRows(project.id)).toEqual([]);
  });

  it('needs tasks, a question, data that covers the template and a future expiry', async () => {
    const { client } = await signUpRequester(app);
    await deposit(client, 10_000);
    const empty = await createProject(client);
    const noTasks = await client.post(`/api/v1/projects/${empty.id}/publish`);
    expect(noTasks.statusCode).toBe(409);
    expect(noTasks.json().error).toMatchObject({
      code: 'not_publishable',
      details: { problems: [expect.stringContaining('no tasks')] },
    });

    const noQuestion = await createProject(client, {
      template: { kind: 'form', items: [{ type: 'instructions', name: 'i', text: 'Just read' }] },
    });
    await uploadCsv(client, noQuestion.id, 'a\n1\n');
    expect(
      (await client.post(`/api/v1/projects/${noQuestion.id}/publish`)).json().error.details
        .problems,
    ).toEqual(['its form has no question for workers to answer']);

    // The template changed after the upload: the batch no longer covers it.
    const drifted = await createProject(client);
    const batch = (await uploadCsv(client, drifted.id, SAMPLE_CSV)).json();
    await client.patch(`/api/v1/projects/${drifted.id}`, {
      template: { kind: 'html', html: '<p>${title} ${price}</p>' },
    });
    const res = await client.post(`/api/v1/projects/${drifted.id}/publish`);
    expect(res.json().error.details.problems).toEqual([
      `batch ${batch.id} lacks the column price that the template uses`,
    ]);

    const expiring = await createProject(client, {
      expiresAt: new Date(ctx.clock.now().getTime() + 60_000).toISOString(),
    });
    await uploadCsv(client, expiring.id, SAMPLE_CSV);
    ctx.clock.advance(120_000);
    expect(
      (await client.post(`/api/v1/projects/${expiring.id}/publish`)).json().error.details.problems,
    ).toEqual(['its expiresAt has passed: set a later one']);
    expect(await balance(client)).toMatchObject({ availableCents: 10_000, escrowCents: 0 });
  });

  it('answers 409 invalid_state when already published', async () => {
    const { client, project } = await readyProject();
    await deposit(client, 1_000);
    await client.post(`/api/v1/projects/${project.id}/publish`);
    const again = await client.post(`/api/v1/projects/${project.id}/publish`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'invalid_state',
      details: { status: 'published', allowed: ['draft'] },
    });
    expect(await balance(client)).toMatchObject({ escrowCents: 4 * PER_SLOT });
  });

  it('escrows for a batch added to a published project, or refuses it whole', async () => {
    const { client, project } = await readyProject();
    await deposit(client, 4 * PER_SLOT + 2 * PER_SLOT);
    await client.post(`/api/v1/projects/${project.id}/publish`);
    const added = await uploadCsv(client, project.id, 'title,image_url\nEmu,https://x/e.png\n');
    expect(added.statusCode).toBe(201);
    expect(added.json().escrowCents).toBe(2 * PER_SLOT);
    expect(await balance(client)).toMatchObject({ availableCents: 0, escrowCents: 6 * PER_SLOT });

    const refused = await client.post(`/api/v1/projects/${project.id}/batches`, {
      rows: [{ title: 'Fox', image_url: 'https://x/f.png' }],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'insufficient_funds',
      details: { neededCents: 2 * PER_SLOT, availableCents: 0 },
    });
    expect((await client.get(`/api/v1/projects/${project.id}`)).json().progress.tasks).toBe(3);
    expect(await expectLedgerConsistent(ctx.database.db)).toEqual({
      unbalanced: [],
      drifted: [],
      empty: [],
    });
  });
});

describe('pausing, resuming and cancelling', () => {
  it('moves published ⇄ paused and refuses the wrong state with its status', async () => {
    const { client, project } = await readyProject();
    await deposit(client, 1_000);
    expect((await client.post(`/api/v1/projects/${project.id}/pause`)).json().error).toMatchObject({
      code: 'invalid_state',
      details: { status: 'draft' },
    });
    await client.post(`/api/v1/projects/${project.id}/publish`);
    expect((await client.post(`/api/v1/projects/${project.id}/resume`)).statusCode).toBe(409);
    expect((await client.post(`/api/v1/projects/${project.id}/pause`)).json().status).toBe(
      'paused',
    );
    expect((await client.post(`/api/v1/projects/${project.id}/pause`)).statusCode).toBe(409);
    expect((await client.post(`/api/v1/projects/${project.id}/resume`)).json().status).toBe(
      'published',
    );
    expect(await balance(client)).toMatchObject({ escrowCents: 4 * PER_SLOT });
  });

  it('returns the unused escrow when a published project is cancelled', async () => {
    const { client, project } = await readyProject();
    await deposit(client, 1_000);
    await client.post(`/api/v1/projects/${project.id}/publish`);
    await client.post(`/api/v1/projects/${project.id}/pause`);
    const res = await client.post(`/api/v1/projects/${project.id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'cancelled',
      cancelledAt: ctx.clock.now().toISOString(),
    });
    expect(await balance(client)).toMatchObject({ availableCents: 1_000, escrowCents: 0 });
    expect(await ledgerRows(project.id)).toEqual([{ kind: 'escrow' }, { kind: 'release' }]);
    for (const action of ['cancel', 'publish', 'pause', 'resume']) {
      const again = await client.post(`/api/v1/projects/${project.id}/${action}`);
      expect(again.statusCode).toBe(409);
      expect(again.json().error.details.status).toBe('cancelled');
    }
    expect(await expectLedgerConsistent(ctx.database.db)).toEqual({
      unbalanced: [],
      drifted: [],
      empty: [],
    });
  });

  it('cancels a draft without moving money', async () => {
    const { client, project } = await readyProject();
    expect((await client.post(`/api/v1/projects/${project.id}/cancel`)).json().status).toBe(
      'cancelled',
    );
    expect(await ledgerRows(project.id)).toEqual([]);
  });

  it("answers 404 for another requester's project, 403 for a worker", async () => {
    const { client: owner, project } = await readyProject();
    await deposit(owner, 1_000);
    const { client: stranger } = await signUpRequester(app);
    await deposit(stranger, 1_000);
    const { client: worker } = await signUp(app, { roles: ['worker'] });
    for (const action of ['publish', 'pause', 'resume', 'cancel']) {
      expect((await stranger.post(`/api/v1/projects/${project.id}/${action}`)).statusCode).toBe(
        404,
      );
      expect((await worker.post(`/api/v1/projects/${project.id}/${action}`)).statusCode).toBe(403);
    }
    expect((await owner.get(`/api/v1/projects/${project.id}`)).json().status).toBe('draft');
    expect(await balance(stranger)).toMatchObject({ availableCents: 1_000, escrowCents: 0 });
  });
});
