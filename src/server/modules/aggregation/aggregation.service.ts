import type { AggregatesQuery, AggregationMethod } from '../../../shared/api/aggregates.js';
import { choiceQuestions, templateSchema } from '../../../shared/templates/index.js';
import type { Db } from '../../db/database.js';
import { counterCursor, pageOf } from '../../db/pagination.js';
import { NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { createAggregationRepository } from './aggregation.repository.js';
import type { LoadGoldTruths } from './gold-truths.js';
import { aggregateProject } from './project-aggregates.js';

/**
 * How long a project's work must have been quiet before it is aggregated again: a burst of
 * submissions costs one recomputation, not one per submission.
 */
export const AGGREGATION_DEBOUNCE_MS = 5_000;
/** Longer than any one project's aggregation; a crashed instance's lease lapses after it. */
const LEASE_MS = 5 * 60_000;
/** Projects aggregated per sweep; the rest wait for the next one. */
const PROJECTS_PER_SWEEP = 5;

/** One item's aggregate of one task. */
export type TaskItemAggregate = { answer: string | null; confidence: number };

const positionCursor = counterCursor('aggregate', 16);

export function createAggregationService(deps: {
  db: Db;
  clock: Clock;
  loadGoldTruths: LoadGoldTruths;
}) {
  const repository = createAggregationRepository(deps.db);

  async function ownedProject(ownerId: string, projectId: string) {
    const project = await repository.findOwnedProject(projectId, ownerId);
    // Someone else's project is "not found": its existence is not the caller's business.
    if (!project) throw new NotFoundError('Project');
    return project;
  }

  /** Recomputes one project's aggregates from its handed-in work, if its lease is free. */
  async function recompute(projectId: string, answersThrough: Date): Promise<boolean> {
    const now = deps.clock.now();
    if (!(await repository.lease(projectId, now, new Date(now.getTime() + LEASE_MS)))) return false;
    try {
      const project = await repository.findProject(projectId);
      const questions = project ? choiceQuestions(templateSchema.parse(project.template)) : [];
      const [work, gold] = await Promise.all([
        repository.handedInWork(projectId),
        deps.loadGoldTruths(projectId),
      ]);
      const { rows, workers } = aggregateProject(questions, work, gold);
      await repository.replace({ projectId, rows, workers, answersThrough, now: deps.clock.now() });
      return true;
    } catch (error) {
      await repository.releaseLease(projectId);
      throw error;
    }
  }

  /**
   * Who answered what, for a page of aggregates: each handed-in answer of the page's tasks read as
   * the item's label (null when the worker left it out), by task and item.
   */
  async function votersOf(
    project: { id: string; template: unknown },
    items: readonly { task_id: string }[],
  ) {
    const taskIds = [...new Set(items.map((r) => r.task_id))];
    const answers = await repository.answersOfTasks(project.id, taskIds);
    const byTask = new Map<string, typeof answers>();
    for (const a of answers) {
      const list = byTask.get(a.task_id);
      if (list) list.push(a);
      else byTask.set(a.task_id, [a]);
    }
    const questions = new Map(
      choiceQuestions(templateSchema.parse(project.template)).map((q) => [q.key, q]),
    );
    return (taskId: string, item: string) => {
      const question = questions.get(item);
      return (byTask.get(taskId) ?? []).map((a) => {
        const label = question ? question.labelOf(a.answers ?? {}) : -1;
        return {
          workerId: a.worker_id,
          displayName: a.display_name,
          answer: label < 0 ? null : question!.labels[label]!,
        };
      });
    };
  }

  return {
    recompute,

    /** The background job: every project whose work changed and has been quiet a moment. */
    async sweep(): Promise<number> {
      const now = deps.clock.now();
      const stale = await repository.staleProjects({
        now,
        settledBefore: new Date(now.getTime() - AGGREGATION_DEBOUNCE_MS),
        limit: PROJECTS_PER_SWEEP,
      });
      let done = 0;
      for (const project of stale) if (await recompute(project.id, project.answers_through)) done++;
      return done;
    },

    async list(ownerId: string, projectId: string, query: AggregatesQuery) {
      const project = await ownedProject(ownerId, projectId);
      const rows = await repository.page({
        projectId: project.id,
        method: query.method,
        confidenceBelow: query.confidenceBelow,
        after: positionCursor.decode(query.cursor),
        limit: query.limit,
      });
      const page = pageOf(rows, query.limit, (last) =>
        positionCursor.encode(Number(last.position)),
      );
      const computedAt = await repository.computedAt(project.id);
      const voters = await votersOf(project, page.items);
      return {
        items: page.items.map((r) => ({
          taskId: r.task_id,
          taskNumber: r.number,
          item: r.item,
          answer: r.answer,
          confidence: r.confidence,
          // Written only by `replace`, from the label → count records aggregateProject builds.
          votes: r.votes as Record<string, number>,
          voters: voters(r.task_id, r.item),
        })),
        nextCursor: page.nextCursor,
        computedAt: computedAt?.toISOString() ?? null,
      };
    },

    /**
     * The last computed aggregates of some of a project's tasks, item → answer and confidence by
     * task id: the results export's `Aggregate.*` / `Confidence.*` columns. The caller has checked
     * that the project is the requester's.
     */
    async ofTasks(
      projectId: string,
      taskIds: readonly string[],
      method: AggregationMethod,
    ): Promise<Map<string, Map<string, TaskItemAggregate>>> {
      const byTask = new Map<string, Map<string, TaskItemAggregate>>();
      for (const r of await repository.ofTasks(projectId, taskIds, method)) {
        let items = byTask.get(r.task_id);
        if (!items) byTask.set(r.task_id, (items = new Map<string, TaskItemAggregate>()));
        items.set(r.item, { answer: r.answer, confidence: r.confidence });
      }
      return byTask;
    },

    async workers(ownerId: string, projectId: string) {
      const project = await ownedProject(ownerId, projectId);
      const rows = await repository.workerQuality(project.id);
      return {
        items: rows.map((r) => ({
          workerId: r.worker_id,
          handle: r.handle,
          displayName: r.display_name,
          submitted: r.submitted,
          approved: r.approved,
          rejected: r.rejected,
          goldAnswered: r.gold_answered ?? 0,
          goldCorrect: r.gold_correct ?? 0,
          agreementPercent: r.agreement_percent,
          estimatedAccuracy: r.estimated_accuracy,
          medianWorkSeconds: r.median_work_seconds,
          latestAssignmentId: r.latest_assignment_id,
        })),
      };
    },
  };
}

export type AggregationService = ReturnType<typeof createAggregationService>;
