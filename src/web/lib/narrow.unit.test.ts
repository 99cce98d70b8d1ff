import { describe, expect, it } from 'vitest';
import { fieldIssuesIn, isOneOf, isRecord, numberIn } from './narrow.js';

describe('narrowing outside values', () => {
  it('takes only plain objects as records', () => {
    expect(isRecord({ a: 1 })).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
    expect(isRecord('text')).toBe(false);
  });

  it('recognises only the listed values', () => {
    const tabs = ['design', 'data'] as const;
    expect(isOneOf(tabs, 'data')).toBe(true);
    expect(isOneOf(tabs, 'Data')).toBe(false);
    expect(isOneOf(tabs, undefined)).toBe(false);
  });

  it('keeps the well-formed field issues and skips the rest', () => {
    const details = [
      { path: 'body.title', message: 'is required', extra: true },
      { path: 3, message: 'bad path' },
      'not an issue',
      null,
      { path: 'body.reward' },
    ];
    expect(fieldIssuesIn(details)).toEqual([{ path: 'body.title', message: 'is required' }]);
    expect(fieldIssuesIn({ path: 'body.title', message: 'x' })).toEqual([]);
  });

  it('reads a number field only when it is a number', () => {
    expect(numberIn({ neededCents: 500 }, 'neededCents')).toBe(500);
    expect(numberIn({ neededCents: '500' }, 'neededCents')).toBeUndefined();
    expect(numberIn(undefined, 'neededCents')).toBeUndefined();
  });
});
