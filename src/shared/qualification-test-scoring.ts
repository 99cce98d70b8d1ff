import { validateAnswers } from './templates/answers.js';
import {
  formPlaceholders,
  isAnswerItem,
  type AnswerItem,
  type FormTemplate,
} from './templates/model.js';

/** The right answer and its points, per question (item name). */
export type AnswerKey = Readonly<Record<string, { value: unknown; points: number }>>;

/** A problem with a test, at its place in the test's body: `['answerKey', 'q1', 'value']`. */
export type TestProblem = { path: (string | number)[]; message: string };

/** The most a worker can score: every keyed question right. */
export function maxScore(answerKey: AnswerKey): number {
  return Object.values(answerKey).reduce((sum, entry) => sum + entry.points, 0);
}

/**
 * Why a test's key does not fit its template, or its passing score cannot be reached; empty when
 * the test may be saved. Every key names a question of the template and holds a valid, non-empty
 * answer to it (a choice among its options, a number within its limits…).
 */
export function answerKeyProblems(
  template: FormTemplate,
  answerKey: AnswerKey,
  passingScore: number,
): TestProblem[] {
  const problems: TestProblem[] = [];
  if (formPlaceholders(template).length > 0) {
    problems.push({
      path: ['template'],
      message: 'must not hold {{column}} placeholders: a test has no task data to fill them',
    });
  }
  const items = new Map(template.items.map((item) => [item.name, item]));
  const names = Object.keys(answerKey);
  if (names.length === 0) {
    problems.push({
      path: ['answerKey'],
      message: 'must give the right answer to at least one question',
    });
  }
  for (const name of names) {
    const item = items.get(name);
    const entry = answerKey[name];
    if (!item) {
      problems.push({ path: ['answerKey', name], message: 'is not an item of the test' });
    } else if (!isAnswerItem(item)) {
      problems.push({
        path: ['answerKey', name],
        message: `takes no answer (it is ${item.type})`,
      });
    } else if (entry) {
      // The key is checked as an answer a worker must give, so it can always be matched.
      const single: FormTemplate = { kind: 'form', items: [{ ...item, required: true }] };
      const problem = validateAnswers(single, { [name]: entry.value })[0];
      if (problem) {
        problems.push({ path: ['answerKey', name, 'value'], message: problem.message });
      }
    }
  }
  const most = maxScore(answerKey);
  if (passingScore > most) {
    problems.push({
      path: ['passingScore'],
      message: `must be at most the total points of the key (${most})`,
    });
  }
  return problems;
}

/** Free text matches ignoring case, surrounding spaces and runs of spaces. */
function normalText(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** Whether an answer equals the key's value for this question. */
export function isRightAnswer(item: AnswerItem, expected: unknown, given: unknown): boolean {
  switch (item.type) {
    case 'text':
    case 'textarea':
      return (
        typeof given === 'string' &&
        typeof expected === 'string' &&
        normalText(given) === normalText(expected)
      );
    case 'number':
    case 'rating':
      return typeof given === 'number' && typeof expected === 'number' && given === expected;
    case 'single_choice':
    case 'dropdown':
      return typeof given === 'string' && given === expected;
    case 'multiple_choice': {
      if (!Array.isArray(given) || !Array.isArray(expected)) return false;
      const want = new Set(expected);
      return given.length === want.size && given.every((v) => want.has(v));
    }
  }
}

/**
 * A worker's score: the points of every question answered as the key says. The answers are
 * expected to have passed `validateAnswers`; anything else simply scores nothing.
 */
export function scoreTest(
  template: FormTemplate,
  answerKey: AnswerKey,
  answers: Readonly<Record<string, unknown>>,
): { score: number; maxScore: number } {
  let score = 0;
  for (const item of template.items) {
    const entry = answerKey[item.name];
    if (!entry || !isAnswerItem(item)) continue;
    if (isRightAnswer(item, entry.value, answers[item.name])) score += entry.points;
  }
  return { score, maxScore: maxScore(answerKey) };
}
