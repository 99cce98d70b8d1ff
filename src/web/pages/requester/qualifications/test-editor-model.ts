import {
  QUALIFICATION_TEST_LIMITS,
  type QualificationTestDefinition,
  type QualificationTestInput,
} from '../../../../shared/api/qualification-tests.js';
import type { FormItem } from '../../../../shared/templates/index.js';
import { isAnswerItem } from '../../../../shared/templates/index.js';

/** The editor's state: the questions, the right answer and points per question, the rules. */
export type TestDraft = {
  items: FormItem[];
  /** Right answers by item name; a question with no right answer is not scored. */
  answers: Record<string, unknown>;
  points: Record<string, number>;
  passingScore: number;
  durationMinutes: number;
  retryDelayMinutes: number;
};

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

export function draftOfTest(saved: QualificationTestDefinition | null): TestDraft {
  if (!saved) {
    return {
      items: [],
      answers: {},
      points: {},
      passingScore: 1,
      durationMinutes: QUALIFICATION_TEST_LIMITS.testDurationSecondsDefault / 60,
      retryDelayMinutes: QUALIFICATION_TEST_LIMITS.retryDelaySecondsDefault / 60,
    };
  }
  const key = Object.entries(saved.answerKey);
  return {
    items: saved.template.items,
    answers: Object.fromEntries(key.map(([name, entry]) => [name, entry.value])),
    points: Object.fromEntries(key.map(([name, entry]) => [name, entry.points])),
    passingScore: saved.passingScore,
    durationMinutes: Math.round(saved.testDurationSeconds / 60),
    retryDelayMinutes: Math.round(saved.retryDelaySeconds / 60),
  };
}

/** The points a question is worth (1 until changed). */
export function pointsOf(draft: TestDraft, name: string): number {
  return draft.points[name] ?? 1;
}

/** The answer key: every question of the form with a right answer, and its points. */
export function keyOfDraft(draft: TestDraft): QualificationTestInput['answerKey'] {
  const key: QualificationTestInput['answerKey'] = {};
  for (const item of draft.items) {
    if (!isAnswerItem(item) || isBlank(draft.answers[item.name])) continue;
    key[item.name] = { value: draft.answers[item.name], points: pointsOf(draft, item.name) };
  }
  return key;
}

/** The most a worker can score with the key as it stands. */
export function draftMaxScore(draft: TestDraft): number {
  return Object.values(keyOfDraft(draft)).reduce((sum, entry) => sum + (entry.points ?? 1), 0);
}

/** The body the API takes (`test` of `PATCH /qualification-types/{id}`). */
export function testOfDraft(draft: TestDraft): QualificationTestInput {
  return {
    template: { kind: 'form', items: draft.items },
    answerKey: keyOfDraft(draft),
    passingScore: draft.passingScore,
    testDurationSeconds: draft.durationMinutes * 60,
    retryDelaySeconds: draft.retryDelayMinutes * 60,
  };
}

/** Where a problem is, in words: `answerKey.capital.value` → "Right answer of “capital”". */
export function describeTestPath(path: string): string {
  const key = /^answerKey\.([^.]+)/.exec(path);
  if (key) return `Right answer of “${key[1]}”`;
  const item = /^template\.items\.(\d+)/.exec(path);
  if (item) return `Question ${Number(item[1]) + 1}`;
  const names: Record<string, string> = {
    answerKey: 'Answer key',
    passingScore: 'Pass mark',
    testDurationSeconds: 'Time allowed',
    retryDelaySeconds: 'Wait before retrying',
    template: 'Questions',
  };
  return names[path] ?? path;
}
