import { safeUrl } from './fill.js';
import type { FormItem, Template } from './model.js';
import { columnsIn, FORM_PLACEHOLDER, replacePlaceholders } from './placeholders.js';

/**
 * What a template needs of the data that fills it, beyond the columns being there: a column that
 * is a picture's, a recording's or a link's whole address must hold a web address, a column that
 * is a number attribute of HTML must hold a number. Checked at import, so that a bad cell is
 * refused with its line instead of reaching a worker as a broken task.
 */
export type CellRule =
  | { kind: 'url'; column: string; usedBy: string }
  /** An address built around placeholders (`https://cdn/{{id}}.jpg`): checked once filled. */
  | { kind: 'url_template'; columns: [string, ...string[]]; url: string; usedBy: string }
  | { kind: 'number'; column: string; usedBy: string };

export type CellProblem = {
  column: string;
  value: string;
  /** What the column should hold, e.g. "a web address (http:// or https://)". */
  expected: string;
  /** The problem in words, after the column's name: `"x" is not a web address …`. */
  message: string;
};

const WEB_ADDRESS = 'a web address (http:// or https://)';
const NUMBER = 'a number';
/** The form items that show an address, as a message names them. */
const MEDIA_ITEMS = {
  image: 'image',
  audio: 'audio clip',
  video: 'video',
  link: 'link',
} satisfies Record<Extract<FormItem, { url: string }>['type'], string>;

/** A placeholder that is the whole of a text, with nothing around it: its column. */
function wholePlaceholder(text: string, pattern: RegExp): string | undefined {
  const columns = columnsIn(text, pattern);
  if (columns.length !== 1) return undefined;
  return text.replace(pattern, '').trim() === '' ? columns[0] : undefined;
}

function formRules(items: readonly FormItem[]): CellRule[] {
  const rules: CellRule[] = [];
  for (const item of items) {
    if (!('url' in item)) continue;
    const media = item;
    const usedBy = `the ${MEDIA_ITEMS[media.type]} "${media.name}"`;
    const column = wholePlaceholder(media.url, FORM_PLACEHOLDER);
    if (column) {
      rules.push({ kind: 'url', column, usedBy });
      continue;
    }
    const [first, ...others] = columnsIn(media.url, FORM_PLACEHOLDER);
    if (first !== undefined) {
      rules.push({ kind: 'url_template', columns: [first, ...others], url: media.url, usedBy });
    }
  }
  return rules;
}

const COLUMN = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
/** `src="${column}"`: an attribute whose whole value is one placeholder. */
const attributeOf = (names: string) =>
  new RegExp(`\\b(${names})\\s*=\\s*(["']?)\\s*\\$\\{(${COLUMN})\\}\\s*\\2(?=[\\s>/])`, 'gi');
const URL_ATTRIBUTES = attributeOf('src|href|poster');
const NUMBER_ATTRIBUTES = attributeOf('min|max|step|width|height');

function htmlRules(html: string): CellRule[] {
  const rules: CellRule[] = [];
  for (const match of html.matchAll(URL_ATTRIBUTES)) {
    const [, attribute, , column] = match;
    if (column) rules.push({ kind: 'url', column, usedBy: `the ${attribute} attribute` });
  }
  for (const match of html.matchAll(NUMBER_ATTRIBUTES)) {
    const [, attribute, , column] = match;
    if (column) rules.push({ kind: 'number', column, usedBy: `the ${attribute} attribute` });
  }
  return rules;
}

/** The template's rules for its data; one rule per column and kind (the first use names it). */
export function cellRulesOf(template: Template): CellRule[] {
  const rules = template.kind === 'form' ? formRules(template.items) : htmlRules(template.html);
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = rule.kind === 'url_template' ? `t:${rule.url}` : `${rule.kind}:${rule.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const NUMERIC = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/;

/** Long values are cut in messages: the line and column already say where to look. */
export function quoteValue(value: string): string {
  const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return JSON.stringify(shown);
}

function checkRule(rule: CellRule, cell: (column: string) => string): CellProblem | undefined {
  switch (rule.kind) {
    case 'url': {
      const value = cell(rule.column);
      if (safeUrl(value)) return undefined;
      return {
        column: rule.column,
        value,
        expected: WEB_ADDRESS,
        message:
          value.trim() === ''
            ? `is empty, but ${rule.usedBy} needs ${WEB_ADDRESS}`
            : `${quoteValue(value)} is not ${WEB_ADDRESS}`,
      };
    }
    case 'url_template': {
      const row = Object.fromEntries(rule.columns.map((c) => [c, cell(c)]));
      const filled = replacePlaceholders(rule.url, FORM_PLACEHOLDER, row, (v) => v);
      if (safeUrl(filled)) return undefined;
      const [column] = rule.columns;
      return {
        column,
        value: cell(column),
        expected: `a value that makes ${rule.usedBy}'s address a web address`,
        message: `${quoteValue(cell(column))} makes ${rule.usedBy}'s address ${quoteValue(filled)}, which is not ${WEB_ADDRESS}`,
      };
    }
    case 'number': {
      const value = cell(rule.column);
      if (NUMERIC.test(value)) return undefined;
      return {
        column: rule.column,
        value,
        expected: NUMBER,
        message: `${quoteValue(value)} is not ${NUMBER} (${rule.usedBy} needs one)`,
      };
    }
  }
}

/** Every rule a row breaks, in rule order. */
export function cellProblems(
  rules: readonly CellRule[],
  cell: (column: string) => string,
): CellProblem[] {
  const problems: CellProblem[] = [];
  for (const rule of rules) {
    const problem = checkRule(rule, cell);
    if (problem) problems.push(problem);
  }
  return problems;
}
