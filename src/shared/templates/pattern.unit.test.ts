import { describe, expect, it } from 'vitest';
import { patternProblem } from './pattern.js';

describe('answer patterns', () => {
  it.each([
    '[A-Z]{2}-\\d{4}',
    '\\d+(\\.\\d{1,2})?',
    '(\\d{1,3}\\.){3}\\d{1,3}',
    '[^@\\s]+@[^@\\s]+',
    '(?:yes|no)',
    '(?<year>\\d{4})-\\d{2}',
    'a{2,}',
    '[(|+*)]+',
  ])('accepts %s', (pattern) => {
    expect(patternProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['(a+)+', 'must not repeat'],
    ['(a|aa)*', 'must not repeat'],
    ['(?:\\w+\\s?)*$', 'must not repeat'],
    ['((ab)*c)+', 'must not repeat'],
    ['(x+){2,}', 'must not repeat'],
    ['(a)\\1', 'back-references'],
    ['(?<n>a)\\k<n>', 'back-references'],
    ['([a-z', 'not a valid regular expression'],
    ['\\p{Nope}', 'not a valid regular expression'],
    // Valid only inside the ^(?:…)$ it runs in, where it would escape the anchors.
    ['a)|(b', 'not a valid regular expression'],
    ['x)+(y', 'not a valid regular expression'],
  ])('refuses %s', (pattern, message) => {
    expect(patternProblem(pattern)).toContain(message);
  });
});
