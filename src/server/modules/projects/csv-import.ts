import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import type { CellProblem } from '../../../shared/templates/cell-rules.js';
import { PayloadTooLargeError, ValidationError } from '../../errors.js';

export const DELIMITERS = { comma: ',', semicolon: ';', tab: '\t' } as const;
export type Delimiter = keyof typeof DELIMITERS;

export type CsvLimits = {
  bytes: number;
  rows: number;
  columns: number;
  columnNameMax: number;
  cellMax: number;
};

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

/** Text handed to the parser at a time: a few milliseconds of parsing between yields. */
const PIECE_BYTES = 64 * 1024;

/**
 * Bytes → text, refusing what is not text: invalid UTF-8 and NUL bytes are reported with their
 * line. Counts bytes as they arrive, so an oversized upload stops at the limit. A leading BOM is
 * dropped by the decoder. Large chunks are cut into pieces, and the event loop gets a turn after
 * each, so that parsing a large upload never keeps other requests waiting for long.
 */
async function* utf8Text(source: ByteSource, maxBytes: number) {
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
    for (let start = 0; start < buffer.length; start += PIECE_BYTES) {
      const piece = buffer.subarray(start, start + PIECE_BYTES);
      let text: string;
      try {
        text = decoder.decode(piece, { stream: true });
      } catch {
        const at = firstInvalidUtf8Offset(piece);
        const before = piece.subarray(0, at).toString('latin1');
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
      await setImmediate();
    }
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

/** The upload's bytes: as they arrive, or as kept for the second reading. */
type ByteSource = AsyncIterable<Buffer | string> | Iterable<Buffer>;

/**
 * A checked upload: its header, how many rows it has, and its rows again, a chunk at a time, for
 * the insert. Only the upload's bytes are kept between the two readings, never its parsed rows:
 * 100,000 rows of 100 cells are ten million strings, several hundred MB of heap.
 */
export type ScannedUpload = {
  columns: string[];
  /** The separator the CSV used (chosen by the uploader, or found in its header line). */
  delimiter?: Delimiter;
  rowCount: number;
  /** The rows in upload order, `size` at a time; the next chunk is parsed once `each` settles. */
  forEachChunk(size: number, each: (rows: string[][]) => Promise<void>): Promise<void>;
};

/**
 * Parses one reading of the upload, checking every record, and hands each data record to
 * `onRecord` (awaited: the parser waits while the caller is busy).
 */
async function readRecords(
  text: AsyncIterable<string>,
  limits: CsvLimits,
  delimiter: Delimiter,
  onHeader: (columns: string[]) => void,
  onRecord: (record: string[]) => Promise<void> | void,
): Promise<{ columns: string[] | undefined; rowCount: number }> {
  let columns: string[] | undefined;
  let rowCount = 0;
  // The parser checks every record against the header's length and reports the line itself;
  // asking it for per-record line info would double the parse time.
  const parser = parse({ skip_empty_lines: true, delimiter: DELIMITERS[delimiter] });

  async function consume(records: AsyncIterable<string[]>) {
    for await (const record of records) {
      if (!columns) {
        columns = headerOf(record, limits);
        onHeader(columns);
        continue;
      }
      if (rowCount === limits.rows) {
        throw new PayloadTooLargeError(
          `The upload has more than the limit of ${limits.rows} rows.`,
          {
            limitRows: limits.rows,
          },
        );
      }
      const tooLong = record.findIndex((cell) => cell.length > limits.cellMax);
      if (tooLong !== -1) {
        throw new ValidationError(
          `CSV data row ${rowCount + 1}: the value of "${columns[tooLong]}" is longer than ${limits.cellMax} characters`,
          { row: rowCount + 1 },
          'invalid_csv',
        );
      }
      rowCount += 1;
      await onRecord(record);
    }
  }

  try {
    await pipeline(text, parser, consume);
  } catch (error) {
    if (error instanceof CsvError) throw describeCsvError(error);
    throw error;
  }
  return { columns, rowCount };
}

async function* keepingBytes(source: AsyncIterable<Buffer | string>, kept: Buffer[]) {
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    kept.push(buffer);
    yield buffer;
  }
}

/** Characters of the upload's start looked at for the header line's separator. */
const SNIFF_CHARS = 64 * 1024;

/**
 * The separator of a header line: whichever of comma, semicolon and tab it holds most of outside
 * quotes (a spreadsheet in a locale with decimal commas saves "CSV" with semicolons). A header of
 * one column has none: comma, the standard's.
 */
export function delimiterOfHeader(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { comma: 0, semicolon: 0, tab: 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === '\n' || ch === '\r') break;
    else if (ch === ',') counts.comma += 1;
    else if (ch === ';') counts.semicolon += 1;
    else if (ch === '\t') counts.tab += 1;
  }
  let best: Delimiter = 'comma';
  for (const delimiter of ['semicolon', 'tab'] as const) {
    if (counts[delimiter] > counts[best]) best = delimiter;
  }
  return best;
}

/**
 * The text with its separator: the one asked for, or the header line's (read ahead as far as its
 * first line break, then handed on whole).
 */
async function withDelimiter(
  text: AsyncIterable<string>,
  asked: Delimiter | undefined,
): Promise<{ delimiter: Delimiter; text: AsyncIterable<string> }> {
  if (asked) return { delimiter: asked, text };
  const iterator = text[Symbol.asyncIterator]();
  const head: string[] = [];
  let length = 0;
  let ended = false;
  while (length < SNIFF_CHARS) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    length += next.value.length;
    if (/[\r\n]/.test(next.value)) break;
  }
  async function* replayed() {
    try {
      yield* head;
      if (ended) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        yield next.value;
      }
    } finally {
      // Given up early (a refused row): let the source stop reading too.
      await iterator.return?.();
    }
  }
  return { delimiter: delimiterOfHeader(head.join('')), text: replayed() };
}

/** Cells refused at import are reported this many at a time (with the count of all of them). */
export const CELL_PROBLEMS_REPORTED = 20;

/** Checks one data record against what the template needs of it. */
export type RecordCheck = (record: readonly string[]) => CellProblem[];

export type ScanOptions = {
  /** The separator; found in the header line when not given. */
  delimiter?: Delimiter | undefined;
  /** May refuse the columns before the rest is read. */
  onHeader?: (columns: string[], delimiter: Delimiter) => void;
  /** The checks for the records under this header (none when it returns undefined). */
  recordCheck?: (columns: string[]) => RecordCheck | undefined;
};

type RefusedRecord = { index: number; problems: CellProblem[] };

/**
 * The line each refused record starts on, by reading the kept bytes once more with the parser's
 * line counts (only when something was refused: counting costs a parse's time again). The parser
 * counts the line a record ends on; a record's own line breaks (in quoted cells) come off that.
 */
async function startLines(
  kept: Iterable<Buffer>,
  limits: CsvLimits,
  delimiter: Delimiter,
  indexes: ReadonlySet<number>,
): Promise<Map<number, number>> {
  const lines = new Map<number, number>();
  const parser = parse({ skip_empty_lines: true, delimiter: DELIMITERS[delimiter], info: true });
  let index = -1;
  await pipeline(
    utf8Text(kept, limits.bytes),
    parser,
    async (records: AsyncIterable<{ record: string[]; info: { lines: number } }>) => {
      for await (const { record, info } of records) {
        if (indexes.has(index)) {
          const inside = record.reduce((n, cell) => n + countNewlines(cell), 0);
          lines.set(index, info.lines - inside);
        }
        index += 1;
      }
    },
  );
  return lines;
}

/** Where a refused record is: the CSV line it starts on, or the JSON row's number. */
export type RecordPlace = { line: number } | { row: number };

function describePlace(place: RecordPlace): string {
  return 'line' in place ? `line ${place.line}` : `row ${place.row}`;
}

function refusedCells(
  refused: readonly RefusedRecord[],
  total: number,
  placeOf: (index: number) => RecordPlace,
): ValidationError {
  const errors = refused.flatMap(({ index, problems }) => {
    const place = placeOf(index);
    return problems.map((p) => ({
      ...place,
      column: p.column,
      value: p.value,
      expected: p.expected,
      message: `${describePlace(place)}, column "${p.column}": ${p.message}`,
    }));
  });
  const more = total > errors.length ? ` (the first ${errors.length} of ${total})` : '';
  return new ValidationError(
    `${total === 1 ? 'A cell does' : `${total} cells do`} not fit the template${more}: ${errors.map((e) => e.message).join('; ')}. Nothing was imported.`,
    { errorCount: total, errors },
    'invalid_cells',
  );
}

/**
 * Records the problems of checked records: the first `CELL_PROBLEMS_REPORTED` with their record,
 * and a count of all of them.
 */
export function cellProblemCollector() {
  const refused: RefusedRecord[] = [];
  let total = 0;
  let kept = 0;
  return {
    add(index: number, problems: CellProblem[]) {
      if (problems.length === 0) return;
      total += problems.length;
      if (kept >= CELL_PROBLEMS_REPORTED) return;
      refused.push({ index, problems: problems.slice(0, CELL_PROBLEMS_REPORTED - kept) });
      kept += Math.min(problems.length, CELL_PROBLEMS_REPORTED - kept);
    },
    get total() {
      return total;
    },
    refused,
    /** 400 `invalid_cells` naming each problem with its record's place. */
    error: (placeOf: (index: number) => RecordPlace) => refusedCells(refused, total, placeOf),
  };
}

/**
 * Reads an RFC 4180 upload (quoted fields, embedded newlines, comma-, semicolon- or
 * tab-separated, CRLF or LF, UTF-8 with or without BOM) as it streams in and checks all of it:
 * its shape, and each record's cells against `recordCheck`. The first record is the header. Any
 * problem throws: 400 with the line for malformed input or cells the template cannot use (up to
 * `CELL_PROBLEMS_REPORTED` of them at once), 413 naming the limit for too much of it.
 *
 * The whole upload is read and checked before anything is written, so the database does no work
 * (and holds no connection or lock) while a client is still sending, and a refused upload leaves
 * nothing behind; the insert then reads the kept bytes a second time.
 */
export async function scanCsv(
  source: AsyncIterable<Buffer | string>,
  limits: CsvLimits,
  options: ScanOptions = {},
): Promise<ScannedUpload> {
  const kept: Buffer[] = [];
  const { delimiter, text } = await withDelimiter(
    utf8Text(keepingBytes(source, kept), limits.bytes),
    options.delimiter,
  );
  let check: RecordCheck | undefined;
  const problems = cellProblemCollector();
  let index = 0;
  const { columns, rowCount } = await readRecords(
    text,
    limits,
    delimiter,
    (header) => {
      options.onHeader?.(header, delimiter);
      check = options.recordCheck?.(header);
    },
    (record) => {
      if (check) problems.add(index, check(record));
      index += 1;
    },
  );
  if (!columns) {
    throw new ValidationError(
      'The upload is empty: it needs a header row and at least one data row.',
      undefined,
      'invalid_csv',
    );
  }
  if (rowCount === 0) {
    throw new ValidationError(
      'The upload has a header but no data rows.',
      undefined,
      'invalid_csv',
    );
  }
  if (problems.total > 0) {
    const lines = await startLines(
      kept,
      limits,
      delimiter,
      new Set(problems.refused.map((r) => r.index)),
    );
    throw problems.error((i) => ({ line: lines.get(i) ?? 0 }));
  }
  return {
    columns,
    delimiter,
    rowCount,
    async forEachChunk(size, each) {
      let chunk: string[][] = [];
      await readRecords(
        utf8Text(kept, limits.bytes),
        limits,
        delimiter,
        () => {},
        async (record) => {
          chunk.push(record);
          if (chunk.length < size) return;
          const full = chunk;
          chunk = [];
          await each(full);
        },
      );
      if (chunk.length > 0) await each(chunk);
    },
  };
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
