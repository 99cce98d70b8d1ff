import {
  ANSWER_ITEM_TYPES,
  validateAnswers,
  type AnswerItem,
  type FilledFormItem,
} from '../../../shared/templates/index.js';
import { isApiError } from '../../api/client.js';
import { fieldIssuesIn, isOneOf } from '../../lib/narrow.js';

/** Messages keyed by item (or HTML form field) name; '' holds those about the answers as a whole. */
export type AnswerErrors = Record<string, string>;

function sentence(message: string): string {
  if (message === 'is required') return 'This question needs an answer';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** Only questions carry answers, and a question's item is the same filled or not. */
function questionsOf(items: readonly FilledFormItem[]): AnswerItem[] {
  return items.filter(isFilledAnswerItem);
}

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** The answers to send: questions only, unanswered ones left out. */
export function answersToSubmit(
  items: readonly FilledFormItem[],
  values: Record<string, unknown>,
): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const item of questionsOf(items)) {
    const value = values[item.name];
    if (!isBlank(value)) answers[item.name] = value;
  }
  return answers;
}

/**
 * The same checks the server makes (required items, lengths, patterns, choices, number limits),
 * so most mistakes show before a round trip. The server still has the last word.
 */
export function checkAnswers(
  items: readonly FilledFormItem[],
  answers: Record<string, unknown>,
): AnswerErrors {
  const errors: AnswerErrors = {};
  for (const problem of validateAnswers({ kind: 'form', items: questionsOf(items) }, answers)) {
    if (!(problem.item in errors)) errors[problem.item] = sentence(problem.message);
  }
  return errors;
}

const ANSWER_PATH = 'body.answers';

/** The server's answer check (`400 invalid_answers`, details `body.answers.<item>`), by item. */
export function serverAnswerErrors(error: unknown): AnswerErrors {
  if (!isApiError(error, 400)) return {};
  const errors: AnswerErrors = {};
  for (const { path, message } of fieldIssuesIn(error.details)) {
    if (path !== ANSWER_PATH && !path.startsWith(`${ANSWER_PATH}.`)) continue;
    const item = path.slice(ANSWER_PATH.length + 1);
    if (!(item in errors)) errors[item] = sentence(message);
  }
  return errors;
}

/** Answers as lines a person can read back: option labels instead of values, lists joined. */
export function describeAnswer(item: FilledFormItem | undefined, value: unknown): string {
  const label = (v: unknown) => {
    if (item && 'options' in item) {
      const option = item.options.find((o) => o.value === v);
      if (option) return option.label;
    }
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  if (Array.isArray(value)) return value.map(label).join(', ');
  return label(value);
}

/**
 * The API sends filled items loosely typed (`{ type, name, … }`); the server filled them from a
 * template it had validated, so they have the full filled-item shape.
 */
export function filledItemsOf(items: readonly { type: string; name: string }[]): FilledFormItem[] {
  // Trusted, not re-checked: the server validated the template these items were filled from.
  return items as unknown as FilledFormItem[];
}

/** Whether a filled item is a question (a question's item is the same filled or not). */
export function isFilledAnswerItem(item: FilledFormItem): item is AnswerItem {
  return isOneOf(ANSWER_ITEM_TYPES, item.type);
}
