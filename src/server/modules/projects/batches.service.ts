import { createHash } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import type { z } from 'zod';
import type { jsonRowSchema } from '../../../shared/api/projects.js';
import { PROJECT_LIMITS } from '../../../shared/api/projects.js';
import { cellProblems, cellRulesOf } from '../../../shared/templates/cell-rules.js';
import { placeholdersOf } from '../../../shared/templates/fill.js';
import type { Db } from '../../db/database.js';
import { pageFrom, pageOf } from '../../db/pagination.js';
import { ConflictError, PayloadTooLargeError, ValidationError } from '../../errors.js';
import type { IdempotencyKeys, IdempotencyScope } from '../idempotency/idempotency.service.js';
import { announceFeedChange } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import {
  cellProblemCollector,
  DELIMITERS,
  scanCsv,
  type CsvLimits,
  type Delimiter,
  type RecordCheck,
  type ScannedUpload,
} from './csv-import.js';
import { goldColumnsOf, goldOfRow } from './gold-import.js';
import type { GoldRepository, GoldRow } from './gold.repository.js';
import { escrowPerRowCents, type ProjectLedger } from './lifecycle.service.js';
import { isPilotRunning } from './pilot-rules.js';
import type { ProjectRow, ProjectsRepository } from './projects.repository.js';
import {
  invalidState,
  requireOwnedProject,
  reserveSlotsOf,
  templateOf,
} from './projects.service.js';
import { taskCursor, type BatchRow, type TasksRepository } from './tasks.repository.js';
import type { UploadSlots } from './upload-slots.service.js';

type JsonRow = z.infer<typeof jsonRowSchema>;

export type BatchInput =
  | { kind: 'csv'; source: AsyncIterable<Buffer | string>; delimiter?: Delimiter | undefined }
  | { kind: 'json'; rows: readonly JsonRow[] };

const CSV_LIMITS: CsvLimits = {
  bytes: PROJECT_LIMITS.batchBytes,
  rows: PROJECT_LIMITS.batchRows,
  columns: PROJECT_LIMITS.batchColumns,
  columnNameMax: PROJECT_LIMITS.columnNameMax,
  cellMax: PROJECT_LIMITS.cellMax,
};

/**
 * Cells per INSERT: 1,000 rows of 100 columns, 5,000 of 20. Bounds the heap a chunk takes (its
 * strings and the statement's JSON) and how long one statement keeps the embedded database, which
 * runs on the event loop's thread, from answering anything else.
 */
const INSERT_CHUNK_CELLS = 100_000;
const INSERT_CHUNK_MAX_ROWS = 5_000;

function insertChunkRows(columns: number): number {
  return Math.max(1, Math.min(INSERT_CHUNK_MAX_ROWS, Math.floor(INSERT_CHUNK_CELLS / columns)));
}

/**
 * What an Idempotency-Key remembers of an upload: its columns and a digest of its rows, read a
 * chunk at a time so that the rows are never all in memory at once.
 */
async function digestOf(upload: ScannedUpload) {
  const hash = createHash('sha256');
  await upload.forEachChunk(INSERT_CHUNK_MAX_ROWS, (rows) => {
    for (const row of rows) hash.update(JSON.stringify(row)).update('\n');
    return Promise.resolve();
  });
  return { columns: upload.columns, rowCount: upload.rowCount, rowsSha256: hash.digest('hex') };
}

function draftCapExceeded(cap: number, held: number, rows: number | undefined): ConflictError {
  const remaining = Math.max(0, cap - held);
  const upload = rows === undefined ? '' : ` This upload has ${rows} rows;`;
  return new ConflictError(
    'draft_task_limit',
    `Your unpublished projects may hold at most ${cap} tasks in all.${upload} ${remaining} more fit. Publish a project (or upload fewer rows) first; nothing was imported.`,
    {
      limitDraftTasks: cap,
      remainingDraftTasks: remaining,
      ...(rows === undefined ? {} : { rows }),
    },
  );
}

const OPEN_FOR_DATA = ['draft', 'published', 'paused'] as const;

function assertOpenForData(project: ProjectRow) {
  if (!OPEN_FOR_DATA.some((status) => status === project.status)) {
    throw invalidState(project, 'add a batch to', OPEN_FOR_DATA);
  }
}

/** Every separator, to look for the one a file was really split with. */
const DELIMITER_KINDS = ['comma', 'semicolon', 'tab'] as const satisfies readonly Delimiter[];

const DELIMITER_NAMES: Record<Delimiter, string> = {
  comma: 'commas',
  semicolon: 'semicolons',
  tab: 'tabs',
};

/**
 * A header read as one column that holds another separator: the file was split on the wrong one
 * (e.g. a semicolon-separated export read with commas), which is what to say, not which columns
 * are missing.
 */
function otherDelimiterOf(columns: readonly string[], used: Delimiter): Delimiter | undefined {
  const [only] = columns;
  if (columns.length !== 1 || only === undefined) return undefined;
  return DELIMITER_KINDS.find((d) => d !== used && only.includes(DELIMITERS[d]));
}

function assertCovers(project: ProjectRow, columns: readonly string[], delimiter?: Delimiter) {
  const missing = placeholdersOf(templateOf(project)).filter((c) => !columns.includes(c));
  if (missing.length === 0) return;
  const other = delimiter && otherDelimiterOf(columns, delimiter);
  if (delimiter && other) {
    throw new ValidationError(
      `The header row was read as a single column, "${columns[0]}": the file looks like it is separated by ${DELIMITER_NAMES[other]}, not ${DELIMITER_NAMES[delimiter]}. Upload it again with the delimiter set to ${other} (or to automatic).`,
      { missingColumns: missing, delimiter, suspectedDelimiter: other },
      'wrong_delimiter',
    );
  }
  throw new ValidationError(
    `The data lacks ${missing.length === 1 ? 'a column' : 'columns'} that the template uses: ${missing.join(', ')}.`,
    { missingColumns: missing },
    'missing_columns',
  );
}

/** The template's checks of each record's cells, by position under this header. */
function recordCheckOf(project: ProjectRow, columns: readonly string[]): RecordCheck | undefined {
  const rules = cellRulesOf(templateOf(project));
  if (rules.length === 0) return undefined;
  const position = new Map(columns.map((c, i) => [c, i]));
  return (record) => cellProblems(rules, (column) => record[position.get(column) ?? -1] ?? '');
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

/** JSON rows → a header (every key, in order of first use), checked in full before the insert. */
function jsonUpload(project: ProjectRow, input: readonly JsonRow[]): ScannedUpload {
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
  const rules = cellRulesOf(templateOf(project));
  const problems = cellProblemCollector();
  input.forEach((row, index) => {
    for (const column of needed) {
      if (!Object.hasOwn(row, column)) {
        throw new ValidationError(
          `Row ${index + 1} lacks the column "${column}" that the template uses.`,
          { row: index + 1, column },
          'invalid_rows',
        );
      }
    }
    for (const column of columns) {
      const problem = textProblem(cellText(row[column]));
      if (problem) {
        throw new ValidationError(
          `Row ${index + 1}, column "${column}": ${problem}.`,
          { row: index + 1, column },
          'invalid_rows',
        );
      }
    }
    problems.add(
      index,
      cellProblems(rules, (column) => cellText(row[column])),
    );
  });
  if (problems.total > 0) throw problems.error((index) => ({ row: index + 1 }));
  return {
    columns,
    rowCount: input.length,
    async forEachChunk(size, each) {
      for (let start = 0; start < input.length; start += size) {
        await each(
          input.slice(start, start + size).map((row) => columns.map((c) => cellText(row[c]))),
        );
      }
    },
  };
}

export function createBatchesService(deps: {
  projects: ProjectsRepository;
  tasks: TasksRepository;
  gold: Pick<GoldRepository, 'insertForBatch'>;
  ledger: Pick<ProjectLedger, 'escrowForProject'>;
  uploads: UploadSlots;
  feePercent: number;
  draftTasksPerRequester: number;
  events: LiveEventPublisher;
  idempotency: IdempotencyKeys;
}) {
  const { projects, tasks, ledger, uploads, feePercent, draftTasksPerRequester: cap } = deps;

  async function importRows(
    trx: Db,
    ownerId: string,
    projectId: string,
    upload: ScannedUpload,
    filename: string | null,
  ): Promise<BatchRow> {
    const { rowCount } = upload;
    const goldColumns = goldColumnsOf(upload.columns);
    // Known answers stay out of the task data that workers are served.
    const columns = goldColumns.dataColumns;
    // Locked: a publish or an edit of the template cannot slip between the checks and the insert.
    const project = await requireOwnedProject(projects, projectId, ownerId, trx, { lock: true });
    assertOpenForData(project);
    assertCovers(project, columns);
    // A running pilot holds new tasks back with the rest: escrowed and opened when it is published.
    const live = project.status !== 'draft' && !isPilotRunning(project);
    const escrowCents = live ? rowCount * escrowPerRowCents(project, feePercent) : 0;
    if (live) {
      await ledger.escrowForProject(trx, {
        requesterId: ownerId,
        projectId,
        amountCents: escrowCents,
        memo: `Batch of ${rowCount} tasks for "${project.title}"`,
      });
    }
    const batch = await tasks.insertBatch(
      { projectId, filename, columns, rowCount, escrowCents },
      trx,
    );
    let rowsBefore = 0;
    await upload.forEachChunk(insertChunkRows(upload.columns.length), async (rows) => {
      const golds: GoldRow[] = [];
      rows.forEach((cells, index) => {
        const gold = goldOfRow(templateOf(project), goldColumns, cells, rowsBefore + index + 1);
        if (gold) golds.push(gold);
      });
      await tasks.insertTasks(
        {
          projectId,
          batchId: batch.id,
          columns,
          rowsBefore,
          rows: rows.map((cells) => goldColumns.dataPositions.map((p) => cells[p] ?? '')),
          rewardCents: project.reward_cents,
          assignmentsPerTask: live || project.status === 'draft' ? project.assignments_per_task : 0,
          reserveSlots: live || project.status === 'draft' ? reserveSlotsOf(project) : 0,
        },
        trx,
      );
      await deps.gold.insertForBatch(batch.id, golds, trx);
      rowsBefore += rows.length;
      // The embedded database answers without a turn of the event loop: give other requests one.
      await setImmediate();
    });
    await projects.addTaskCount(projectId, rowCount, trx);
    if (!live) {
      // Checked again with the owner's other imports held back, this one's rows included: two
      // uploads that each fit alone cannot both land and pass the cap together.
      await projects.lockDraftTaskCount(ownerId, trx);
      const held = await projects.draftTaskCount(ownerId, trx);
      if (held > cap) throw draftCapExceeded(cap, held - rowCount, rowCount);
    }
    return batch;
  }

  /** How many more draft tasks the owner may add now (refusing at once when none). */
  async function draftRoom(
    ownerId: string,
    project: ProjectRow,
    options: { refuseWhenFull: boolean },
  ): Promise<number> {
    if (project.status !== 'draft' && !isPilotRunning(project)) return Number.POSITIVE_INFINITY;
    const held = await projects.draftTaskCount(ownerId);
    if (held >= cap && options.refuseWhenFull) throw draftCapExceeded(cap, held, undefined);
    return Math.max(0, cap - held);
  }

  return {
    /**
     * Imports an upload all or nothing. With an Idempotency-Key, a retry of the same upload (the
     * same project, filename and rows) returns the batch the first attempt created (`replayed`)
     * instead of importing the rows twice; the key with other data is refused. The upload is read
     * and checked in full, then inserted a chunk at a time in one transaction: the memory an
     * import takes does not grow with its rows, and a bad row anywhere leaves nothing behind.
     */
    async add(
      ownerId: string,
      projectId: string,
      input: BatchInput,
      meta: { filename: string | null; idempotency?: IdempotencyScope | undefined },
    ): Promise<{ batch: BatchRow; replayed: boolean }> {
      const project = await requireOwnedProject(projects, projectId, ownerId);
      assertOpenForData(project);
      return uploads.hold(ownerId, async () => {
        // Without room for a single row, refused before the body is read (a keyed retry of an
        // upload that filled the room must still reach its replay).
        const room = await draftRoom(ownerId, project, { refuseWhenFull: !meta.idempotency });
        const upload =
          input.kind === 'csv'
            ? await scanCsv(input.source, CSV_LIMITS, {
                delimiter: input.delimiter,
                onHeader: (columns, delimiter) => assertCovers(project, columns, delimiter),
                recordCheck: (columns) => recordCheckOf(project, columns),
              })
            : jsonUpload(project, input.rows);
        const request = meta.idempotency
          ? { projectId, filename: meta.filename, ...(await digestOf(upload)) }
          : undefined;
        const { value: batch, replayed } = await projects.transaction((trx) =>
          deps.idempotency.once(trx, meta.idempotency, request, {
            effect: () => {
              if (upload.rowCount > room) throw draftCapExceeded(cap, cap - room, upload.rowCount);
              return importRows(trx, ownerId, projectId, upload, meta.filename);
            },
            resourceOf: (imported) => imported.id,
            replay: (batchId) => tasks.findBatch(batchId, trx),
          }),
        );
        // New tasks in an open project: more work in the marketplace.
        if (!replayed && project.status === 'published') {
          announceFeedChange(deps.events, projectId, 'availability');
        }
        return { batch, replayed };
      });
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
      return pageOf(rows, page.limit, (last) => taskCursor.encode(last.seq));
    },
  };
}

export type BatchesService = ReturnType<typeof createBatchesService>;
