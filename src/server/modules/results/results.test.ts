import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import {
  createProject,
  deposit,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';
import { GOOD_ANSWERS, publishedProject, SIMPLE_FORM } from '../../../../test/helpers/work.js';
import { RESULT_CSV_COLUMNS } from '../../../shared/api/results.js';
import { createServices } from '../../app.js';
import { EXPORT_PAGE_ROWS } from './results.service.js';

const ctx = await createTestApp();
const { app, clock } = ctx;
const { db } = ctx.database;
const services = createServices({ db, clock, config: ctx.config });

type Worker = Awaited<ReturnType<typeof signUp>>;
const worker = () => signUp(app, { roles: ['worker'] });

/** Accepts the project's next task, works on it for `seconds`, and submits `answers`. */
async function work(w: Worker, projectId: string, answers: object = GOOD_ANSWERS, seconds = 90) {
  const accepted = await w.client.post(`/api/v1/projects/${projectId}/assignments`);
  if (accepted.statusCode !== 201) throw new Error(`accept failed: ${accepted.body}`);
  const assignment = accepted.json<{ id: string; taskId: string; acceptedAt: string }>();
  clock.advance(seconds * 1000);
  const submitted = await w.client.post(`/api/v1/assignments/${assignment.id}/submit`, {
    answers,
  });
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  return assignment;
}

/**
 * Approval and rejection belong to the review module; setting the state directly keeps this
 * suite about the export alone (the columns read only `status`, `reviewed_at` and `feedback`).
 */
async function review(id: string, status: 'approved' | 'rejected', feedback: string | null) {
  clock.advance(60_000);
  await db
    .updateTable('assignments')
    .set({ status, reviewed_at: clock.now(), feedback })
    .where('id', '=', id)
    .execute();
  return clock.now().toISOString();
}

function csvOf(body: string) {
  return parse(body, { bom: true });
}

/** The CSV's rows as objects keyed by header. */
function recordsOf(body: string) {
  return parse<Record<string, string>>(body, { columns: true });
}

/** A form's columns after its answers: aggregate and confidence of its one choice, then gold. */
const QUALITY_COLUMNS = ['Aggregate.animal', 'Confidence.animal', 'gold', 'goldCorrect'];

const csvUrl = (projectId: string, query = '') =>
  `/api/v1/projects/${projectId}/results.csv${query}`;
const jsonUrl = (projectId: string, query = '') =>
  `/api/v1/projects/${projectId}/results.json${query}`;

describe('results.csv', () => {
  it('has MTurk-style columns with the task’s data, the answers, times and feedback', async () => {
    const { requester, projectId } = await publishedProject(app, {
      tasks: 2,
      slots: 2,
      project: { title: 'Évaluer: "animals" / 2026!' },
    });
    const [w1, w2] = [await worker(), await worker()];
    const first = await work(w1, projectId, { animal: 'yes', note: 'a cat' }, 95);
    const second = await work(w2, projectId, { animal: 'no' }, 30);
    const third = await work(w1, projectId, { animal: 'no', note: 'hm' }, 12);
    const approvedAt = await review(first.id, 'approved', 'Thanks!');
    const rejectedAt = await review(second.id, 'rejected', 'Did not read the instructions');

    const response = await requester.client.get(csvUrl(projectId));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="evaluer-animals-2026-results.csv"',
    );
    expect(response.headers['cache-control']).toBe('no-store');
    const [header, ...rows] = csvOf(response.body);
    expect(header).toEqual([
      ...RESULT_CSV_COLUMNS,
      'Input.word',
      'Answer.animal',
      'Answer.note',
      ...QUALITY_COLUMNS,
    ]);
    expect(rows).toHaveLength(3);

    const records = recordsOf(response.body);
    const byId = new Map(records.map((r) => [r.AssignmentId, r]));
    expect(byId.get(first.id)).toEqual({
      HITId: first.taskId,
      HITTypeId: projectId,
      AssignmentId: first.id,
      WorkerId: w1.user.id,
      AssignmentStatus: 'approved',
      AcceptTime: first.acceptedAt,
      SubmitTime: new Date(Date.parse(first.acceptedAt) + 95_000).toISOString(),
      ApprovalTime: approvedAt,
      RejectionTime: '',
      WorkTimeInSeconds: '95',
      RequesterFeedback: 'Thanks!',
      TaskNumber: '1',
      'Input.word': 'word0',
      'Answer.animal': 'yes',
      'Answer.note': 'a cat',
      // Not aggregated yet (the background job has not run), and not a gold task.
      'Aggregate.animal': '',
      'Confidence.animal': '',
      gold: 'false',
      goldCorrect: '',
    });
    expect(byId.get(second.id)).toMatchObject({
      WorkerId: w2.user.id,
      AssignmentStatus: 'rejected',
      ApprovalTime: '',
      RejectionTime: rejectedAt,
      WorkTimeInSeconds: '30',
      RequesterFeedback: 'Did not read the instructions',
      'Input.word': 'word0',
      'Answer.note': '',
    });
    expect(byId.get(third.id)).toMatchObject({
      AssignmentStatus: 'submitted',
      ApprovalTime: '',
      RejectionTime: '',
      WorkTimeInSeconds: '12',
      RequesterFeedback: '',
      'Input.word': 'word1',
    });
    // Task upload order: both of word0's assignments come before word1's.
    expect(records.map((r) => r['Input.word'])).toEqual(['word0', 'word0', 'word1']);
  });

  it('neutralises cells a spreadsheet would run as formulas, in data and answers', async () => {
    const { requester, projectId } = await formulaProject();
    const w = await worker();
    const answers = [
      { note: '=HYPERLINK("http://evil.example","x")', score: -3, tags: ['@home', 'safe'] },
      { note: '+1+2', score: 4, tags: ['safe'] },
      { note: '-2+3', tags: [] },
      { note: '@SUM(A1)' },
      { note: '\tstarts with a tab' },
      { note: '\rstarts with a return' },
      { note: 'plain = text' },
    ];
    for (const a of answers) await work(w, projectId, a);

    const records = recordsOf((await requester.client.get(csvUrl(projectId))).body);
    expect(records.map((r) => r['Input.word'])).toEqual([
      'word0',
      "'=1+1",
      "'+cmd|' /C calc'!A0",
      "'-5",
      "'@user",
      'safe',
      'also safe',
    ]);
    expect(records.map((r) => r['Answer.note'])).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      "'+1+2",
      "'-2+3",
      "'@SUM(A1)",
      "'\tstarts with a tab",
      "'\rstarts with a return",
      'plain = text',
    ]);
    // A real number keeps its sign; several choices share a cell, joined with "|".
    expect(records.map((r) => r['Answer.score'])).toEqual(['-3', '4', '', '', '', '', '']);
    expect(records.map((r) => r['Answer.tags']).slice(0, 3)).toEqual(["'@home|safe", 'safe', '']);
  });
});

/** A project whose uploaded data holds would-be formulas. */
async function formulaProject() {
  const { requester, projectId } = await publishedProject(app, {
    tasks: 1,
    project: {
      assignmentsPerTask: 1,
      template: {
        kind: 'form',
        items: [
          { type: 'instructions', name: 'intro', text: 'Look at {{word}}' },
          { type: 'text', name: 'note', label: 'Note' },
          { type: 'number', name: 'score', label: 'Score' },
          {
            type: 'multiple_choice',
            name: 'tags',
            label: 'Tags',
            options: [
              { value: '@home', label: 'At home' },
              { value: 'safe', label: 'Safe' },
            ],
          },
        ],
      },
    },
  });
  const upload = await uploadCsv(
    requester.client,
    projectId,
    `word\r\n=1+1\r\n"+cmd|' /C calc'!A0"\r\n-5\r\n@user\r\nsafe\r\nalso safe\r\n`,
  );
  if (upload.statusCode !== 201) throw new Error(`upload failed: ${upload.body}`);
  return { requester, projectId };
}

describe('filters', () => {
  it('exports handed-in work by default and any statuses asked for, overdue work as expired', async () => {
    const { requester, projectId } = await publishedProject(app, {
      tasks: 6,
      project: { timeAllottedSeconds: 600 },
    });
    const w = await worker();
    const submitted = await work(w, projectId);
    const approved = await work(w, projectId);
    const rejected = await work(w, projectId);
    await review(approved.id, 'approved', null);
    await review(rejected.id, 'rejected', 'Wrong');
    const returned = (await w.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
    await w.client.post(`/api/v1/assignments/${returned.id}/return`);
    const overdue = (await w.client.post(`/api/v1/projects/${projectId}/assignments`)).json();
    clock.advance(601_000);
    const open = (await w.client.post(`/api/v1/projects/${projectId}/assignments`)).json();

    const ids = async (query = '') =>
      recordsOf((await requester.client.get(csvUrl(projectId, query))).body)
        .map((r) => `${r.AssignmentStatus}:${r.AssignmentId}`)
        .sort();
    const label = (status: string, id: string) => `${status}:${id}`;
    expect(await ids()).toEqual(
      [
        label('submitted', submitted.id),
        label('approved', approved.id),
        label('rejected', rejected.id),
      ].sort(),
    );
    expect(await ids('?status=approved')).toEqual([label('approved', approved.id)]);
    expect(await ids('?status=rejected,approved')).toEqual(
      [label('approved', approved.id), label('rejected', rejected.id)].sort(),
    );
    // The sweep has not run: the overdue assignment is still `accepted` in its row.
    expect(await ids('?status=accepted')).toEqual([label('accepted', open.id)]);
    expect(await ids('?status=expired,returned')).toEqual(
      [label('expired', overdue.id), label('returned', returned.id)].sort(),
    );
  });

  it('narrows to one batch, with that batch’s columns', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 1 });
    const upload = await uploadCsv(requester.client, projectId, 'word,extra\r\nsecond,more\r\n');
    expect(upload.statusCode).toBe(201);
    const secondBatch = upload.json<{ id: string }>().id;
    const w = await worker();
    await work(w, projectId);
    await work(w, projectId);

    const all = csvOf((await requester.client.get(csvUrl(projectId))).body);
    expect(all[0]?.slice(RESULT_CSV_COLUMNS.length)).toEqual([
      'Input.word',
      'Input.extra',
      'Answer.animal',
      'Answer.note',
      ...QUALITY_COLUMNS,
    ]);
    expect(all.slice(1).map((row) => row.slice(RESULT_CSV_COLUMNS.length, -6))).toEqual([
      ['word0', ''],
      ['second', 'more'],
    ]);
    const one = recordsOf(
      (await requester.client.get(csvUrl(projectId, `?batchId=${secondBatch}`))).body,
    );
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ 'Input.word': 'second', 'Input.extra': 'more' });
  });

  it('rejects a bad status or batch id with 400 naming the field, and a foreign batch with 404', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 1 });
    for (const query of ['?status=done', '?status=approved,nope', '?status=', '?status=,']) {
      const response = await requester.client.get(csvUrl(projectId, query));
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.details[0].path, query).toMatch(/^querystring\.status/);
    }
    const badBatch = await requester.client.get(csvUrl(projectId, '?batchId=42'));
    expect(badBatch.statusCode).toBe(400);
    expect(badBatch.json().error.details[0].path).toBe('querystring.batchId');
    expect((await requester.client.get(csvUrl(projectId, '?format=xlsx'))).statusCode).toBe(400);

    const other = await publishedProject(app, { tasks: 1 });
    const [otherBatch] = await db
      .selectFrom('batches')
      .select('id')
      .where('project_id', '=', other.projectId)
      .execute();
    const foreign = await requester.client.get(csvUrl(projectId, `?batchId=${otherBatch?.id}`));
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.message).toBe('Batch not found.');
  });
});

describe('results.json', () => {
  it('streams JSON lines with the raw values', async () => {
    const { requester, projectId } = await publishedProject(app, {
      tasks: 2,
      project: { title: 'Lines' },
    });
    const w = await worker();
    const first = await work(w, projectId, { animal: 'yes', note: '=raw' }, 40);
    const second = await work(w, projectId, { animal: 'no' }, 10);
    const rejectedAt = await review(second.id, 'rejected', 'No');

    const response = await requester.client.get(jsonUrl(projectId));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="lines-results.jsonl"',
    );
    expect(response.body.endsWith('\n')).toBe(true);
    const lines = response.body
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const [batch] = await db
      .selectFrom('batches')
      .select('id')
      .where('project_id', '=', projectId)
      .execute();
    expect(lines).toEqual([
      {
        assignmentId: first.id,
        taskId: first.taskId,
        projectId,
        batchId: batch?.id,
        rowNumber: 1,
        taskNumber: 1,
        workerId: w.user.id,
        status: 'submitted',
        acceptedAt: first.acceptedAt,
        submittedAt: new Date(Date.parse(first.acceptedAt) + 40_000).toISOString(),
        approvedAt: null,
        rejectedAt: null,
        workTimeSeconds: 40,
        feedback: null,
        input: { word: 'word0' },
        answers: { animal: 'yes', note: '=raw' },
        aggregates: {},
        gold: false,
        goldCorrect: null,
      },
      expect.objectContaining({
        assignmentId: second.id,
        rowNumber: 2,
        taskNumber: 2,
        status: 'rejected',
        rejectedAt,
        workTimeSeconds: 10,
        feedback: 'No',
        answers: { animal: 'no' },
      }),
    ]);
    const filtered = await requester.client.get(jsonUrl(projectId, '?status=rejected'));
    expect(filtered.body.trimEnd().split('\n')).toHaveLength(1);
    expect((await requester.client.get(jsonUrl(projectId, '?status=x'))).statusCode).toBe(400);
  });

  it('is empty, and the CSV only a header, when nothing matches', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 1 });
    expect((await requester.client.get(jsonUrl(projectId))).body).toBe('');
    expect(csvOf((await requester.client.get(csvUrl(projectId))).body)).toEqual([
      [...RESULT_CSV_COLUMNS, 'Input.word', 'Answer.animal', 'Answer.note', ...QUALITY_COLUMNS],
    ]);
  });
});

describe('aggregates and gold', () => {
  /**
   * Task 1 (plain) and task 2 (gold, known answer yes), three workers on each:
   *   plain: yes, no, no      → majority no, confidence 2/3
   *   gold:  yes, yes, no     → majority yes (its known answer), confidence 1
   */
  async function votedGoldProject() {
    const requester = await signUpRequester(app);
    await deposit(requester.client, 1_000_000);
    const project = await createProject(requester.client, {
      template: SIMPLE_FORM,
      rewardCents: 10,
      assignmentsPerTask: 3,
      quality: {
        goldPercent: 50,
        minGoldAccuracyPercent: 0,
        minGoldAnswered: 0,
        goldFeedback: false,
      },
    });
    const upload = await uploadCsv(
      requester.client,
      project.id,
      'word,Gold.animal\nplain,\nsample,yes\n',
    );
    expect(upload.statusCode, upload.body).toBe(201);
    expect((await requester.client.post(`/api/v1/projects/${project.id}/publish`)).statusCode).toBe(
      200,
    );
    const choices = [
      { plain: 'yes', sample: 'yes' },
      { plain: 'no', sample: 'yes' },
      { plain: 'no', sample: 'no' },
    ];
    const workers: Worker[] = [];
    for (const byWord of choices) {
      const w = await worker();
      workers.push(w);
      for (let i = 0; i < 2; i++) {
        const accepted = await w.client.post(`/api/v1/projects/${project.id}/assignments`);
        expect(accepted.statusCode, accepted.body).toBe(201);
        const { id, taskId } = accepted.json<{ id: string; taskId: string }>();
        const task = await db
          .selectFrom('tasks')
          .select('data')
          .where('id', '=', taskId)
          .executeTakeFirstOrThrow();
        const word = String(task.data.word) as keyof typeof byWord;
        const submitted = await w.client.post(`/api/v1/assignments/${id}/submit`, {
          answers: { animal: byWord[word] },
        });
        expect(submitted.statusCode, submitted.body).toBe(200);
      }
    }
    return { requester, projectId: project.id, workers };
  }

  it('adds each task’s aggregate and confidence by the chosen method, and gold per row, worked by hand', async () => {
    const { requester, projectId, workers } = await votedGoldProject();
    expect(await services.aggregation.recompute(projectId, clock.now())).toBe(true);

    const records = recordsOf(
      (await requester.client.get(csvUrl(projectId, '?method=majority'))).body,
    );
    const rows = records.map((r) => [
      r['Input.word'],
      r.WorkerId,
      r['Answer.animal'],
      r['Aggregate.animal'],
      Number(r['Confidence.animal']).toFixed(4),
      r.gold,
      r.goldCorrect,
    ]);
    const [w1, w2, w3] = workers.map((w) => w.user.id);
    const byWorker = (a: (string | undefined)[], b: (string | undefined)[]) =>
      String(a[1]).localeCompare(String(b[1]));
    expect(rows.slice(0, 3).sort(byWorker)).toEqual(
      [
        ['plain', w1, 'yes', 'no', '0.6667', 'false', ''],
        ['plain', w2, 'no', 'no', '0.6667', 'false', ''],
        ['plain', w3, 'no', 'no', '0.6667', 'false', ''],
      ].sort(byWorker),
    );
    expect(rows.slice(3).sort(byWorker)).toEqual(
      [
        ['sample', w1, 'yes', 'yes', '1.0000', 'true', 'true'],
        ['sample', w2, 'yes', 'yes', '1.0000', 'true', 'true'],
        ['sample', w3, 'no', 'yes', '1.0000', 'true', 'false'],
      ].sort(byWorker),
    );

    // Without `method`, Dawid-Skene's: the same figures as GET /aggregates gives.
    const ds = (await requester.client.get(`/api/v1/projects/${projectId}/aggregates`)).json<{
      items: { taskNumber: number; answer: string; confidence: number }[];
    }>().items;
    const lines = (await requester.client.get(jsonUrl(projectId))).body
      .trimEnd()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            taskNumber: number;
            aggregates: unknown;
            gold: boolean;
            goldCorrect: boolean | null;
            answers: { animal: string };
          },
      );
    for (const line of lines) {
      const expected = ds.find((a) => a.taskNumber === line.taskNumber)!;
      expect(line.aggregates).toEqual({
        animal: { answer: expected.answer, confidence: expected.confidence },
      });
      expect(line.gold).toBe(line.taskNumber === 2);
      expect(line.goldCorrect).toBe(line.taskNumber === 2 ? line.answers.animal === 'yes' : null);
    }
    // Gold is observed truth for Dawid-Skene too.
    expect(ds[1]).toMatchObject({ taskNumber: 2, answer: 'yes' });
    expect(lines).toHaveLength(6);
  });

  it('rejects an unknown method with 400 naming it', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 1 });
    for (const url of [csvUrl(projectId, '?method=vote'), jsonUrl(projectId, '?method=vote')]) {
      const response = await requester.client.get(url);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('method');
    }
  });
});

describe('HTML templates', () => {
  it('makes a column of every answer field seen among the exported rows', async () => {
    const { requester, projectId } = await publishedProject(app, {
      tasks: 3,
      project: {
        template: {
          kind: 'html',
          html: '<p>${word}</p><form><input name="label"><input type="checkbox" name="flags"></form>',
        },
      },
    });
    const w = await worker();
    await work(w, projectId, { label: 'cat', flags: ['a', 'b'] });
    await work(w, projectId, { label: 'dog', extra: 'x' });
    const hidden = await work(w, projectId, { zzz: 'only in a rejected one' });
    await review(hidden.id, 'rejected', 'No');

    const submittedOnly = csvOf(
      (await requester.client.get(csvUrl(projectId, '?status=submitted'))).body,
    );
    expect(submittedOnly[0]?.slice(RESULT_CSV_COLUMNS.length)).toEqual([
      'Input.word',
      'Answer.extra',
      'Answer.flags',
      'Answer.label',
      // An HTML template has no choice-like items to aggregate; gold still applies.
      'gold',
      'goldCorrect',
    ]);
    expect(submittedOnly.slice(1).map((r) => r.slice(RESULT_CSV_COLUMNS.length))).toEqual([
      ['word0', '', 'a|b', 'cat', 'false', ''],
      ['word1', 'x', '', 'dog', 'false', ''],
    ]);
    const everything = csvOf((await requester.client.get(csvUrl(projectId))).body);
    expect(everything[0]?.at(-3)).toBe('Answer.zzz');
    expect(everything).toHaveLength(4);
  });
});

describe('streaming', () => {
  it('exports thousands of rows across many pages, each once, in task order', async () => {
    const slots = 3;
    const tasks = 1_100;
    const { requester, projectId } = await publishedProject(app, {
      tasks: 1,
      slots,
      project: { title: 'Many rows' },
    });
    const workers = [await worker(), await worker(), await worker()];
    // Thousands of submissions through the API would take minutes: rows are written directly,
    // shaped as the work module writes them. Three per task: a page is 333 whole tasks.
    const [batch] = await db
      .selectFrom('batches')
      .select('id')
      .where('project_id', '=', projectId)
      .execute();
    const now = clock.now();
    await sql`
      insert into tasks (project_id, batch_id, row_number, number, data, reward_cents,
        assignments_per_task, live_assignments)
      select ${projectId}, ${batch?.id}, 1 + n, 1 + n, jsonb_build_object('word', 'bulk' || n), 10,
        ${slots}, ${slots}
      from generate_series(1, ${tasks}) as n`.execute(db);
    await sql`
      insert into assignments (task_id, project_id, worker_id, status, reward_cents, accepted_at,
        deadline, submitted_at, answers)
      select t.id, t.project_id, w.id::uuid, 'submitted', 10, ${now}, ${now},
        ${now}, jsonb_build_object('animal', 'yes', 'note', t.data->>'word')
      from tasks t
      cross join unnest(${workers.map((w) => w.user.id)}::text[]) as w(id)
      where t.project_id = ${projectId} and t.row_number > 1`.execute(db);
    const expected = tasks * slots;
    expect(expected).toBeGreaterThan(3 * EXPORT_PAGE_ROWS);

    const csv = await requester.client.get(csvUrl(projectId));
    const records = recordsOf(csv.body);
    expect(records).toHaveLength(expected);
    expect(new Set(records.map((r) => r.AssignmentId)).size).toBe(expected);
    const words = records.map((r) => Number(r['Input.word']?.replace('bulk', '')));
    expect(words).toEqual([...words].sort((a, b) => a - b));
    expect(records.every((r) => r['Answer.note'] === r['Input.word'])).toBe(true);

    const json = await requester.client.get(jsonUrl(projectId));
    const lines = json.body.trimEnd().split('\n');
    expect(lines).toHaveLength(expected);
    expect(
      new Set(lines.map((l) => (JSON.parse(l) as { assignmentId: string }).assignmentId)).size,
    ).toBe(expected);
  });
});

describe('who may export', () => {
  it('is the project’s requester only', async () => {
    const { requester, projectId } = await publishedProject(app, { tasks: 1 });
    const w = await worker();
    await work(w, projectId);

    const stranger = await signUp(app, { roles: ['requester'] });
    for (const url of [csvUrl(projectId), jsonUrl(projectId)]) {
      const foreign = await stranger.client.get(url);
      expect(foreign.statusCode, url).toBe(404);
      expect(foreign.json().error.code).toBe('not_found');
      expect((await w.client.get(url)).statusCode, url).toBe(403);
      expect((await new Client(app).get(url)).statusCode, url).toBe(401);
    }
    expect(
      (await requester.client.get(csvUrl('00000000-0000-4000-8000-00000000abcd'))).statusCode,
    ).toBe(404);
    expect((await requester.client.get('/api/v1/projects/nope/results.csv')).statusCode).toBe(400);
    // No HEAD: it would read the whole export only to drop it.
    expect((await requester.client.request('HEAD', csvUrl(projectId))).statusCode).toBe(404);

    const tokens = async (scopes: string[]) => {
      const created = await requester.client.post('/api/v1/me/tokens', { name: 'x', scopes });
      const bot = new Client(app);
      bot.bearer = created.json<{ token: string }>().token;
      return bot;
    };
    const reader = await tokens(['projects:read']);
    expect(recordsOf((await reader.get(csvUrl(projectId))).body)).toHaveLength(1);
    expect((await (await tokens(['profile'])).get(csvUrl(projectId))).statusCode).toBe(403);
  });
});
