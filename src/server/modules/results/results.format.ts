import { stringify } from 'csv-stringify/sync';
import {
  MULTI_VALUE_SEPARATOR,
  RESULT_CSV_COLUMNS,
  RESULT_GOLD_COLUMNS,
  type ResultLine,
} from '../../../shared/api/results.js';
import { parseTaskAnswers, TASK_ANSWERS_FIELD } from '../../../shared/templates/task-answers.js';
import type { ResultRow } from './results.repository.js';
import type { ExportRow, ResultsExport } from './results.service.js';

/**
 * `escape_formulas` prefixes `'` to any cell a spreadsheet would run as a formula (leading `=`,
 * `+`, `-`, `@`, tab, carriage return, and their full-width forms); real numbers keep their sign.
 */
const CSV_OPTIONS = { escape_formulas: true, record_delimiter: '\r\n', bom: false } as const;

const iso = (date: Date | null) => date?.toISOString() ?? null;

function workTimeSeconds(row: ResultRow): number | null {
  return row.submitted_at
    ? Math.max(0, Math.floor((row.submitted_at.getTime() - row.accepted_at.getTime()) / 1000))
    : null;
}

/** One CSV cell: lists (a multiple choice) joined, numbers kept as numbers, objects as JSON. */
function cell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => String(cell(v))).join(MULTI_VALUE_SEPARATOR);
  if (typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * An answer column's value. Beside MTurk's own `Answer.taskAnswers` (the whole JSON), a template of
 * crowd elements gets a column per element, `Answer.taskAnswers.<name>`, holding that element's
 * answer alone, so a spreadsheet shows each box list or label without unpacking the whole.
 */
export function answerCell(answers: Readonly<Record<string, unknown>>, column: string) {
  const prefix = `${TASK_ANSWERS_FIELD}.`;
  if (Object.hasOwn(answers, column) || !column.startsWith(prefix)) return cell(answers[column]);
  const crowd = parseTaskAnswers(answers[TASK_ANSWERS_FIELD]);
  return crowd.ok ? cell(crowd.answers[column.slice(prefix.length)]) : '';
}

export function csvHeader(exported: ResultsExport): string[] {
  return [
    ...RESULT_CSV_COLUMNS,
    ...exported.inputColumns.map((c) => `Input.${c}`),
    ...exported.answerColumns.map((c) => `Answer.${c}`),
    ...exported.aggregateItems.map((c) => `Aggregate.${c}`),
    ...exported.aggregateItems.map((c) => `Confidence.${c}`),
    ...RESULT_GOLD_COLUMNS,
  ];
}

/** `goldCorrect`: only a scored gold answer says true or false. */
function goldCorrectOf(row: ExportRow): boolean | null {
  return row.gold ? row.gold_correct : null;
}

function csvRecord(exported: ResultsExport, row: ExportRow): (string | number)[] {
  const answers = row.answers ?? {};
  return [
    row.task_id,
    exported.projectId,
    row.assignment_id,
    row.worker_id,
    row.status,
    row.accepted_at.toISOString(),
    iso(row.submitted_at) ?? '',
    (row.status === 'approved' && iso(row.reviewed_at)) || '',
    (row.status === 'rejected' && iso(row.reviewed_at)) || '',
    workTimeSeconds(row) ?? '',
    row.feedback ?? '',
    row.number,
    ...exported.inputColumns.map((c) => cell(row.data[c])),
    ...exported.answerColumns.map((c) => answerCell(answers, c)),
    ...exported.aggregateItems.map((c) => row.aggregates.get(c)?.answer ?? ''),
    ...exported.aggregateItems.map((c) => row.aggregates.get(c)?.confidence ?? ''),
    String(row.gold),
    cell(goldCorrectOf(row)),
  ];
}

/** The CSV as text chunks: the header, then one chunk per page of rows. */
export async function* csvChunks(exported: ResultsExport): AsyncGenerator<string> {
  yield stringify([csvHeader(exported)], CSV_OPTIONS);
  for await (const rows of exported.pages()) {
    yield stringify(
      rows.map((row) => csvRecord(exported, row)),
      CSV_OPTIONS,
    );
  }
}

export function resultLine(exported: ResultsExport, row: ExportRow): ResultLine {
  return {
    assignmentId: row.assignment_id,
    taskId: row.task_id,
    projectId: exported.projectId,
    batchId: row.batch_id,
    rowNumber: row.row_number,
    taskNumber: row.number,
    workerId: row.worker_id,
    status: row.status,
    acceptedAt: row.accepted_at.toISOString(),
    submittedAt: iso(row.submitted_at),
    approvedAt: row.status === 'approved' ? iso(row.reviewed_at) : null,
    rejectedAt: row.status === 'rejected' ? iso(row.reviewed_at) : null,
    workTimeSeconds: workTimeSeconds(row),
    feedback: row.feedback,
    input: row.data,
    answers: row.answers,
    aggregates: Object.fromEntries(row.aggregates),
    gold: row.gold,
    goldCorrect: goldCorrectOf(row),
  };
}

/** JSON lines, one chunk per page of rows. */
export async function* jsonLineChunks(exported: ResultsExport): AsyncGenerator<string> {
  for await (const rows of exported.pages()) {
    yield rows.map((row) => `${JSON.stringify(resultLine(exported, row))}\n`).join('');
  }
}

/** A file name safe in any header and file system: ASCII letters, digits and dashes. */
export function fileSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'project';
}
