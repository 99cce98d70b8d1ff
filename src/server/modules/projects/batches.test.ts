import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PROJECT_LIMITS } from '../../../shared/api/projects.js';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import {
  createProject,
  SAMPLE_CSV,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;

async function counts(projectId: string) {
  const db = ctx.database.db;
  const tasks = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  const batches = await db
    .selectFrom('batches')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  return { tasks: Number(tasks.n), batches: Number(batches.n) };
}

async function freshProject(overrides: Record<string, unknown> = {}) {
  const owner = await signUpRequester(app);
  const project = await createProject(owner.client, overrides);
  return { client: owner.client, project };
}

const NO_PLACEHOLDERS = { template: { kind: 'form', items: [{ type: 'text', name: 'answer' }] } };

describe('uploading CSV', () => {
  it('turns every row into a task, in order, and counts them on the project', async () => {
    const { client, project } = await freshProject();
    const res = await uploadCsv(client, project.id, SAMPLE_CSV, {}, '?filename=photos.csv');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      projectId: project.id,
      filename: 'photos.csv',
      rowCount: 2,
      columns: ['title', 'image_url'],
      status: 'active',
      escrowCents: 0,
    });
    const tasks = (await client.get(`/api/v1/projects/${project.id}/tasks`)).json();
    expect(tasks.items).toMatchObject([
      {
        batchId: res.json().id,
        rowNumber: 1,
        rewardCents: 25,
        data: { title: 'Cat', image_url: 'https://img.example.com/cat.png' },
      },
      {
        batchId: res.json().id,
        rowNumber: 2,
        rewardCents: 25,
        data: { title: 'Dog', image_url: 'https://img.example.com/dog.png' },
      },
    ]);
    expect((await client.get(`/api/v1/projects/${project.id}`)).json().progress.tasks).toBe(2);
    const batches = (await client.get(`/api/v1/projects/${project.id}/batches`)).json();
    expect(batches).toMatchObject({
      items: [{ id: res.json().id, rowCount: 2 }],
      nextCursor: null,
    });
  });

  it('reads quoted fields, embedded newlines and commas, a BOM, and a charset parameter', async () => {
    const { client, project } = await freshProject();
    const csv =
      '\uFEFFtitle,image_url,note\r\n"Cat, black","https://x.example/1.png","line 1\r\nline ""2"""\r\n';
    const res = await uploadCsv(client, project.id, csv, {
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(res.statusCode).toBe(201);
    const [task] = (await client.get(`/api/v1/projects/${project.id}/tasks`)).json().items;
    expect(task.data).toEqual({
      title: 'Cat, black',
      image_url: 'https://x.example/1.png',
      note: 'line 1\r\nline "2"',
    });
  });

  it.each([
    ['a ragged row', 'title,image_url\n1,2\n3\n', 'CSV line 3: has 1 field but the header has 2'],
    [
      'a duplicate header',
      'title,image_url,title\n1,2,3\n',
      'CSV header row: "title" names two columns (1 and 3)',
    ],
    ['an empty header name', 'title,,image_url\n1,2,3\n', 'CSV header row: column 2 has no name'],
    ['an unclosed quote', 'title,image_url\n"1,2\n', 'CSV line 2: a quoted field is never closed'],
    ['an empty file', '', 'The upload is empty: it needs a header row and at least one data row.'],
    ['a header and no rows', 'title,image_url\r\n', 'The upload has a header but no data rows.'],
    [
      'a NUL byte',
      'title,image_url\nok,fine\nbad\u0000,x\n',
      'CSV line 3: contains a NUL byte: binary data is not CSV',
    ],
  ])('refuses %s with 400 and writes nothing', async (_name, csv, message) => {
    const { client, project } = await freshProject();
    const res = await uploadCsv(client, project.id, csv);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'invalid_csv', message });
    expect(await counts(project.id)).toEqual({ tasks: 0, batches: 0 });
  });

  it('refuses binary garbage and other encodings with the line', async () => {
    const { client, project } = await freshProject();
    const gif = Buffer.from(
      'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04',
      'latin1',
    );
    const res = await uploadCsv(client, project.id, gif);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_csv');
    const latin1 = Buffer.concat([
      Buffer.from('title,image_url\nCaf'),
      Buffer.from([0xe9]),
      Buffer.from(',x\n'),
    ]);
    expect((await uploadCsv(client, project.id, latin1)).json().error.message).toMatch(
      /^CSV line 2: is not UTF-8/,
    );
    expect(await counts(project.id)).toEqual({ tasks: 0, batches: 0 });
  });

  it('lists the placeholder columns the data lacks', async () => {
    const { client, project } = await freshProject();
    const res = await uploadCsv(client, project.id, 'name,url\nx,y\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'missing_columns',
      message: 'The data lacks columns that the template uses: title, image_url.',
      details: { missingColumns: ['title', 'image_url'] },
    });
    expect(await counts(project.id)).toEqual({ tasks: 0, batches: 0 });
  });

  it('imports nothing when a later row is bad', async () => {
    const { client, project } = await freshProject();
    const rows = Array.from({ length: 50 }, (_, i) => `t${i},u${i}`).join('\n');
    const res = await uploadCsv(client, project.id, `title,image_url\n${rows}\nlast,row,extra\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual({ line: 52 });
    expect(await counts(project.id)).toEqual({ tasks: 0, batches: 0 });
  });

  it('imports a 20,000-row upload whole: every row once, in order, over several INSERT chunks', async () => {
    const { client, project } = await freshProject();
    const rows = Array.from({ length: 20_000 }, (_, i) => `t${i + 1},https://x/${i + 1}.png`);
    const res = await uploadCsv(client, project.id, `title,image_url\n${rows.join('\n')}\n`);
    expect(res.statusCode).toBe(201);
    expect(res.json().rowCount).toBe(20_000);
    const stored = await ctx.database.db
      .selectFrom('tasks')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('row_number').distinct().as('numbers'),
        eb.fn.min('row_number').as('first'),
        eb.fn.max('row_number').as('last'),
      ])
      .where('project_id', '=', project.id)
      .executeTakeFirstOrThrow();
    expect(Object.values(stored).map(Number)).toEqual([20_000, 20_000, 1, 20_000]);
    const last = await ctx.database.db
      .selectFrom('tasks')
      .select('data')
      .where('project_id', '=', project.id)
      .where('row_number', '=', 20_000)
      .executeTakeFirstOrThrow();
    expect(last.data).toEqual({ title: 't20000', image_url: 'https://x/20000.png' });
    expect((await client.get(`/api/v1/projects/${project.id}`)).json().progress.tasks).toBe(20_000);
  });

  it('imports nothing when a row in a late chunk is bad, and names its line', async () => {
    const { client, project } = await freshProject();
    const rows = Array.from({ length: 12_000 }, (_, i) =>
      i === 11_499 ? 'only one field' : `t${i},u${i}`,
    );
    const res = await uploadCsv(client, project.id, `title,image_url\n${rows.join('\n')}\n`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'invalid_csv',
      message: 'CSV line 11501: has 1 field but the header has 2',
    });
    expect(await counts(project.id)).toEqual({ tasks: 0, batches: 0 });
  });

  it('answers 413 with the limit for too many bytes, rows or columns', async () => {
    const { client, project } = await freshProject(NO_PLACEHOLDERS);
    const big = `answer\n${'x'.repeat(1000)}\n`.repeat(
      Math.ceil(PROJECT_LIMITS.batchBytes / 1000) + 1,
    );
    const declared = await uploadCsv(client, project.id, big);
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error.message).toContain(`${PROJECT_LIMITS.batchBytes} bytes`);
    expect(declared.headers.connection).toBe('close');

    // Without a Content-Length the limit is enforced while the body streams in.
    const chunk = Buffer.from(`${'y'.repeat(1023)}\n`);
    const streamed = await app.inject({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/batches`,
      headers: {
        'content-type': 'text/csv',
        cookie: `tessera_session=${client.cookie('tessera_session')}; csrf_token=${client.cookie('csrf_token')}`,
        'x-csrf-token': client.cookie('csrf_token') ?? '',
      },
      payload: Readable.from(
        (function* () {
          yield Buffer.from('answer\n');
          for (let i = 0; i < PROJECT_LIMITS.batchBytes / chunk.length + 10; i++) yield chunk;
        })(),
      ),
    });
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json().error.message).toContain(`${PROJECT_LIMITS.batchBytes} bytes`);

    const tooManyRows = await uploadCsv(
      client,
      project.id,
      `answer\n${'1\n'.repeat(PROJECT_LIMITS.batchRows + 1)}`,
    );
    expect(tooManyRows.statusCode).toBe(413);
    expect(tooManyRows.json().error.message).toContain(`limit of ${PROJECT_LIMITS.batchRows} rows`);

    const header = Array.from({ length: PROJECT_LIMITS.batchColumns + 1 }, (_, i) => `c${i}`).join(
      ',',
    );
    const tooWide = await uploadCsv(client, project.id, `${header}\n${header}\n`);
    expect(tooWide.statusCode).toBe(413);
    expect(tooWide.json().error.message).toContain(`limit of ${PROJECT_LIMITS.batchColumns}`);
    expect(await counts(project.id)).toEqual({ tasks: 0, batches: 0 });
  });

  it('refuses other content types with 415', async () => {
    const { client, project } = await freshProject();
    const res = await client.request('POST', `/api/v1/projects/${project.id}/batches`, SAMPLE_CSV, {
      'content-type': 'application/xml',
    });
    expect(res.statusCode).toBe(415);
  });

  it('imports once per Idempotency-Key', async () => {
    const { client, project } = await freshProject();
    const first = await uploadCsv(client, project.id, SAMPLE_CSV, {
      'idempotency-key': 'upload-1',
    });
    const again = await uploadCsv(client, project.id, SAMPLE_CSV, {
      'idempotency-key': 'upload-1',
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await counts(project.id)).toEqual({ tasks: 2, batches: 1 });
    expect(
      (await uploadCsv(client, project.id, SAMPLE_CSV, { 'idempotency-key': 'upload-2' }))
        .statusCode,
    ).toBe(201);
    expect(await counts(project.id)).toEqual({ tasks: 4, batches: 2 });
  });
});

describe('uploading JSON rows', () => {
  it('accepts { rows } and a bare array, turning numbers, booleans and null into text', async () => {
    const { client, project } = await freshProject();
    const res = await client.post(`/api/v1/projects/${project.id}/batches`, {
      filename: 'rows.json',
      rows: [
        { title: 'A', image_url: 'https://x/a.png', n: 1.5, ok: true, none: null },
        { title: 'B', image_url: 'https://x/b.png', extra: 'only here' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      filename: 'rows.json',
      rowCount: 2,
      columns: ['title', 'image_url', 'n', 'ok', 'none', 'extra'],
    });
    const bare = await client.post(`/api/v1/projects/${project.id}/batches`, [
      { title: 'C', image_url: 'https://x/c.png' },
    ]);
    expect(bare.statusCode).toBe(201);
    const data = (await client.get(`/api/v1/projects/${project.id}/tasks`))
      .json()
      .items.map((t: { data: unknown }) => t.data);
    expect(data).toEqual([
      { title: 'A', image_url: 'https://x/a.png', n: '1.5', ok: 'true', none: '', extra: '' },
      { title: 'B', image_url: 'https://x/b.png', n: '', ok: '', none: '', extra: 'only here' },
      { title: 'C', image_url: 'https://x/c.png' },
    ]);
  });

  it.each([
    [{ rows: [] }, 400, 'body.rows'],
    [{ rows: [{ title: { nested: 1 }, image_url: 'x' }] }, 400, 'body.rows.0.title'],
    [{ rows: [{ title: 'a', image_url: 'b' }], other: 1 }, 400, 'body'],
    ['not rows', 400, undefined],
  ])('refuses %j', async (body, status, path) => {
    const { client, project } = await freshProject();
    const res = await client.post(`/api/v1/projects/${project.id}/batches`, body, {
      'content-type': 'application/json',
    });
    expect(res.statusCode).toBe(status);
    if (path) expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await counts(project.id)).toEqual({ tasks: 0, batches: 0 });
  });

  it('names the row that lacks a placeholder column, or holds text the database cannot store', async () => {
    const { client, project } = await freshProject();
    const lacking = await client.post(`/api/v1/projects/${project.id}/batches`, {
      rows: [{ title: 'a', image_url: 'b' }, { title: 'c' }],
    });
    expect(lacking.statusCode).toBe(400);
    expect(lacking.json().error).toMatchObject({
      code: 'invalid_rows',
      message: 'Row 2 lacks the column "image_url" that the template uses.',
    });
    const nul = await client.post(`/api/v1/projects/${project.id}/batches`, {
      rows: [{ title: 'a\u0000', image_url: 'b' }],
    });
    expect(nul.json().error).toMatchObject({
      code: 'invalid_rows',
      message: 'Row 1, column "title": contains a NUL character.',
    });
    const surrogate = await client.request(
      'POST',
      `/api/v1/projects/${project.id}/batches`,
      '{"rows":[{"title":"\\ud800","image_url":"b"}]}',
      { 'content-type': 'application/json' },
    );
    expect(surrogate.json().error.message).toContain('unpaired UTF-16 surrogate');
    expect(await counts(project.id)).toEqual({ tasks: 0, batches: 0 });
  });

  it('answers 413 for too many columns', async () => {
    const { client, project } = await freshProject(NO_PLACEHOLDERS);
    const row = Object.fromEntries(
      Array.from({ length: PROJECT_LIMITS.batchColumns + 1 }, (_, i) => [`c${i}`, 'v']),
    );
    const res = await client.post(`/api/v1/projects/${project.id}/batches`, { rows: [row] });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain(`limit of ${PROJECT_LIMITS.batchColumns} columns`);
  });
});

describe('listing tasks and batches', () => {
  it('pages tasks in upload order and filters by batch', async () => {
    const { client, project } = await freshProject();
    const one = (await uploadCsv(client, project.id, SAMPLE_CSV)).json();
    const two = (
      await uploadCsv(client, project.id, 'title,image_url\nEmu,https://x/e.png\n')
    ).json();
    const page1 = (await client.get(`/api/v1/projects/${project.id}/tasks?limit=2`)).json();
    expect(page1.items.map((t: { data: { title: string } }) => t.data.title)).toEqual([
      'Cat',
      'Dog',
    ]);
    const page2 = (
      await client.get(`/api/v1/projects/${project.id}/tasks?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2).toMatchObject({ items: [{ batchId: two.id, rowNumber: 1 }], nextCursor: null });
    const onlyOne = (
      await client.get(`/api/v1/projects/${project.id}/tasks?batchId=${one.id}`)
    ).json();
    expect(onlyOne.items).toHaveLength(2);
    expect((await client.get(`/api/v1/projects/${project.id}/tasks?cursor=bad`)).statusCode).toBe(
      400,
    );
    const batches = (await client.get(`/api/v1/projects/${project.id}/batches?limit=1`)).json();
    expect(batches.items[0].id).toBe(two.id);
    const rest = (
      await client.get(
        `/api/v1/projects/${project.id}/batches?limit=1&cursor=${batches.nextCursor}`,
      )
    ).json();
    expect(rest).toMatchObject({ items: [{ id: one.id }], nextCursor: null });
  });
});

describe('who may upload and read data', () => {
  it("answers 404 for another requester's project, 403 for a worker, 401 when signed out", async () => {
    const { client: owner, project } = await freshProject();
    await uploadCsv(owner, project.id, SAMPLE_CSV);
    const { client: stranger } = await signUpRequester(app);
    expect((await uploadCsv(stranger, project.id, SAMPLE_CSV)).statusCode).toBe(404);
    expect(
      (
        await stranger.post(`/api/v1/projects/${project.id}/batches`, {
          rows: [{ title: 'a', image_url: 'b' }],
        })
      ).statusCode,
    ).toBe(404);
    expect((await stranger.get(`/api/v1/projects/${project.id}/batches`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/v1/projects/${project.id}/tasks`)).statusCode).toBe(404);
    const { client: worker } = await signUp(app, { roles: ['worker'] });
    expect((await uploadCsv(worker, project.id, SAMPLE_CSV)).statusCode).toBe(403);
    expect((await worker.get(`/api/v1/projects/${project.id}/tasks`)).statusCode).toBe(403);
    expect((await uploadCsv(new Client(app), project.id, SAMPLE_CSV)).statusCode).toBe(401);
    expect(await counts(project.id)).toEqual({ tasks: 2, batches: 1 });
  });

  it('refuses data for a cancelled project with 409', async () => {
    const { client, project } = await freshProject();
    await client.post(`/api/v1/projects/${project.id}/cancel`);
    const res = await uploadCsv(client, project.id, SAMPLE_CSV);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'invalid_state',
      details: { status: 'cancelled' },
    });
  });
});
