import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import { GOLD_QUALITY, goldProject } from '../../../../test/helpers/gold.js';
import { createWorkRepository } from './work.repository.js';

const ctx = await createTestApp();
const { app } = ctx;
const { db } = ctx.database;

/** Runs each raw statement as EXPLAIN ANALYZE instead and keeps the plan's lines. */
class ExplainAnalyze implements KyselyPlugin {
  readonly lines: string[] = [];

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (node.kind !== 'RawNode') return node;
    const [first = '', ...rest] = node.sqlFragments;
    return {
      ...node,
      sqlFragments: [`explain (analyze, costs off, timing off) ${first}`, ...rest],
    };
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of result.rows) this.lines.push(String(Object.values(row)[0]));
    return result;
  }
}

/** The claim's plan for this worker's next accept, run for real inside a rolled-back transaction. */
async function claimPlan(projectId: string, workerId: string): Promise<string[]> {
  const explain = new ExplainAnalyze();
  const rollback = new Error('rollback');
  await db
    .transaction()
    .execute(async (trx) => {
      const now = ctx.clock.now();
      await createWorkRepository(trx.withPlugin(explain)).claimNext({
        projectId,
        workerId,
        now,
        deadline: new Date(now.getTime() + 3_600_000),
        skipLocked: false,
      });
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return explain.lines;
}

/** The first plan node under a CTE: "(never executed)" when the statement never read it. */
function cteNode(plan: readonly string[], name: string): string {
  const at = plan.findIndex((line) => line.trim() === `CTE ${name}`);
  expect(at, plan.join('\n')).toBeGreaterThanOrEqual(0);
  return plan[at + 1] ?? '';
}

describe('the claim with gold in the mix', () => {
  it('locks only the task it takes: the other kind of candidate is never read', async () => {
    const { requester, projectId } = await goldProject(app, {
      plain: 2,
      gold: 2,
      quality: { ...GOLD_QUALITY, goldPercent: 100 },
    });
    await requester.client.post(`/api/v1/projects/${projectId}/publish`);
    const worker = await signUp(app, { roles: ['worker'] });
    // At 100 % gold is due: the gold candidate is read and locked, the ordinary one never.
    const goldDue = await claimPlan(projectId, worker.user.id);
    expect(cteNode(goldDue, 'gold_candidate')).toContain('actual rows=1');
    expect(cteNode(goldDue, 'plain_candidate')).toContain('never executed');

    await requester.client.patch(`/api/v1/projects/${projectId}`, { quality: { goldPercent: 0 } });
    const plainDue = await claimPlan(projectId, worker.user.id);
    expect(cteNode(plainDue, 'plain_candidate')).toContain('actual rows=1');
    expect(cteNode(plainDue, 'gold_candidate')).toContain('never executed');
  });

  it('never gives a slot twice or a worker the same gold twice when many accept at once', async () => {
    const { requester, projectId } = await goldProject(app, {
      plain: 6,
      gold: 4,
      quality: { ...GOLD_QUALITY, goldPercent: 40, minGoldAccuracyPercent: 0 },
    });
    await requester.client.patch(`/api/v1/projects/${projectId}`, { assignmentsPerTask: 2 });
    await requester.client.post(`/api/v1/projects/${projectId}/publish`);
    const workers = await Promise.all(
      Array.from({ length: 12 }, () => signUp(app, { roles: ['worker'] })),
    );
    // Three rounds of everyone accepting twice at once: 72 tries for 20 slots.
    const codes: number[] = [];
    const odd: string[] = [];
    for (let round = 0; round < 3; round++) {
      const responses = await Promise.all(
        workers.flatMap((w) =>
          [0, 1].map(() => w.client.post(`/api/v1/projects/${projectId}/assignments`)),
        ),
      );
      codes.push(...responses.map((r) => r.statusCode));
      // Anything but "yours" or "none left" is a failure: keep what it said, to show it.
      odd.push(
        ...responses
          .filter((r) => r.statusCode !== 201 && r.statusCode !== 409)
          .map((r) => `${r.statusCode} ${r.body}`),
      );
    }
    expect(odd).toEqual([]);
    expect(codes.filter((c) => c === 201)).toHaveLength(20);
    const taken = await db
      .selectFrom('assignments as a')
      .leftJoin('task_gold as g', 'g.task_id', 'a.task_id')
      .innerJoin('tasks as t', 't.id', 'a.task_id')
      .select(['a.task_id', 'a.worker_id', 'g.task_id as gold', 't.live_assignments'])
      .where('a.project_id', '=', projectId)
      .execute();
    expect(taken).toHaveLength(20);
    // No worker holds a task (gold or not) twice; no task has more than its two slots.
    expect(new Set(taken.map((a) => `${a.task_id}/${a.worker_id}`)).size).toBe(20);
    const perTask = new Map<string, number>();
    for (const a of taken) perTask.set(a.task_id, (perTask.get(a.task_id) ?? 0) + 1);
    expect([...perTask.values()]).toEqual(Array(10).fill(2));
    expect(taken.every((a) => a.live_assignments === 2)).toBe(true);
    expect(taken.filter((a) => a.gold !== null)).toHaveLength(8);
  });
});
