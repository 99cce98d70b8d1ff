import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './json-depth.js';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects inside one another', () => {
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(nestsDeeperThan('[[],[],[[]]]', 3)).toBe(false);
    expect(nestsDeeperThan('1', 0)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(nestsDeeperThan('{"a":"[[[[{{{{"}', 1)).toBe(false);
    expect(nestsDeeperThan('["\\"[[[[", "\\\\", "[["]', 1)).toBe(false);
    expect(nestsDeeperThan('["\\\\"]]', 1)).toBe(false);
  });

  it('reads 100,000 levels in one pass', () => {
    expect(nestsDeeperThan('['.repeat(100_000) + ']'.repeat(100_000), 32)).toBe(true);
    expect(nestsDeeperThan('{"a":'.repeat(100_000), 32)).toBe(true);
  });
});
