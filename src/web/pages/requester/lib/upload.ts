import { isApiError } from '../../../api/client.js';
import { isRecord } from '../../../lib/narrow.js';

const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/** 20971520 → "20 MB"; binary multiples, as file managers show them. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${UNITS[unit]}`;
}

export type UploadProblem = {
  title: string;
  missingColumns: string[];
  line: number | null;
  /** Each cell the template cannot use, in words ("line 7, column "image_url": …"). */
  cells: string[];
  /** How many cells were refused in all (`cells` holds the first ones). */
  cellCount: number;
};

/** What went wrong with an upload, in the terms the person fixing the file needs. */
export function uploadProblem(error: unknown): UploadProblem {
  const none = { missingColumns: [], line: null, cells: [], cellCount: 0 };
  if (!isApiError(error)) return { title: 'The upload failed', ...none };
  const details = isRecord(error.details) ? error.details : {};
  if (error.code === 'invalid_cells' && Array.isArray(details.errors)) {
    const cells = details.errors
      .map((e: unknown) => (isRecord(e) ? e.message : null))
      .filter((m): m is string => typeof m === 'string');
    const cellCount = typeof details.errorCount === 'number' ? details.errorCount : cells.length;
    return {
      title: `${cellCount === 1 ? 'A cell does' : `${cellCount} cells do`} not fit your design`,
      ...none,
      cells,
      cellCount,
    };
  }
  if (error.code === 'wrong_delimiter') {
    return { title: 'The file looks separated by another character', ...none };
  }
  const missingColumns = Array.isArray(details.missingColumns)
    ? details.missingColumns.filter((c): c is string => typeof c === 'string')
    : [];
  const where =
    typeof details.line === 'number'
      ? details.line
      : typeof details.row === 'number'
        ? details.row
        : null;
  const problem = { ...none, missingColumns };
  if (error.status === 413) return { title: 'The file is too large', ...problem };
  if (missingColumns.length > 0) return { title: 'Columns are missing', ...problem };
  if (where !== null) {
    const noun = typeof details.line === 'number' ? 'Line' : 'Row';
    return { title: `${noun} ${where} has a problem`, ...problem, line: where };
  }
  if (error.status === 0) return { title: 'The upload stopped', ...problem };
  if (error.status === 409) return { title: 'This project takes no more data', ...problem };
  return { title: 'The file was not imported', ...problem };
}
