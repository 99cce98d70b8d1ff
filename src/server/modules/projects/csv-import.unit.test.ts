import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { cellProblems, cellRulesOf } from '../../../shared/templates/cell-rules.js';
import { delimiterOfHeader, scanCsv, type CsvLimits, type ScanOptions } from './csv-import.js';

const LIMITS: CsvLimits = { bytes: 10_000, rows: 5, columns: 4, columnNameMax: 10, cellMax: 20 };

/** The upload split into chunks of `size` bytes, as a network would deliver it. */
async function* chunked(input: string | Buffer, size = 7) {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** The whole upload as rows, read back two at a time as the insert reads them. */
async function parseCsv(
  source: AsyncIterable<Buffer>,
  limits: CsvLimits,
  onHeader?: (columns: string[]) => void,
) {
  const upload = await scanCsv(source, limits, { onHeader });
  const rows: string[][] = [];
  await upload.forEachChunk(2, async (chunk) => {
    rows.push(...chunk);
  });
  return { columns: upload.columns, rows };
}

async function failure(input: string | Buffer, limits = LIMITS, size?: number) {
  try {
    await parseCsv(chunked(input, size), limits);
  } catch (error) {
    if (error instanceof AppError)
      return {
        status: error.statusCode,
        code: error.code,
        message: error.message,
        details: error.details,
      };
    throw error;
  }
  throw new Error('expected the upload to be refused');
}

describe('scanCsv', () => {
  it('reads RFC 4180: quoted fields with commas, doubled quotes, embedded newlines and CRLF', async () => {
    const csv = 'a,b\r\n"x, y","say ""hi"""\r\n"line one\r\nline two",plain\r\n';
    expect(await parseCsv(chunked(csv, 3), LIMITS)).toEqual({
      columns: ['a', 'b'],
      rows: [
        ['x, y', 'say "hi"'],
        ['line one\r\nline two', 'plain'],
      ],
    });
  });

  it('accepts LF endings, no final newline, blank lines, a BOM and multi-byte characters split across chunks', async () => {
    const csv = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('name,city\n\nZoë,Zürich\n😀,東京'),
    ]);
    for (const size of [1, 2, 3, 5, 64]) {
      expect(await parseCsv(chunked(csv, size), LIMITS)).toEqual({
        columns: ['name', 'city'],
        rows: [
          ['Zoë', 'Zürich'],
          ['😀', '東京'],
        ],
      });
    }
  });

  it('trims header names and keeps values as they are', async () => {
    expect(await parseCsv(chunked(' a , b\n  x ,y\n'), LIMITS)).toEqual({
      columns: ['a', 'b'],
      rows: [['  x ', 'y']],
    });
  });

  it('reports a ragged row with its line', async () => {
    expect(await failure('a,b\n1,2\n3\n4,5\n')).toMatchObject({
      status: 400,
      code: 'invalid_csv',
      message: 'CSV line 3: has 1 field but the header has 2',
      details: { line: 3 },
    });
    expect((await failure('a,b\n"multi\nline",2\n1,2,3\n')).message).toBe(
      'CSV line 4: has 3 fields but the header has 2',
    );
  });

  it('reports an unclosed quote and a stray quote', async () => {
    expect(await failure('a,b\n1,"open\n2,3\n')).toMatchObject({
      code: 'invalid_csv',
      message: expect.stringContaining('never closed'),
    });
    expect((await failure('a,b\n1,x"y"z\n')).message).toMatch(/^CSV line 2: misplaced quote/);
  });

  it('refuses duplicate and empty header names', async () => {
    expect((await failure('a,b,a\n1,2,3\n')).message).toBe(
      'CSV header row: "a" names two columns (1 and 3)',
    );
    expect((await failure('a,,c\n1,2,3\n')).message).toBe('CSV header row: column 2 has no name');
    expect((await failure('abcdefghijk\n1\n')).message).toContain('longer than 10 characters');
  });

  it('refuses binary data: NUL bytes and invalid UTF-8, with their line', async () => {
    expect(await failure('a,b\n1,2\n3,\u00004\n')).toMatchObject({
      status: 400,
      code: 'invalid_csv',
      message: expect.stringMatching(/^CSV line 3: contains a NUL byte/),
    });
    const latin1 = Buffer.concat([
      Buffer.from('a,b\n1,2\n3,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    for (const size of [1, 4, 100]) {
      expect(await failure(latin1, LIMITS, size)).toMatchObject({
        message: expect.stringMatching(/^CSV line 3: is not UTF-8 text/),
      });
    }
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(await failure(png)).toMatchObject({ status: 400, code: 'invalid_csv' });
    expect((await failure(Buffer.from([0x61, 0x0a, 0xe2, 0x82]))).message).toContain(
      'middle of a UTF-8 character',
    );
  });

  it('refuses an empty upload and a header without rows', async () => {
    expect(await failure('')).toMatchObject({
      status: 400,
      message: expect.stringContaining('empty'),
    });
    expect(await failure('\n\n')).toMatchObject({
      status: 400,
      message: expect.stringContaining('empty'),
    });
    expect(await failure('a,b\n')).toMatchObject({
      status: 400,
      message: 'The upload has a header but no data rows.',
    });
  });

  it('answers 413 naming the limit for too many bytes, rows or columns', async () => {
    // Within the row limit, so that the byte limit is the one broken.
    expect(await failure(`a\n${'x\n'.repeat(6000)}`, { ...LIMITS, rows: 10_000 })).toMatchObject({
      status: 413,
      message: expect.stringContaining('10000 bytes'),
    });
    expect(await failure(`a\n${'x\n'.repeat(6)}`)).toMatchObject({
      status: 413,
      message: expect.stringContaining('limit of 5 rows'),
    });
    expect(await failure('a,b,c,d,e\n1,2,3,4,5\n')).toMatchObject({
      status: 413,
      message: expect.stringContaining('limit of 4'),
    });
    expect(await parseCsv(chunked(`a\n${'x\n'.repeat(5)}`), LIMITS)).toMatchObject({
      rows: { length: 5 },
    });
  });

  it('refuses an overlong value with its row', async () => {
    expect(await failure(`a,b\n1,2\n3,${'x'.repeat(21)}\n`)).toMatchObject({
      status: 400,
      message: 'CSV data row 2: the value of "b" is longer than 20 characters',
    });
  });

  it('lets the caller refuse the header before reading on', async () => {
    let rowsRead = 0;
    async function* counting() {
      yield Buffer.from('a,b\n');
      rowsRead += 1;
      yield Buffer.from('1,2\n');
    }
    await expect(
      parseCsv(counting(), LIMITS, () => {
        throw new Error('missing column c');
      }),
    ).rejects.toThrow('missing column c');
    expect(rowsRead).toBeLessThanOrEqual(1);
  });
});

describe('scanCsv separators', () => {
  it('finds the separator in the header line, outside quotes', () => {
    expect(delimiterOfHeader('a,b,c\n1;2;3;4;5')).toBe('comma');
    expect(delimiterOfHeader('a;b;c\r\n1,2')).toBe('semicolon');
    expect(delimiterOfHeader('a\tb\n')).toBe('tab');
    expect(delimiterOfHeader('"x;y;z",b\n')).toBe('comma');
    expect(delimiterOfHeader('only\n')).toBe('comma');
  });

  it('reads semicolon- and tab-separated files whose header arrives in pieces', async () => {
    const semicolons = 'title;price\n"Tea; green";"3,50"\nCoffee;2\n';
    expect(await parseCsv(chunked(semicolons, 3), LIMITS)).toEqual({
      columns: ['title', 'price'],
      rows: [
        ['Tea; green', '3,50'],
        ['Coffee', '2'],
      ],
    });
    expect(await parseCsv(chunked('a\tb\nx, y\tz\n', 2), LIMITS)).toEqual({
      columns: ['a', 'b'],
      rows: [['x, y', 'z']],
    });
  });

  it('uses the separator it is given instead of looking', async () => {
    const upload = await scanCsv(chunked('a;b\n1;2\n'), LIMITS, { delimiter: 'comma' });
    expect(upload.columns).toEqual(['a;b']);
  });
});

describe('scanCsv cell checks', () => {
  const rules = cellRulesOf({
    kind: 'form',
    items: [{ type: 'image', name: 'photo', label: '', url: '{{image_url}}' }],
  });
  const options: ScanOptions = {
    recordCheck: (columns) => {
      const at = columns.indexOf('image_url');
      return (record) => cellProblems(rules, () => record[at] ?? '');
    },
  };

  async function refusal(csv: string, limits = { ...LIMITS, cellMax: 100 }) {
    try {
      await scanCsv(chunked(csv, 5), limits, options);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected the upload to be refused');
  }

  it('names the line each bad cell starts on, counting blank lines and quoted line breaks', async () => {
    const csv =
      'title,image_url\n' + // line 1
      'ok,https://img.example.com/a.png\n' + // 2
      '\n' + // 3
      '"two\nlines",not-a-url\n' + // 4-5
      'empty,\n'; // 6
    const error = await refusal(csv);
    expect(error).toMatchObject({ statusCode: 400, code: 'invalid_cells' });
    expect(error.message).toContain(
      'line 4, column "image_url": "not-a-url" is not a web address (http:// or https://)',
    );
    expect(error.message).toContain('line 6, column "image_url": is empty');
    expect(error.details).toMatchObject({
      errorCount: 2,
      errors: [
        { line: 4, column: 'image_url', value: 'not-a-url' },
        { line: 6, column: 'image_url', value: '' },
      ],
    });
  });

  it('reports the first 20 problems and counts them all', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `t${i},ftp://x/${i}`).join('\n');
    const error = await refusal(`title,image_url\n${rows}\n`, {
      ...LIMITS,
      rows: 100,
      cellMax: 100,
    });
    expect(error.details).toMatchObject({ errorCount: 30, errors: { length: 20 } });
    expect(error.message).toContain('(the first 20 of 30)');
    expect((error.details as { errors: { line: number }[] }).errors[19]?.line).toBe(21);
  });
});
