import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import { PayloadTooLargeError, ValidationError } from '../../errors.js';

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
  rowCount: number;
  /** The rows in upload order, `size` at a time; the next chunk is parsed once `each` settles. */
  forEachChunk(size: number, each: (rows: string[][]) => Promise<void>): Promise<void>;
};

/**
 * Parses one reading of the upload, checking every record, and hands each data record to
 * `onRecord` (awaited: the parser waits while the caller is busy).
 */
async function readRecords(
  source: ByteSource,
  limits: CsvLimits,
  onHeader: (columns: string[]) => void,
  onRecord: (record: string[]) => Promise<void> | void,
): Promise<{ columns: string[] | undefined; rowCount: number }> {
  let columns: string[] | undefined;
  let rowCount = 0;
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
      if (rowCount === limits.rows) {
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
            `CSV data row ${rowCount + 1}: the value of "${columns[i]}" is longer than ${limits.cellMax} characters`,
            { row: rowCount + 1 },
            'invalid_csv',
          );
        }
      }
      rowCount += 1;
      await onRecord(record);
    }
  }

  try {
    await pipeline(utf8Text(source, limits.bytes), parser, consume);
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

/**
 * Reads an RFC 4180 upload (quoted fields, embedded newlines and commas, CRLF or LF, UTF-8 with
 * or without BOM) as it streams in and checks all of it. The first record is the header. Any
 * problem throws: 400 with the line for malformed input, 413 naming the limit for too much of
 * it. `onHeader` may refuse the columns before the rest is read.
 *
 * The whole upload is read and checked before anything is written, so the database does no work
 * (and holds no connection or lock) while a client is still sending; the insert then reads the
 * kept bytes a second time.
 */
export async function scanCsv(
  source: AsyncIterable<Buffer | string>,
  limits: CsvLimits,
  onHeader: (columns: string[]) => void = () => {},
): Promise<ScannedUpload> {
  const kept: Buffer[] = [];
  const { columns, rowCount } = await readRecords(
    keepingBytes(source, kept),
    limits,
    onHeader,
    () => {},
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
  return {
    columns,
    rowCount,
    async forEachChunk(size, each) {
      let chunk: string[][] = [];
      await readRecords(
        kept,
        limits,
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
