import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';

const ctx = await createTestApp();
const { app } = ctx;
const TYPES = '/api/v1/qualification-types';
const REQUESTS = '/api/v1/qualification-requests';
const MINE = '/api/v1/me/qualification-requests';

type Request = {
  id: string;
  status: string;
  value: number | null;
  reason: string | null;
  requestAgainAt: string | null;
  workerId: string;
};

const requester = () => signUp(app, { roles: ['requester'] });
const worker = () => signUp(app, { roles: ['worker'] });

async function createType(client: Client, settings: Record<string, unknown> = {}) {
  const res = await client.post(TYPES, {
    name: `Skill ${Math.random().toString(36).slice(2, 8)}`,
    requestable: true,
    ...settings,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; name: string }>();
}

async function ask(client: Client, typeId: string) {
  return client.post(`${TYPES}/${typeId}/requests`);
}

async function holds(owner: Client, typeId: string, workerId: string) {
  const res = await owner.get(`${TYPES}/${typeId}/workers`);
  return res
    .json<{ items: { workerId: string; value: number }[] }>()
    .items.find((h) => h.workerId === workerId);
}

async function noticesOf(workerId: string) {
  return ctx.database.db
    .selectFrom('notifications')
    .select(['kind', 'title', 'body'])
    .where('user_id', '=', workerId)
    .execute();
}

describe('qualification requests', () => {
  it('a worker asks, the requester sees it pending and grants it with a value', async () => {
    const owner = await requester();
    const w = await worker();
    const type = await createType(owner.client);

    const asked = await ask(w.client, type.id);
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'pending', value: null, workerId: w.user.id });
    const id = asked.json<Request>().id;

    const pending = await owner.client.get(
      `${REQUESTS}?status=pending&qualificationTypeId=${type.id}`,
    );
    expect(pending.json<{ items: Request[] }>().items.map((r) => r.id)).toEqual([id]);
    expect((await ask(w.client, type.id)).json().error.code).toBe('request_pending');

    const granted = await owner.client.post(`${REQUESTS}/${id}/grant`, { value: 80 });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({ status: 'granted', value: 80 });
    expect(await holds(owner.client, type.id, w.user.id)).toMatchObject({ value: 80 });
    expect((await w.client.get(MINE)).json<{ items: Request[] }>().items[0]).toMatchObject({
      id,
      status: 'granted',
    });
    expect((await noticesOf(w.user.id)).map((n) => n.kind)).toEqual(['qualification_granted']);

    // Decided once: a second decision is a conflict and changes nothing.
    const again = await owner.client.post(`${REQUESTS}/${id}/refuse`, { reason: 'Oops' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('request_decided');
    expect(await holds(owner.client, type.id, w.user.id)).toMatchObject({ value: 80 });
    expect((await ask(w.client, type.id)).json().error.code).toBe('already_qualified');
  });

  it('a refusal carries its reason, and the worker may ask again only after the retry delay', async () => {
    const owner = await requester();
    const w = await worker();
    const type = await createType(owner.client, { retryDelaySeconds: 3_600 });
    const id = (await ask(w.client, type.id)).json<Request>().id;

    const refused = await owner.client.post(`${REQUESTS}/${id}/refuse`, {
      reason: 'Take the training first',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    const mine = (await w.client.get(MINE)).json<{ items: Request[] }>().items[0]!;
    expect(mine).toMatchObject({ status: 'refused', reason: 'Take the training first' });
    expect(mine.requestAgainAt).not.toBeNull();
    const notice = (await noticesOf(w.user.id))[0]!;
    expect(notice.kind).toBe('qualification_refused');
    expect(notice.body).toContain('Take the training first');
    expect(await holds(owner.client, type.id, w.user.id)).toBeUndefined();

    const early = await ask(w.client, type.id);
    expect(early.statusCode).toBe(429);
    expect(early.json().error.code).toBe('retry_later');
    expect(early.headers['retry-after']).toBeDefined();

    ctx.clock.advance(3_600_000);
    const later = await ask(w.client, type.id);
    expect(later.statusCode, later.body).toBe(201);
    expect(later.json()).toMatchObject({ status: 'pending' });
  });

  it('without a retry delay a worker may ask only once', async () => {
    const owner = await requester();
    const w = await worker();
    const type = await createType(owner.client);
    const id = (await ask(w.client, type.id)).json<Request>().id;
    await owner.client.post(`${REQUESTS}/${id}/refuse`, {});
    expect((await w.client.get(MINE)).json<{ items: Request[] }>().items[0]!.requestAgainAt).toBe(
      null,
    );
    ctx.clock.advance(86_400_000);
    const again = await ask(w.client, type.id);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('already_requested');
  });

  it('an auto-granted type grants at once with its value', async () => {
    const owner = await requester();
    const w = await worker();
    const type = await createType(owner.client, { autoGranted: true, autoGrantedValue: 7 });
    const asked = await ask(w.client, type.id);
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'granted', value: 7 });
    expect(await holds(owner.client, type.id, w.user.id)).toMatchObject({ value: 7 });
    const pending = await owner.client.get(`${REQUESTS}?status=pending`);
    expect(pending.json<{ items: Request[] }>().items).toEqual([]);
  });

  it('refuses inactive, unrequestable and unknown types, and recording nothing', async () => {
    const owner = await requester();
    const w = await worker();
    const inactive = await createType(owner.client, { active: false });
    const closed = await createType(owner.client, { requestable: false });
    const res1 = await ask(w.client, inactive.id);
    expect(res1.statusCode).toBe(409);
    expect(res1.json().error.code).toBe('qualification_type_inactive');
    const res2 = await ask(w.client, closed.id);
    expect(res2.statusCode).toBe(409);
    expect(res2.json().error.code).toBe('not_requestable');
    expect((await ask(w.client, '5f0e3c1a-9b7d-4e2f-8a6c-1d2b3c4e5f60')).statusCode).toBe(404);
    // A system type has no owner to ask.
    expect((await ask(w.client, 'system.approval_rate')).statusCode).toBe(404);
    expect((await w.client.get(MINE)).json<{ items: Request[] }>().items).toEqual([]);

    // Made active again, it can be asked for.
    await owner.client.patch(`${TYPES}/${inactive.id}`, { active: true });
    expect((await ask(w.client, inactive.id)).statusCode).toBe(201);
  });

  it('auto-granting needs a requestable type', async () => {
    const owner = await requester();
    const res = await owner.client.post(TYPES, {
      name: 'Auto',
      requestable: false,
      autoGranted: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toBeDefined();
  });

  it('another requester can neither see nor decide my type’s requests', async () => {
    const owner = await requester();
    const stranger = await requester();
    const w = await worker();
    const type = await createType(owner.client);
    const id = (await ask(w.client, type.id)).json<Request>().id;

    expect((await stranger.client.get(REQUESTS)).json<{ items: Request[] }>().items).toEqual([]);
    expect(
      (await stranger.client.get(`${REQUESTS}?qualificationTypeId=${type.id}`)).json().items,
    ).toEqual([]);
    expect((await stranger.client.post(`${REQUESTS}/${id}/grant`, { value: 1 })).statusCode).toBe(
      404,
    );
    expect((await stranger.client.post(`${REQUESTS}/${id}/refuse`, {})).statusCode).toBe(404);
    const still = (await owner.client.get(REQUESTS)).json<{ items: Request[] }>().items;
    expect(still).toMatchObject([{ id, status: 'pending' }]);

    // Another worker does not see it in their list either.
    const other = await worker();
    expect((await other.client.get(MINE)).json<{ items: Request[] }>().items).toEqual([]);
  });

  it('rejects bad values', async () => {
    const owner = await requester();
    const w = await worker();
    const type = await createType(owner.client);
    const id = (await ask(w.client, type.id)).json<Request>().id;
    expect(
      (await owner.client.post(`${REQUESTS}/${id}/grant`, { value: 2 ** 31 })).statusCode,
    ).toBe(400);
    expect(
      (await owner.client.post(`${REQUESTS}/${id}/refuse`, { reason: 'x'.repeat(1_001) }))
        .statusCode,
    ).toBe(400);
    expect(
      (await owner.client.post(TYPES, { name: 'Neg', retryDelaySeconds: -1 })).statusCode,
    ).toBe(400);
    expect((await owner.client.post(`${REQUESTS}/not-an-id/grant`, {})).statusCode).toBe(400);
    expect((await owner.client.get(REQUESTS)).json().items).toMatchObject([{ status: 'pending' }]);
  });
});
