import type { z } from 'zod';
import type { jsonRowSchema } from '../../../shared/api/projects.js';
import { PROJECT_LIMITS } from '../../../shared/api/projects.js';
import { placeholdersOf } from '../../../shared/templates/fill.js';
import type { Db } from '../../db/database.js';
import { pageFrom } from '../../db/pagination.js';
import { PayloadTooLargeError, ValidationError } from '../../errors.js';
import type { IdempotencyKeys, IdempotencyScope } from '../idempotency/idempotency.service.js';
import { announceFeedChange } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import { parseCsv, type CsvLimits, type ParsedRows } from './csv-import.js';
import { escrowPerRowCents, type ProjectLedger } from './lifecycle.service.js';
import type { ProjectRow, ProjectsRepository } from './projects.repository.js';
import { invalidState, requireOwnedProject, templateOf } from './projects.service.js';
import { encodeTaskCursor, type BatchRow, type TasksRepository } from './tasks.repository.js';

type JsonRow = z.infer<typeof jsonRowSchema>;

export type BatchInput =
  | { kind: 'csv'; source: AsyncIterable<Buffer | string> }
  | { kind: 'json'; rows: readonly JsonRow[] };

const CSV_LIMITS: CsvLimits = {
  bytes: PROJECT_LIMITS.batchBytes,
  rows: PROJECT_LIMITS.batchRows,
  columns: PROJECT_LIMITS.batchColumns,
  columnNameMax: PROJECT_LIMITS.columnNameMax,
  cellMax: PROJECT_LIMITS.cellMax,
};

const OPEN_FOR_DATA = ['draft', 'published', 'paused'] as const;

function assertOpenForData(project: ProjectRow) {
  if (!(OPEN_FOR_DATA as readonly string[]).includes(project.status)) {
    throw invalidState(project, 'add a batch to', OPEN_FOR_DATA);
  }
}

function assertCovers(project: ProjectRow, columns: readonly string[]) {
  const missing = placeholdersOf(templateOf(project)).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    throw new ValidationError(
      `The data lacks ${missing.length === 1 ? 'a column' : 'columns'} that the template uses: ${missing.join(', ')}.`,
      { missingColumns: missing },
      'missing_columns',
    );
  }
}

function cellText(value: JsonRow[string] | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/** PostgreSQL's jsonb holds neither NUL nor unpaired surrogates: refuse them with their place. */
function textProblem(value: string): string | undefined {
  if (value.includes('\0')) return 'contains a NUL character';
  if (/\p{Cs}/u.test(value)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/** JSON rows → a header (every key, in order of first use) and rows of text. */
function rowsFromJson(project: ProjectRow, input: readonly JsonRow[]): ParsedRows {
  const order = new Map<string, number>();
  for (const row of input) {
    for (const key of Object.keys(row)) {
      if (order.has(key)) continue;
      if (order.size === PROJECT_LIMITS.batchColumns) {
        throw new PayloadTooLargeError(
          `The rows use more than the limit of ${PROJECT_LIMITS.batchColumns} columns.`,
          { limitColumns: PROJECT_LIMITS.batchColumns },
        );
      }
      const problem = textProblem(key);
      if (problem)
        throw new ValidationError(`Column name "${key}" ${problem}.`, undefined, 'invalid_rows');
      order.set(key, order.size);
    }
  }
  const columns = [...order.keys()];
  assertCovers(project, columns);
  const needed = placeholdersOf(templateOf(project));
  const rows = input.map((row, index) => {
    for (const column of needed) {
      if (!Object.hasOwn(row, column)) {
        throw new ValidationError(
          `Row ${index + 1} lacks the column "${column}" that the template uses.`,
          { row: index + 1, column },
          'invalid_rows',
        );
      }
    }
    return columns.map((column) => {
      const text = cellText(row[column]);
      const problem = textProblem(text);
      if (problem) {
        throw new ValidationError(
          `Row ${index + 1}, column "${column}": ${problem}.`,
          { row: index + 1, column },
          'invalid_rows',
        );
      }
      return text;
    });
  });
  return { columns, rows };
}

export function createBatchesService(deps: {
  projects: ProjectsRepository;
  tasks: TasksRepository;
  ledger: Pick<ProjectLedger, 'escrowForProject'>;
  feePercent: number;
  events: LiveEventPublisher;
  idempotency: IdempotencyKeys;
}) {
  const { projects, tasks, ledger, feePercent } = deps;

  async function importRows(
    trx: Db,
    ownerId: string,
    projectId: string,
    parsed: ParsedRows,
    filename: string | null,
  ): Promise<BatchRow> {
    // Locked: a publish or an edit of the template cannot slip between the checks and the insert.
    const project = await requireOwnedProject(projects, projectId, ownerId, trx, { lock: true });
    assertOpenForData(project);
    assertCovers(project, parsed.columns);
    const live = project.status !== 'draft';
    const escrowCents = live ? parsed.rows.length * escrowPerRowCents(project, feePercent) : 0;
    if (live) {
      await ledger.escrowForProject(trx, {
        requesterId: ownerId,
        projectId,
        amountCents: escrowCents,
        memo: `Batch of ${parsed.rows.length} tasks for "${project.title}"`,
      });
    }
    const batch = await tasks.insertBatch(
      {
        projectId,
        filename,
        columns: parsed.columns,
        rowCount: parsed.rows.length,
        escrowCents,
      },
      trx,
    );
    await tasks.insertTasks(
      {
        projectId,
        batchId: batch.id,
        columns: parsed.columns,
        rows: parsed.rows,
        rewardCents: project.reward_cents,
        assignmentsPerTask: project.assignments_per_task,
      },
      trx,
    );
    await projects.addTaskCount(projectId, parsed.rows.length, trx);
    return batch;
  }

  return {
    /**
     * Imports an upload all or nothing. With an Idempotency-Key, a retry of the same upload (the
     * same project, filename and rows) returns the batch the first attempt created (`replayed`)
     * instead of importing the rows twice; the key with other data is refused.
     */
    async add(
      ownerId: string,
      projectId: string,
      input: BatchInput,
      meta: { filename: string | null; idempotency?: IdempotencyScope | undefined },
    ): Promise<{ batch: BatchRow; replayed: boolean }> {
      const project = await requireOwnedProject(projects, projectId, ownerId);
      assertOpenForData(project);
      const parsed =
        input.kind === 'csv'
          ? await parseCsv(input.source, CSV_LIMITS, (columns) => assertCovers(project, columns))
          : rowsFromJson(project, input.rows);
      const upload = { projectId, filename: meta.filename, ...parsed };
      const { value: batch, replayed } = await projects.transaction((trx) =>
        deps.idempotency.once(trx, meta.idempotency, upload, {
          effect: () => importRows(trx, ownerId, projectId, parsed, meta.filename),
          resourceOf: (imported) => imported.id,
          replay: (batchId) => tasks.findBatch(batchId, trx),
        }),
      );
      // New tasks in an open project: more work in the marketplace.
      if (!replayed && project.status === 'published') {
        announceFeedChange(deps.events, projectId, 'availability');
      }
      return { batch, replayed };
    },

    async list(
      ownerId: string,
      projectId: string,
      page: { cursor?: string | undefined; limit: number },
    ) {
      await requireOwnedProject(projects, projectId, ownerId);
      return pageFrom(await tasks.listBatches(projectId, page), page.limit);
    },

    async listTasks(
      ownerId: string,
      projectId: string,
      page: { batchId?: string | undefined; cursor?: string | undefined; limit: number },
    ) {
      await requireOwnedProject(projects, projectId, ownerId);
      const rows = await tasks.listTasks(projectId, page);
      const items = rows.slice(0, page.limit);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > page.limit && last ? encodeTaskCursor(last.seq) : null,
      };
    },
  };
}

export type BatchesService = ReturnType<typeof createBatchesService>;
