import { DEFAULT_RESULT_STATUSES, type ResultsQuery } from '../../../shared/api/results.js';
import type { AggregationMethod } from '../../../shared/api/aggregates.js';
import { choiceQuestions, isAnswerItem, templateSchema } from '../../../shared/templates/index.js';
import { crowdElementsIn } from '../../../shared/templates/crowd-elements.js';
import { TASK_ANSWERS_FIELD } from '../../../shared/templates/task-answers.js';
import type { Db } from '../../db/database.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import {
  createResultsRepository,
  type ResultRow,
  type ResultsFilter,
} from './results.repository.js';

/**
 * Rows per page while streaming, about: large enough to amortise a round trip, small in memory.
 * A page is whole tasks, as many as this over the project's assignments per task.
 */
export const EXPORT_PAGE_ROWS = 1_000;
/** An HTML template's answer columns in a CSV; beyond this the JSON lines export fits better. */
export const MAX_ANSWER_COLUMNS = 1_000;

/** One item's last computed aggregate of one task. */
export type ItemAggregate = { answer: string | null; confidence: number };

/**
 * What the export reads from the quality side (aggregation and gold), given by app.ts so this
 * module reads no other module's tables through their repositories.
 */
export type ResultsQualitySource = {
  /** The last computed aggregates of these tasks by `method`: item → aggregate by task id. */
  aggregatesOf(
    projectId: string,
    taskIds: readonly string[],
    method: AggregationMethod,
  ): Promise<ReadonlyMap<string, ReadonlyMap<string, ItemAggregate>>>;
  /** Which of these tasks are gold. */
  goldTaskIds(taskIds: readonly string[]): Promise<ReadonlySet<string>>;
};

/** An exported assignment with its task's aggregates and whether the task is gold. */
export type ExportRow = ResultRow & {
  aggregates: ReadonlyMap<string, ItemAggregate>;
  gold: boolean;
};

const NO_AGGREGATES: ReadonlyMap<string, ItemAggregate> = new Map();

export type ResultsExport = {
  projectId: string;
  projectTitle: string;
  inputColumns: string[];
  /** For CSV: the template's answer items, or for HTML every field name among the rows. */
  answerColumns: string[];
  /** The choice-like items (`Aggregate.<item>`, `Confidence.<item>`); none for HTML templates. */
  aggregateItems: string[];
  /** The matching rows, a page at a time, read from the database only as they are consumed. */
  pages(): AsyncGenerator<ExportRow[]>;
};

/** The union of the uploads' columns, in the order they first appear. */
function unionOfColumns(batches: { columns: string[] }[]): string[] {
  return [...new Set(batches.flatMap((batch) => batch.columns))];
}

export function createResultsService(deps: {
  db: Db;
  clock: Clock;
  quality: ResultsQualitySource;
}) {
  const results = createResultsRepository(deps.db);

  return {
    /**
     * Checks everything an export needs before its first byte (ownership, batch, columns), so
     * a bad request is a clean 4xx and never a broken download.
     */
    async open(
      ownerId: string,
      projectId: string,
      query: ResultsQuery,
      format: 'csv' | 'json',
    ): Promise<ResultsExport> {
      const project = await results.findOwnedProject(projectId, ownerId);
      // Someone else's project is "not found": its existence is not the caller's business.
      if (!project) throw new NotFoundError('Project');
      const batches = await results.batchColumns(project.id, query.batchId);
      if (query.batchId && batches.length === 0) throw new NotFoundError('Batch');

      const filter: ResultsFilter = {
        projectId: project.id,
        statuses: query.status ?? DEFAULT_RESULT_STATUSES,
        batchId: query.batchId,
        now: deps.clock.now(),
      };
      const template = templateSchema.parse(project.template);
      let answerColumns: string[] = [];
      if (template.kind === 'form') {
        answerColumns = template.items.filter(isAnswerItem).map((item) => item.name);
      } else if (format === 'csv') {
        answerColumns = await results.answerKeys(filter, MAX_ANSWER_COLUMNS + 1);
        if (answerColumns.length > MAX_ANSWER_COLUMNS) {
          throw new ConflictError(
            'too_many_answer_columns',
            `These answers use more than ${MAX_ANSWER_COLUMNS} distinct field names, too many for CSV columns: export results.json instead.`,
          );
        }
        if (answerColumns.includes(TASK_ANSWERS_FIELD)) {
          const elements = crowdElementsIn(template.html).map(
            (e) => `${TASK_ANSWERS_FIELD}.${e.name}`,
          );
          answerColumns = [...answerColumns, ...elements.filter((c) => !answerColumns.includes(c))];
        }
      }

      return {
        projectId: project.id,
        projectTitle: project.title,
        inputColumns: unionOfColumns(batches),
        answerColumns,
        aggregateItems: choiceQuestions(template).map((q) => q.key),
        async *pages() {
          const tasksPerPage = Math.max(
            1,
            Math.floor(EXPORT_PAGE_ROWS / project.assignments_per_task),
          );
          const fetchPage = async (afterSeq: number) => {
            const end = await results.taskPageEnd(filter, afterSeq, tasksPerPage);
            const rows = await results.rowsOfTasks(filter, afterSeq, end);
            const taskIds = [...new Set(rows.map((r) => r.task_id))];
            const [aggregates, gold] = await Promise.all([
              deps.quality.aggregatesOf(project.id, taskIds, query.method),
              deps.quality.goldTaskIds(taskIds),
            ]);
            return {
              end,
              rows: rows.map((row): ExportRow => ({
                ...row,
                aggregates: aggregates.get(row.task_id) ?? NO_AGGREGATES,
                gold: gold.has(row.task_id),
              })),
            };
          };
          // Task seqs start at 1, so 0 is before the first task. The next page is read while
          // the caller formats and sends this one; a caller that stops early drops it unread.
          let next = fetchPage(0);
          try {
            for (;;) {
              const page = await next;
              if (page.end !== undefined) next = fetchPage(page.end);
              if (page.rows.length > 0) yield page.rows;
              if (page.end === undefined) return;
            }
          } finally {
            await next.catch(() => undefined);
          }
        },
      };
    },
  };
}

export type ResultsService = ReturnType<typeof createResultsService>;
