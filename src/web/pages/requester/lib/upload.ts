import { isApiError } from '../../../api/client.js';

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

export type UploadProblem = { title: string; missingColumns: string[]; line: number | null };

/** What went wrong with an upload, in the terms the person fixing the file needs. */
export function uploadProblem(error: unknown): UploadProblem {
  if (!isApiError(error)) return { title: 'The upload failed', missingColumns: [], line: null };
  const details = (
    typeof error.details === 'object' && error.details !== null ? error.details : {}
  ) as {
    missingColumns?: unknown;
    line?: unknown;
    row?: unknown;
  };
  const missingColumns = Array.isArray(details.missingColumns)
    ? details.missingColumns.filter((c): c is string => typeof c === 'string')
    : [];
  const where =
    typeof details.line === 'number'
      ? details.line
      : typeof details.row === 'number'
        ? details.row
        : null;
  if (error.status === 413) return { title: 'The file is too large', missingColumns, line: null };
  if (missingColumns.length > 0)
    return { title: 'Columns are missing', missingColumns, line: null };
  if (where !== null) {
    const noun = typeof details.line === 'number' ? 'Line' : 'Row';
    return { title: `${noun} ${where} has a problem`, missingColumns, line: where };
  }
  if (error.status === 0) return { title: 'The upload stopped', missingColumns, line: null };
  if (error.status === 409)
    return { title: 'This project takes no more data', missingColumns, line: null };
  return { title: 'The file was not imported', missingColumns, line: null };
}
