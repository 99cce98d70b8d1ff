import type { AnswerItem, Template } from './model.js';
import { isAnswerItem, TEMPLATE_LIMITS as L } from './model.js';

/** A problem with one answer; `item` is the item (or form field) name, '' for the whole. */
export type AnswerProblem = { item: string; message: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function checkText(
  item: Extract<AnswerItem, { type: 'text' | 'textarea' }>,
  value: unknown,
): string | undefined {
  if (typeof value !== 'string') return 'must be text';
  const hardMax = item.type === 'text' ? L.textAnswerMax : L.textareaAnswerMax;
  const max = item.maxLength ?? hardMax;
  const length = [...value].length;
  if (length > max) return `must be at most ${max} characters`;
  if (item.minLength !== undefined && length < item.minLength)
    return `must be at least ${item.minLength} characters`;
  if (item.type === 'text' && item.pattern !== undefined) {
    if (!new RegExp(`^(?:${item.pattern})$`, 'u').test(value))
      return item.patternMessage || 'does not have the expected format';
  }
  return undefined;
}

function checkNumber(item: Extract<AnswerItem, { type: 'number' }>, value: unknown) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  if (item.min !== undefined && value < item.min) return `must be at least ${item.min}`;
  if (item.max !== undefined && value > item.max) return `must be at most ${item.max}`;
  if (item.step !== undefined) {
    const steps = (value - (item.min ?? 0)) / item.step;
    if (Math.abs(steps - Math.round(steps)) > 1e-9)
      return `must be a multiple of ${item.step}${item.min === undefined ? '' : ` from ${item.min}`}`;
  }
  return undefined;
}

function checkChoices(
  item: Extract<AnswerItem, { type: 'multiple_choice' }>,
  value: unknown,
): string | undefined {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    return 'must be a list of option values';
  const allowed = new Set(item.options.map((o) => o.value));
  const unknown = value.find((v) => !allowed.has(v));
  if (unknown !== undefined) return `"${unknown}" is not one of the options`;
  if (new Set(value).size !== value.length) return 'must not choose an option twice';
  if (item.minSelected !== undefined && value.length < item.minSelected)
    return `must choose at least ${item.minSelected} options`;
  if (item.maxSelected !== undefined && value.length > item.maxSelected)
    return `must choose at most ${item.maxSelected} options`;
  return undefined;
}

function checkAnswer(item: AnswerItem, value: unknown): string | undefined {
  switch (item.type) {
    case 'text':
    case 'textarea':
      return checkText(item, value);
    case 'number':
      return checkNumber(item, value);
    case 'single_choice':
    case 'dropdown':
      if (typeof value !== 'string') return 'must be one option value';
      return item.options.some((o) => o.value === value)
        ? undefined
        : `"${value}" is not one of the options`;
    case 'multiple_choice':
      return checkChoices(item, value);
    case 'rating':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= item.max
        ? undefined
        : `must be a whole number from 1 to ${item.max}`;
  }
}

/** An HTML template's form posts fields by name: text values, or lists of them (checkboxes). */
function validateHtmlAnswers(answers: Record<string, unknown>): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const names = Object.keys(answers);
  if (names.length > L.htmlAnswerFields)
    return [{ item: '', message: `must hold at most ${L.htmlAnswerFields} fields` }];
  for (const name of names) {
    if (name.length === 0 || name.length > L.htmlAnswerNameMax) {
      problems.push({
        item: name.slice(0, L.htmlAnswerNameMax),
        message: `field names must be 1 to ${L.htmlAnswerNameMax} characters`,
      });
      continue;
    }
    const value = answers[name];
    const values = Array.isArray(value) ? value : [value];
    if (!values.every((v) => typeof v === 'string')) {
      problems.push({ item: name, message: 'must be text or a list of texts' });
    } else if (values.length > L.optionsMax) {
      problems.push({ item: name, message: `must hold at most ${L.optionsMax} values` });
    } else if (values.some((v) => v.length > L.htmlAnswerValueMax)) {
      problems.push({ item: name, message: `must be at most ${L.htmlAnswerValueMax} characters` });
    }
  }
  return problems;
}

/**
 * Checks a worker's answers against the template: every required item answered, each answer of
 * the right type and within the item's limits, nothing that is not a question. An empty list
 * means the answers may be submitted.
 */
export function validateAnswers(template: Template, answers: unknown): AnswerProblem[] {
  if (!isPlainObject(answers))
    return [{ item: '', message: 'answers must be an object keyed by item name' }];
  if (template.kind === 'html') return validateHtmlAnswers(answers);

  const problems: AnswerProblem[] = [];
  const items = new Map(template.items.map((item) => [item.name, item]));
  for (const name of Object.keys(answers)) {
    const item = items.get(name);
    if (!item) problems.push({ item: name, message: 'is not an item of this task' });
    else if (!isAnswerItem(item) && answers[name] !== undefined)
      problems.push({ item: name, message: `takes no answer (it is ${item.type})` });
  }
  for (const item of template.items) {
    if (!isAnswerItem(item)) continue;
    const value = answers[item.name];
    if (isEmpty(value)) {
      if (item.required) problems.push({ item: item.name, message: 'is required' });
      continue;
    }
    const message = checkAnswer(item, value);
    if (message) problems.push({ item: item.name, message });
  }
  return problems;
}
