import { describe, expect, it } from 'vitest';
import { errorMessage, isRecord, memberOf, stringMember } from './narrow.js';

describe('reading unknown values', () => {
  it('reads members of objects and nothing of anything else', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord([])).toBe(true);
    expect(isRecord(null)).toBe(false);
    expect(isRecord('text')).toBe(false);
    expect(memberOf({ a: 1 }, 'a')).toBe(1);
    expect(memberOf(null, 'a')).toBeUndefined();
    expect(memberOf(undefined, 'a')).toBeUndefined();
    expect(memberOf(42, 'a')).toBeUndefined();
  });

  it('gives a member only when it is a string', () => {
    const error = Object.assign(new Error('gone'), { code: 'ENOENT', errno: -2 });
    expect(stringMember(error, 'code')).toBe('ENOENT');
    expect(stringMember(error, 'errno')).toBeUndefined();
    expect(stringMember('ENOENT', 'code')).toBeUndefined();
  });

  it('says what was thrown, whether an error or not', () => {
    expect(errorMessage(new TypeError('bad'))).toBe('bad');
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});
