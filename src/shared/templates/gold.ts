import { validateAnswers, type AnswerProblem } from './answers.js';
import type { Template } from './model.js';

/** The CSV column prefix of a known answer (`Gold.<item>`), and the explanation's column. */
export const GOLD_PREFIX = 'Gold.';
export const GOLD_EXPLANATION_COLUMN = 'Gold.explanation';
/** Separates the options of a multiple-choice known answer in one CSV cell. */
export const GOLD_LIST_SEPARATOR = '|';

/**
 * A known answer read from its text cell, typed as a worker's answer to that item would be:
 * numbers and ratings as numbers, multiple choice as a list of option values.
 */
export function goldAnswerFromCell(template: Template, item: string, cell: string): unknown {
  const text = cell.trim();
  if (template.kind === 'html') return text;
  const type = template.items.find((i) => i.name === item)?.type;
  if (type === 'number' || type === 'rating') {
    return text === '' || !Number.isFinite(Number(text)) ? text : Number(text);
  }
  if (type === 'multiple_choice') return text.split(GOLD_LIST_SEPARATOR).map((v) => v.trim());
  return text;
}

/**
 * Why known answers cannot be scored against this template: each must be an answer a worker could
 * give (an option that exists, a number in range), and a form's required items must all be known.
 */
export function goldProblems(
  template: Template,
  answers: Record<string, unknown>,
): AnswerProblem[] {
  if (Object.keys(answers).length === 0) {
    return [{ item: '', message: 'a gold row must know at least one answer' }];
  }
  return validateAnswers(template, answers);
}

function normalised(value: unknown): unknown {
  if (typeof value === 'string') return value.trim().toLowerCase();
  if (Array.isArray(value)) return value.map((v) => normalised(v)).sort();
  return value;
}

/**
 * Whether each known item was answered as known. Text compares without case or surrounding
 * space, a multiple choice as a set; an item the worker left out is wrong.
 */
export function scoreGold(
  known: Record<string, unknown>,
  answers: Record<string, unknown>,
): Record<string, boolean> {
  return Object.fromEntries(
    Object.entries(known).map(([item, value]) => [
      item,
      JSON.stringify(normalised(value)) === JSON.stringify(normalised(answers[item])),
    ]),
  );
}
