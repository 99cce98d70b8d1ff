import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from './canonical-json.js';

describe('canonicalJson', () => {
  it('writes the same text whatever the order of object keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    expect(sameJson({ a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });

  it('agrees with JSON.stringify on what it leaves out and how it writes values', () => {
    const value = {
      text: 'quote " and \\ and \u2028',
      missing: undefined,
      list: [undefined, 1.5, -0, true, 'x'],
      when: new Date('2026-01-02T03:04:05.000Z'),
      empty: {},
      none: [],
    };
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('handles values nested far deeper than the call stack allows for recursion', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 20_000; i++) deep = i % 2 ? [deep] : { k: deep };
    const text = canonicalJson(deep);
    expect(text.startsWith('[{"k":[{"k":')).toBe(true);
    expect(text).toContain('[{"k":"leaf"}]');
    expect(sameJson(deep, deep)).toBe(true);
  });
});
