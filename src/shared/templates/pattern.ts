import { errorMessage } from '../narrow.js';

/**
 * Answer patterns are written by requesters and run against workers' answers on the server, so a
 * pattern that can backtrack exponentially would let one requester stall the process. JavaScript
 * has no linear-time engine by default; instead the shapes known to blow up are refused: a
 * repeated group that itself repeats or alternates (`(a+)+`, `(a|aa)*`) and back-references.
 */
export function patternProblem(source: string): string | undefined {
  try {
    // On its own, not inside the `^(?:…)$` it runs in: `a)|(b` would compile there, broken out.
    new RegExp(source, 'u');
  } catch (error) {
    return `is not a valid regular expression (${errorMessage(error)})`;
  }
  if (/\\[1-9]|\\k</.test(source)) return 'must not use back-references';
  if (hasRepeatedAmbiguousGroup(source)) {
    return 'must not repeat a group that itself repeats or has alternatives, e.g. (a+)+ or (a|b)*: such patterns can take exponential time; use a character class such as [ab]* instead';
  }
  return undefined;
}

type Group = { risky: boolean };

/** A small scanner over the pattern's syntax: escapes, classes, groups and quantifiers. */
function hasRepeatedAmbiguousGroup(source: string): boolean {
  // The innermost open group is `current`; the groups around it wait in `enclosing`.
  const enclosing: Group[] = [];
  let current: Group = { risky: false };
  let lastGroupRisky = false;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    let closedGroup = false;
    if (ch === '\\') {
      i += 2;
    } else if (ch === '[') {
      i = endOfClass(source, i + 1);
    } else if (ch === '(') {
      enclosing.push(current);
      current = { risky: false };
      i += 1;
      if (source[i] === '?') {
        // (?:  (?=  (?!  (?<=  (?<!  (?<name>
        const named = /^\?<[A-Za-z_$][\w$]*>/.exec(source.slice(i));
        i += named ? named[0].length : source[i + 1] === '<' ? 3 : 2;
      }
    } else if (ch === ')') {
      lastGroupRisky = current.risky;
      // The pattern compiled on its own, so this ')' closes a group a '(' opened.
      current = enclosing.pop() ?? current;
      closedGroup = true;
      i += 1;
    } else if (ch === '|') {
      current.risky = true;
      i += 1;
    } else {
      i += 1;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      if (quantifier.repeats) {
        if (closedGroup && lastGroupRisky) return true;
        current.risky = true;
      }
      if (closedGroup && lastGroupRisky) current.risky = true;
      i += quantifier.length;
    } else if (closedGroup && lastGroupRisky) {
      current.risky = true;
    }
  }
  return false;
}

function endOfClass(source: string, from: number): number {
  let i = from;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** A quantifier starting at `i`; `repeats` when it allows a varying number of repetitions > 1. */
function quantifierAt(source: string, i: number): { length: number; repeats: boolean } | undefined {
  const ch = source[i];
  let length = 0;
  let repeats = false;
  if (ch === '*' || ch === '+') {
    length = 1;
    repeats = true;
  } else if (ch === '?') {
    length = 1;
  } else if (ch === '{') {
    const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!braces) return undefined;
    length = braces[0].length;
    const min = Number(braces[1]);
    const max = braces[2] === undefined ? min : braces[3] ? Number(braces[3]) : Infinity;
    repeats = max > 1 && max !== min;
  } else {
    return undefined;
  }
  // A lazy or possessive-looking suffix belongs to the quantifier.
  if (source[i + length] === '?') length += 1;
  return { length, repeats };
}
