import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api/client.js';
import { formatBytes, uploadProblem } from './upload.js';

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [1023, '1023 bytes'],
    [1536, '1.5 KB'],
    [20 * 1024 * 1024, '20 MB'],
    [3.25 * 1024 * 1024 * 1024, '3.3 GB'],
  ])('%i → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

describe('uploadProblem', () => {
  it('names missing columns', () => {
    const error = new ApiError(400, 'missing_columns', 'The data lacks columns', {
      missingColumns: ['url', 'title'],
    });
    expect(uploadProblem(error)).toEqual({
      title: 'Columns are missing',
      missingColumns: ['url', 'title'],
      line: null,
      cells: [],
      cellCount: 0,
    });
  });

  it('lists the cells the design cannot use, with the count of all', () => {
    const error = new ApiError(400, 'invalid_cells', '2 cells do not fit', {
      errorCount: 25,
      errors: [
        {
          line: 7,
          column: 'image_url',
          message: 'line 7, column "image_url": "x" is not a web address',
        },
        { line: 9, column: 'image_url', message: 'line 9, column "image_url": is empty' },
      ],
    });
    expect(uploadProblem(error)).toMatchObject({
      title: '25 cells do not fit your design',
      cells: [
        'line 7, column "image_url": "x" is not a web address',
        'line 9, column "image_url": is empty',
      ],
      cellCount: 25,
    });
  });

  it('says when the file looks separated by another character', () => {
    const error = new ApiError(400, 'wrong_delimiter', 'looks like semicolons', {
      missingColumns: ['image_url'],
      suspectedDelimiter: 'semicolon',
    });
    expect(uploadProblem(error)).toMatchObject({
      title: 'The file looks separated by another character',
      missingColumns: [],
    });
  });

  it('names the CSV line or JSON row at fault', () => {
    expect(
      uploadProblem(new ApiError(400, 'invalid_csv', 'CSV line 7: ragged', { line: 7 })).title,
    ).toBe('Line 7 has a problem');
    expect(
      uploadProblem(new ApiError(400, 'invalid_rows', 'Row 3 lacks', { row: 3, column: 'x' })).line,
    ).toBe(3);
    expect(
      uploadProblem(new ApiError(400, 'invalid_csv', 'header', { line: 'header' })).title,
    ).toBe('The file was not imported');
  });

  it('explains size limits, lost connections and anything else', () => {
    expect(
      uploadProblem(new ApiError(413, 'payload_too_large', 'too big', { limitBytes: 1 })).title,
    ).toBe('The file is too large');
    expect(uploadProblem(new ApiError(0, 'network_error', 'offline')).title).toBe(
      'The upload stopped',
    );
    expect(uploadProblem(new Error('boom')).title).toBe('The upload failed');
  });
});
