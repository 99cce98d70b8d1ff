import { describe, expect, it } from 'vitest';
import { qualificationTestSchema } from '../../../../shared/api/qualification-tests.js';
import {
  describeTestPath,
  draftMaxScore,
  draftOfTest,
  keyOfDraft,
  testOfDraft,
  type TestDraft,
} from './test-editor-model.js';

const draft: TestDraft = {
  items: [
    { type: 'instructions', name: 'intro', label: '', text: 'Go' },
    {
      type: 'single_choice',
      name: 'capital',
      label: 'Capital?',
      required: true,
      options: [
        { value: 'paris', label: 'Paris' },
        { value: 'lyon', label: 'Lyon' },
      ],
    },
    { type: 'text', name: 'note', label: 'Note', required: false },
  ],
  answers: { capital: 'paris', note: '  ', gone: 'x' },
  points: { capital: 3 },
  passingScore: 2,
  durationMinutes: 10,
  retryDelayMinutes: 0,
};

describe('the test editor', () => {
  it('keys only the questions with a right answer, at 1 point unless changed', () => {
    expect(keyOfDraft(draft)).toEqual({ capital: { value: 'paris', points: 3 } });
    expect(draftMaxScore({ ...draft, answers: { capital: 'paris', note: 'n' } })).toBe(4);
  });

  it('builds a body the API accepts, and reads a saved test back', () => {
    const body = testOfDraft(draft);
    const parsed = qualificationTestSchema.parse(body);
    expect(parsed).toMatchObject({ testDurationSeconds: 600, retryDelaySeconds: 0 });
    const saved = { ...parsed, maxScore: 3, updatedAt: '2026-12-06T00:00:00Z' };
    expect(draftOfTest(saved)).toMatchObject({
      answers: { capital: 'paris' },
      points: { capital: 3 },
      durationMinutes: 10,
    });
    expect(draftOfTest(null)).toMatchObject({ items: [], durationMinutes: 20 });
  });

  it('names the place of a problem in words', () => {
    expect(describeTestPath('answerKey.capital.value')).toBe('Right answer of “capital”');
    expect(describeTestPath('template.items.1.options')).toBe('Question 2');
    expect(describeTestPath('passingScore')).toBe('Pass mark');
  });
});
