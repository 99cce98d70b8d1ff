import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import {
  SYSTEM_QUALIFICATION_IDS,
  SYSTEM_QUALIFICATION_TYPES,
} from '../../../shared/api/qualifications.js';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import { createQualificationsService } from './qualifications.service.js';

const ctx = await createTestApp();
const { app } = ctx;
const BASE = '/api/v1/qualification-types';
const UNKNOWN_ID = '5f0e3c1a-9b7d-4e2f-8a6c-1d2b3c4e5f60';

async function requester() {
  return signUp(app, { roles: ['requester'] });
}

async function worker(displayName?: string) {
  return signUp(app, { roles: ['worker'], ...(displayName ? { displayName } : {}) });
}

async function createType(client: Client, name: string, description?: string) {
  const res = await client.post(BASE, { name, ...(description ? { description } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; name: string }>();
}

async function grantCount() {
  const row = await ctx.database.db
    .selectFrom('qualification_grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('qualification types', () => {
  it('creates, reads and edits a type', async () => {
    const { client } = await requester();
    const created = await client.post(BASE, {
      name: '  Good transcriber  ',
      description: 'Passed our audio test',
    });
    expect(created.statusCode).toBe(201);
    const type = created.json();
    expect(type).toMatchObject({
      name: 'Good transcriber',
      description: 'Passed our audio test',
      key: null,
      system: false,
      valueKind: 'integer',
      holderCount: 0,
    });
    expect((await client.get(`${BASE}/${type.id}`)).json()).toEqual(type);

    ctx.clock.advance(60_000);
    const edited = await client.patch(`${BASE}/${type.id}`, { name: 'Great transcriber' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      id: type.id,
      name: 'Great transcriber',
      description: 'Passed our audio test',
      createdAt: type.createdAt,
    });
    expect(Date.parse(edited.json().updatedAt)).toBe(Date.parse(type.updatedAt) + 60_000);
    const described = await client.patch(`${BASE}/${type.id}`, { description: '' });
    expect(described.json()).toMatchObject({ name: 'Great transcriber', description: '' });
  });

  it('lists my types and the system types, newest first, page by page', async () => {
    const { client } = await requester();
    const names = ['Alpha', 'Beta', 'Gamma'];
    const ids: string[] = [];
    for (const name of names) {
      ctx.clock.advance(1_000);
      ids.push((await createType(client, name)).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const res = await client.get(`${BASE}?limit=2${query}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: { id: string }[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
    } while (cursor);
    const systemIds = SYSTEM_QUALIFICATION_TYPES.map((t) => t.id)
      .sort()
      .reverse();
    expect(seen).toEqual([...ids.reverse(), ...systemIds]);

    const mine = (await client.get(`${BASE}?owner=me`)).json().items;
    expect(mine.map((t: { name: string }) => t.name)).toEqual(['Gamma', 'Beta', 'Alpha']);
    const system = (await client.get(`${BASE}?owner=system`)).json().items;
    expect(system).toHaveLength(SYSTEM_QUALIFICATION_TYPES.length);
  });

  it('searches by name, case-insensitively, with LIKE wildcards taken literally', async () => {
    const { client } = await requester();
    await createType(client, 'English level');
    await createType(client, 'Spanish level');
    await createType(client, '100% accurate');
    await createType(client, '100 points');
    const search = async (q: string) =>
      (await client.get(`${BASE}?q=${encodeURIComponent(q)}`))
        .json()
        .items.map((t: { name: string }) => t.name)
        .sort();
    expect(await search('LEVEL')).toEqual(['English level', 'Spanish level']);
    expect(await search('100%')).toEqual(['100% accurate']);
    expect(await search('_')).toEqual([]);
    expect(await search('country')).toEqual(['Country']);
  });

  it('keeps names unique per requester (409 name_taken), whatever the case', async () => {
    const a = await requester();
    const b = await requester();
    const first = await createType(a.client, 'Trusted');
    const clash = await a.client.post(BASE, { name: 'TRUSTED' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toMatchObject({
      code: 'name_taken',
      details: [{ path: 'body.name', message: 'is already taken' }],
    });
    expect((await b.client.post(BASE, { name: 'Trusted' })).statusCode).toBe(201);

    const other = await createType(a.client, 'Other');
    const rename = await a.client.patch(`${BASE}/${other.id}`, { name: 'trusted' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('name_taken');
    expect((await a.client.get(`${BASE}/${other.id}`)).json().name).toBe('Other');
    const sameName = await a.client.patch(`${BASE}/${first.id}`, { name: 'Trusted' });
    expect(sameName.statusCode).toBe(200);
  });

  it.each([
    ['an empty name', { name: '   ' }, 'body.name'],
    ['a missing name', { description: 'x' }, 'body.name'],
    ['a name too long', { name: 'x'.repeat(101) }, 'body.name'],
    [
      'a description too long',
      { name: 'Fine', description: 'x'.repeat(2_001) },
      'body.description',
    ],
    ['a name that is not text', { name: 42 }, 'body.name'],
    ['an unknown field', { name: 'Fine', autoGrant: true }, 'body'],
  ])('rejects %s with 400 naming the field, writing nothing', async (_what, body, path) => {
    const { client } = await requester();
    const res = await client.post(BASE, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_input');
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect((await client.get(`${BASE}?owner=me`)).json().items).toEqual([]);
  });

  it('rejects a bad edit and a bad id with 400', async () => {
    const { client } = await requester();
    const type = await createType(client, 'Editable');
    const res = await client.patch(`${BASE}/${type.id}`, { name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.name');
    const badId = await client.get(`${BASE}/not-an-id`);
    expect(badId.statusCode).toBe(400);
    expect(badId.json().error.details[0].path).toBe('params.id');
    expect((await client.get(`${BASE}/${UNKNOWN_ID}`)).statusCode).toBe(404);
  });
});

describe('system qualification types', () => {
  it('are seeded with the ids and keys of the shared contract, visible to every requester', async () => {
    const { client } = await requester();
    for (const system of SYSTEM_QUALIFICATION_TYPES) {
      const byId = await client.get(`${BASE}/${system.id}`);
      expect(byId.statusCode).toBe(200);
      expect(byId.json()).toMatchObject({
        id: system.id,
        key: system.key,
        system: true,
        valueKind: system.valueKind,
        holderCount: null,
      });
      expect((await client.get(`${BASE}/${system.key}`)).json()).toEqual(byId.json());
    }
  });

  it('cannot be edited, granted, revoked or listed by holder (409)', async () => {
    const { client } = await requester();
    const w = await worker();
    const id = SYSTEM_QUALIFICATION_IDS.approvalRate;
    const attempts = [
      await client.patch(`${BASE}/${id}`, { name: 'Mine now' }),
      await client.put(`${BASE}/system.country/workers/${w.user.id}`, { value: 1 }),
      await client.delete(`${BASE}/${id}/workers/${w.user.id}`),
      await client.get(`${BASE}/${id}/workers`),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('system_qualification_type');
    }
    expect((await client.get(`${BASE}/${id}`)).json().name).toBe('Approval rate');
    expect(await grantCount()).toBe(0);
  });
});

describe('grants', () => {
  it('grants by id and by handle, changes a value, lists holders and revokes', async () => {
    const { client } = await requester();
    const type = await createType(client, 'Verified');
    const ada = await worker('Ada Worker');
    const bob = await worker('Bob Worker');

    const byId = await client.put(`${BASE}/${type.id}/workers/${ada.user.id}`, { value: 80 });
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toMatchObject({
      qualificationTypeId: type.id,
      workerId: ada.user.id,
      handle: ada.user.handle,
      displayName: 'Ada Worker',
      value: 80,
    });
    const grantedAt = byId.json().grantedAt;

    ctx.clock.advance(5_000);
    const byHandle = await client.put(
      `${BASE}/${type.id}/workers/${bob.user.handle.toUpperCase()}`,
      {},
    );
    expect(byHandle.statusCode).toBe(200);
    expect(byHandle.json()).toMatchObject({ workerId: bob.user.id, value: 1 });

    ctx.clock.advance(5_000);
    const changed = await client.put(`${BASE}/${type.id}/workers/${ada.user.handle}`, {
      value: -3,
    });
    expect(changed.json()).toMatchObject({ value: -3, grantedAt });
    expect(Date.parse(changed.json().updatedAt)).toBe(Date.parse(grantedAt) + 10_000);

    const holders = await client.get(`${BASE}/${type.id}/workers?limit=1`);
    expect(holders.statusCode).toBe(200);
    const first = holders.json();
    expect(first.items).toEqual([byHandle.json()]);
    const second = (
      await client.get(`${BASE}/${type.id}/workers?limit=1&cursor=${first.nextCursor}`)
    ).json();
    expect(second).toEqual({ items: [changed.json()], nextCursor: null });
    expect((await client.get(`${BASE}/${type.id}`)).json().holderCount).toBe(2);

    const revoked = await client.delete(`${BASE}/${type.id}/workers/${ada.user.handle}`);
    expect(revoked.statusCode).toBe(200);
    expect((await client.delete(`${BASE}/${type.id}/workers/${ada.user.id}`)).statusCode).toBe(404);
    const after = (await client.get(`${BASE}/${type.id}/workers`)).json();
    expect(after.items.map((h: { workerId: string }) => h.workerId)).toEqual([bob.user.id]);
  });

  it.each([
    ['a fraction', { value: 1.5 }],
    ['a string', { value: '5' }],
    ['a value past 32 bits', { value: 2 ** 31 }],
    ['an unknown field', { value: 1, expires: 'never' }],
  ])('rejects %s as a value with 400 naming it, writing nothing', async (_what, body) => {
    const { client } = await requester();
    const type = await createType(client, 'Valued');
    const w = await worker();
    const before = await grantCount();
    const res = await client.put(`${BASE}/${type.id}/workers/${w.user.id}`, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^Invalid input — body/);
    expect(res.json().error.details[0].path).toMatch(/^body/);
    expect(await grantCount()).toBe(before);
  });

  it('grants only to an existing, active worker', async () => {
    const admin = await signInAsAdmin(ctx);
    const { client } = await requester();
    const type = await createType(client, 'Picky');
    const nonWorker = await requester();
    const suspended = await worker();
    await admin.client.post(`/api/v1/admin/users/${suspended.user.id}/suspend`);
    const before = await grantCount();

    const notAWorker = await client.put(`${BASE}/${type.id}/workers/${nonWorker.user.handle}`, {
      value: 1,
    });
    expect(notAWorker.statusCode).toBe(400);
    expect(notAWorker.json().error).toMatchObject({
      code: 'not_a_worker',
      details: [{ path: 'params.workerIdOrHandle', message: 'is not a worker' }],
    });
    expect(notAWorker.json().error.message).toContain(`@${nonWorker.user.handle}`);

    for (const target of [UNKNOWN_ID, 'nobody-here', suspended.user.id]) {
      const res = await client.put(`${BASE}/${type.id}/workers/${target}`, { value: 1 });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('Worker not found.');
    }
    expect(await grantCount()).toBe(before);
  });
});

describe('who may do what', () => {
  it("hides another requester's type: 404 for every call, nothing changed", async () => {
    const owner = await requester();
    const other = await requester();
    const w = await worker();
    const type = await createType(owner.client, 'Private');
    await owner.client.put(`${BASE}/${type.id}/workers/${w.user.id}`, { value: 7 });

    const attempts = [
      await other.client.get(`${BASE}/${type.id}`),
      await other.client.patch(`${BASE}/${type.id}`, { name: 'Stolen' }),
      await other.client.get(`${BASE}/${type.id}/workers`),
      await other.client.put(`${BASE}/${type.id}/workers/${w.user.id}`, { value: 99 }),
      await other.client.delete(`${BASE}/${type.id}/workers/${w.user.id}`),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toBe('Qualification type not found.');
    }
    const listed = (await other.client.get(`${BASE}?q=Private`)).json().items;
    expect(listed).toEqual([]);
    expect((await owner.client.get(`${BASE}/${type.id}`)).json().name).toBe('Private');
    const holders = (await owner.client.get(`${BASE}/${type.id}/workers`)).json().items;
    expect(holders).toMatchObject([{ workerId: w.user.id, value: 7 }]);
  });

  it('refuses a worker-only account (403) and an anonymous caller (401)', async () => {
    const w = await worker();
    const forbidden = [await w.client.get(BASE), await w.client.post(BASE, { name: 'Nope' })];
    for (const res of forbidden) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('role_required');
    }
    const anonymous = new Client(app);
    expect((await anonymous.get(BASE)).statusCode).toBe(401);
    expect((await anonymous.post(BASE, { name: 'Nope' })).statusCode).toBe(401);
    expect((await anonymous.put(`${BASE}/${UNKNOWN_ID}/workers/x`, { value: 1 })).statusCode).toBe(
      401,
    );
  });

  it('needs projects:read to read and projects:write to write with a token', async () => {
    const { client } = await requester();
    const type = await createType(client, 'Scoped');
    const token = async (scopes: string[]) => {
      const bot = new Client(app);
      bot.bearer = (await client.post('/api/v1/me/tokens', { name: 'bot', scopes })).json().token;
      return bot;
    };
    const reader = await token(['projects:read']);
    expect((await reader.get(`${BASE}/${type.id}`)).statusCode).toBe(200);
    const denied = await reader.patch(`${BASE}/${type.id}`, { name: 'Renamed' });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('insufficient_scope');
    const writer = await token(['projects:write']);
    expect((await writer.post(BASE, { name: 'By script' })).statusCode).toBe(201);
    expect((await writer.get(BASE)).statusCode).toBe(403);
  });
});

describe('the service used by projects and work', () => {
  // The rate counts from the first review here, to check the arithmetic on a few assignments.
  const service = createQualificationsService({
    db: ctx.database.db,
    clock: ctx.clock,
    approvalRateMinDecided: 0,
  });

  it('accepts requirements on my types and system types, storing system keys as ids', async () => {
    const { client, user } = await requester();
    const type = await createType(client, 'Usable');
    const usable = await service.assertRequirementsUsable(user.id, [
      { qualificationTypeId: type.id.toUpperCase(), comparator: 'GreaterThan', integerValues: [2] },
      { qualificationTypeId: 'system.country', comparator: 'In', localeValues: ['DE', 'AT'] },
      { qualificationTypeId: 'system.approval_rate', comparator: 'Exists' },
    ]);
    expect(usable.map((r) => r.qualificationTypeId)).toEqual([
      type.id,
      SYSTEM_QUALIFICATION_IDS.country,
      SYSTEM_QUALIFICATION_IDS.approvalRate,
    ]);
    expect(await service.assertRequirementsUsable(user.id, [])).toEqual([]);
  });

  it("rejects unknown and other requesters' types and values of the wrong kind, naming each", async () => {
    const me = await requester();
    const other = await requester();
    const mine = await createType(me.client, 'Mine');
    const theirs = await createType(other.client, 'Theirs');
    const attempt = service.assertRequirementsUsable(me.user.id, [
      { qualificationTypeId: mine.id, comparator: 'Exists' },
      { qualificationTypeId: theirs.id, comparator: 'Exists' },
      { qualificationTypeId: UNKNOWN_ID, comparator: 'Exists' },
      { qualificationTypeId: mine.id, comparator: 'EqualTo', localeValues: ['DE'] },
    ]);
    await expect(attempt).rejects.toMatchObject({
      statusCode: 400,
      code: 'invalid_input',
      // Fields by name; the error handler places them in the request (body.…).
      details: {
        list: [
          { field: 'qualificationRequirements.1.qualificationTypeId' },
          { field: 'qualificationRequirements.2.qualificationTypeId' },
          { field: 'qualificationRequirements.3.localeValues' },
        ],
      },
    });
    await expect(attempt).rejects.toThrow(/qualificationRequirements\[1\]\.qualificationTypeId: /);
    await expect(attempt).rejects.toThrow(/qualificationRequirements\[3\]\.localeValues: /);
  });

  it("computes a worker's values: grants, approval rate, approved count and country", async () => {
    const owner = await requester();
    const type = await createType(owner.client, 'Held');
    const unheld = await createType(owner.client, 'Not held');
    const w = await worker();
    await owner.client.put(`${BASE}/${type.id}/workers/${w.user.id}`, { value: 42 });
    const ids = [
      type.id,
      unheld.id,
      'system.approval_rate',
      'system.approved_count',
      'system.country',
    ];

    const fresh = await service.workerQualificationValues(w.user.id, ids);
    expect(Object.fromEntries(fresh)).toEqual({
      [type.id]: 42,
      [SYSTEM_QUALIFICATION_IDS.approvalRate]: 100,
      [SYSTEM_QUALIFICATION_IDS.approvedCount]: 0,
    });

    await w.client.patch('/api/v1/me', { country: 'DE' });
    const withCountry = await service.workerQualificationValues(w.user.id, ['system.country']);
    expect(Object.fromEntries(withCountry)).toEqual({ [SYSTEM_QUALIFICATION_IDS.country]: 'DE' });
  });

  it('counts reviewed assignments once an assignments table exists', async () => {
    const w = await worker();
    const other = await worker();
    // A temporary table shadows any real one, so this holds before and after the worker issue.
    await ctx.database.db.transaction().execute(async (trx) => {
      await sql`create temporary table assignments (worker_id uuid not null, status text not null) on commit drop`.execute(
        trx,
      );
      const rows = [
        ...Array.from({ length: 7 }, () => [w.user.id, 'approved']),
        ...Array.from({ length: 2 }, () => [w.user.id, 'rejected']),
        [w.user.id, 'submitted'],
        [w.user.id, 'returned'],
        [other.user.id, 'rejected'],
      ];
      for (const [workerId, status] of rows) {
        await sql`insert into assignments (worker_id, status) values (${workerId}, ${status})`.execute(
          trx,
        );
      }
      const values = await service.workerQualificationValues(
        w.user.id,
        [SYSTEM_QUALIFICATION_IDS.approvalRate, SYSTEM_QUALIFICATION_IDS.approvedCount],
        trx,
      );
      expect(Object.fromEntries(values)).toEqual({
        [SYSTEM_QUALIFICATION_IDS.approvalRate]: 77,
        [SYSTEM_QUALIFICATION_IDS.approvedCount]: 7,
      });
      const otherValues = await service.workerQualificationValues(
        other.user.id,
        ['system.approval_rate'],
        trx,
      );
      expect(otherValues.get(SYSTEM_QUALIFICATION_IDS.approvalRate)).toBe(0);
    });
  });
});
