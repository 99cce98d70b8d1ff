import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { PayloadTooLargeError, ValidationError } from '../../errors.js';

export type CsvLimits = {
  bytes: number;
  rows: number;
  columns: number;
  columnNameMax: number;
  cellMax: number;
};

/** An upload as rows of text under a header of unique column names. */
export type ParsedRows = { columns: string[]; rows: string[][] };

function invalidCsv(line: number, message: string) {
  return new ValidationError(`CSV line ${line}: ${message}`, { line }, 'invalid_csv');
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n += 1;
  return n;
}

/** The offset of the first byte that can never be valid UTF-8, found by halving. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  // A streaming decoder accepts a prefix that ends mid-character, so "decodes" is monotone.
  const decodes = (end: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  // Valid on its own: the bad sequence began in bytes carried over from the previous chunk.
  if (decodes(bytes.length)) return 0;
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (decodes(mid + 1)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Bytes → text, refusing what is not text: invalid UTF-8 and NUL bytes are reported with their
 * line. Counts bytes as they arrive, so an oversized upload stops at the limit. A leading BOM is
 * dropped by the decoder.
 */
async function* utf8Text(source: AsyncIterable<Buffer | string>, maxBytes: number) {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let line = 1;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > maxBytes) {
      throw new PayloadTooLargeError(`The upload is larger than the limit of ${maxBytes} bytes.`, {
        limitBytes: maxBytes,
      });
    }
    let text: string;
    try {
      text = decoder.decode(buffer, { stream: true });
    } catch {
      const at = firstInvalidUtf8Offset(buffer);
      const before = buffer.subarray(0, at).toString('latin1');
      throw invalidCsv(
        line + countNewlines(before),
        'is not UTF-8 text (binary data or another encoding)',
      );
    }
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      throw invalidCsv(
        line + countNewlines(text.slice(0, nul)),
        'contains a NUL byte: binary data is not CSV',
      );
    }
    line += countNewlines(text);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw invalidCsv(line, 'ends in the middle of a UTF-8 character');
  }
}

const MISPLACED_QUOTE: readonly string[] = [
  'CSV_INVALID_CLOSING_QUOTE',
  'INVALID_OPENING_QUOTE',
  'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE',
];

function describeCsvError(error: CsvError): ValidationError {
  const line = typeof error.lines === 'number' ? error.lines : 1;
  if (error.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH') {
    // The parser may run ahead of the consumer: its message holds the header's length.
    const expected = /expect (\d+)/.exec(error.message)?.[1];
    const fields = Array.isArray(error.record) ? error.record.length : undefined;
    return invalidCsv(
      line,
      fields === undefined || expected === undefined
        ? 'has a different number of fields than the header'
        : `has ${fields} field${fields === 1 ? '' : 's'} but the header has ${expected}`,
    );
  }
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
    return invalidCsv(line, 'a quoted field is never closed');
  }
  if (MISPLACED_QUOTE.includes(error.code)) {
    return invalidCsv(
      line,
      'misplaced quote: quote the whole field and double quotes inside it ("")',
    );
  }
  return invalidCsv(line, error.message);
}

/**
 * Parses an RFC 4180 upload (quoted fields, embedded newlines and commas, CRLF or LF, UTF-8 with
 * or without BOM) as it streams in. The first record is the header. Any problem throws: 400 with
 * the line for malformed input, 413 naming the limit for too much of it. `onHeader` may refuse the
 * columns before the rest is read.
 */
export async function parseCsv(
  source: AsyncIterable<Buffer | string>,
  limits: CsvLimits,
  onHeader: (columns: string[]) => void = () => {},
): Promise<ParsedRows> {
  let columns: string[] | undefined;
  const rows: string[][] = [];
  // The parser checks every record against the header's length and reports the line itself;
  // asking it for per-record line info would double the parse time.
  const parser = parse({ skip_empty_lines: true });

  async function consume(records: AsyncIterable<string[]>) {
    for await (const record of records) {
      if (!columns) {
        columns = headerOf(record, limits);
        onHeader(columns);
        continue;
      }
      if (rows.length === limits.rows) {
        throw new PayloadTooLargeError(
          `The upload has more than the limit of ${limits.rows} rows.`,
          {
            limitRows: limits.rows,
          },
        );
      }
      for (let i = 0; i < record.length; i++) {
        if ((record[i] as string).length > limits.cellMax) {
          throw new ValidationError(
            `CSV data row ${rows.length + 1}: the value of "${columns[i]}" is longer than ${limits.cellMax} characters`,
            { row: rows.length + 1 },
            'invalid_csv',
          );
        }
      }
      rows.push(record);
    }
  }

  try {
    await pipeline(utf8Text(source, limits.bytes), parser, consume);
  } catch (error) {
    if (error instanceof CsvError) throw describeCsvError(error);
    throw error;
  }
  if (!columns) {
    throw new ValidationError(
      'The upload is empty: it needs a header row and at least one data row.',
      undefined,
      'invalid_csv',
    );
  }
  if (rows.length === 0) {
    throw new ValidationError(
      'The upload has a header but no data rows.',
      undefined,
      'invalid_csv',
    );
  }
  return { columns, rows };
}

function headerOf(record: string[], limits: CsvLimits): string[] {
  if (record.length > limits.columns) {
    throw new PayloadTooLargeError(
      `The upload has ${record.length} columns, more than the limit of ${limits.columns}.`,
      { limitColumns: limits.columns },
    );
  }
  const invalidHeader = (message: string) =>
    new ValidationError(`CSV header row: ${message}`, { line: 'header' }, 'invalid_csv');
  const seen = new Map<string, number>();
  return record.map((raw, index) => {
    const name = raw.trim();
    if (!name) throw invalidHeader(`column ${index + 1} has no name`);
    if (name.length > limits.columnNameMax) {
      throw invalidHeader(
        `column ${index + 1}'s name is longer than ${limits.columnNameMax} characters`,
      );
    }
    const first = seen.get(name);
    if (first !== undefined) {
      throw invalidHeader(`"${name}" names two columns (${first + 1} and ${index + 1})`);
    }
    seen.set(name, index);
    return name;
  });
}
