import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import { createProject, signUpRequester, uploadCsv } from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;
const db = ctx.database.db;

async function stored(projectId: string) {
  const tasks = await db
    .selectFrom('tasks')
    .select('id')
    .where('project_id', '=', projectId)
    .execute();
  const batches = await db
    .selectFrom('batches')
    .select('id')
    .where('project_id', '=', projectId)
    .execute();
  const project = await db
    .selectFrom('projects')
    .select('task_count')
    .where('id', '=', projectId)
    .executeTakeFirstOrThrow();
  return { tasks: tasks.length, batches: batches.length, taskCount: project.task_count };
}

async function photoProject() {
  const { client } = await signUpRequester(app);
  const project = await createProject(client);
  return { client, projectId: project.id };
}

const NOTHING = { tasks: 0, batches: 0, taskCount: 0 };

describe('cells checked against the template at import', () => {
  it('refuses a web-address column holding other text, naming each line, column and value, and imports nothing', async () => {
    const { client, projectId } = await photoProject();
    const csv = [
      'title,image_url', // line 1
      'Cat,https://img.example.com/cat.png',
      'Dog,https://img.example.com/dog.png',
      '', // a blank line still counts
      '"Two-line',
      'title",not-a-url', // the record began on line 5
      'Owl,javascript:alert(1)', // line 7
      'Fox,', // line 8
    ].join('\n');
    const res = await uploadCsv(client, projectId, csv);
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('invalid_cells');
    expect(error.message).toContain(
      'line 5, column "image_url": "not-a-url" is not a web address (http:// or https://)',
    );
    expect(error.message).toContain('line 7, column "image_url": "javascript:alert(1)"');
    expect(error.message).toContain('line 8, column "image_url": is empty');
    expect(error.message).toContain('Nothing was imported');
    expect(error.details).toEqual({
      errorCount: 3,
      errors: [
        expect.objectContaining({ line: 5, column: 'image_url', value: 'not-a-url' }),
        expect.objectContaining({ line: 7, column: 'image_url', value: 'javascript:alert(1)' }),
        expect.objectContaining({
          line: 8,
          column: 'image_url',
          value: '',
          expected: 'a web address (http:// or https://)',
        }),
      ],
    });
    expect(await stored(projectId)).toEqual(NOTHING);
  });

  it('names the rows of JSON uploads the same way', async () => {
    const { client, projectId } = await photoProject();
    const res = await client.post(`/api/v1/projects/${projectId}/batches`, {
      rows: [
        { title: 'Cat', image_url: 'https://img.example.com/cat.png' },
        { title: 'Dog', image_url: 'img/dog.png' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'invalid_cells',
      message: expect.stringContaining(
        'row 2, column "image_url": "img/dog.png" is not a web address',
      ),
      details: { errorCount: 1, errors: [{ row: 2, column: 'image_url', value: 'img/dog.png' }] },
    });
    expect(await stored(projectId)).toEqual(NOTHING);
  });

  it('reports at most 20 problems at once with the count of all', async () => {
    const { client, projectId } = await photoProject();
    const rows = Array.from({ length: 45 }, (_, i) => `t${i},photo-${i}.png`);
    const res = await uploadCsv(client, projectId, ['title,image_url', ...rows].join('\n'));
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.details.errorCount).toBe(45);
    expect(error.details.errors).toHaveLength(20);
    expect(error.details.errors[0]).toMatchObject({ line: 2 });
    expect(error.details.errors[19]).toMatchObject({ line: 21 });
    expect(error.message).toContain('45 cells do not fit the template (the first 20 of 45)');
  });

  it('checks numbers an HTML template uses as a number attribute', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client, {
      template: {
        kind: 'html',
        html: '<p>${title}</p><input type="range" name="score" min="0" max="${top}">',
      },
    });
    const bad = await uploadCsv(client, project.id, 'title,top\nA,10\nB,ten\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain(
      'line 3, column "top": "ten" is not a number (the max attribute needs one)',
    );
    const good = await uploadCsv(client, project.id, 'title,top\nA,10\nB,2.5\n');
    expect(good.statusCode).toBe(201);
  });
});

describe('CSV separators', () => {
  it('imports a semicolon-separated file, found from its header', async () => {
    const { client, projectId } = await photoProject();
    const csv =
      'title;image_url;price\r\n"Tea; green";https://img.example.com/tea.png;3,50\r\nCake;https://img.example.com/cake.png;2\r\n';
    const res = await uploadCsv(client, projectId, csv);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ columns: ['title', 'image_url', 'price'], rowCount: 2 });
    const tasks = (await client.get(`/api/v1/projects/${projectId}/tasks`)).json().items;
    expect(tasks[0].data).toEqual({
      title: 'Tea; green',
      image_url: 'https://img.example.com/tea.png',
      price: '3,50',
    });
  });

  it('imports a tab-separated file', async () => {
    const { client, projectId } = await photoProject();
    const res = await uploadCsv(
      client,
      projectId,
      'title\timage_url\nA, b\thttps://img.example.com/a.png\n',
    );
    expect(res.statusCode).toBe(201);
    const tasks = (await client.get(`/api/v1/projects/${projectId}/tasks`)).json().items;
    expect(tasks[0].data).toEqual({ title: 'A, b', image_url: 'https://img.example.com/a.png' });
  });

  it('takes the separator it is told, and says so when the file looks separated by another', async () => {
    const { client, projectId } = await photoProject();
    const csv = 'title;image_url\nCat;https://img.example.com/cat.png\n';
    const wrong = await uploadCsv(client, projectId, csv, {}, '?delimiter=comma');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({
      code: 'wrong_delimiter',
      message: expect.stringContaining(
        'the file looks like it is separated by semicolons, not commas',
      ),
      details: { delimiter: 'comma', suspectedDelimiter: 'semicolon' },
    });
    expect(await stored(projectId)).toEqual(NOTHING);

    const told = await uploadCsv(client, projectId, csv, {}, '?delimiter=semicolon');
    expect(told.statusCode).toBe(201);
    expect((await uploadCsv(client, projectId, csv, {}, '?delimiter=pipe')).statusCode).toBe(400);
  });

  it('still names missing columns when the header really lacks them', async () => {
    const { client, projectId } = await photoProject();
    const res = await uploadCsv(client, projectId, 'title\nCat\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'missing_columns',
      details: { missingColumns: ['image_url'] },
    });
  });
});
