import { describe, expect, it } from 'vitest';
import { qualificationTestSchema } from './api/qualification-tests.js';
import { answerKeyProblems, maxScore, scoreTest } from './qualification-test-scoring.js';
import { formTemplateSchema } from './templates/model.js';

const template = formTemplateSchema.parse({
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Answer every question.' },
    {
      type: 'single_choice',
      name: 'capital',
      label: 'Capital of France?',
      options: [
        { value: 'paris', label: 'Paris' },
        { value: 'lyon', label: 'Lyon' },
      ],
    },
    {
      type: 'multiple_choice',
      name: 'primes',
      label: 'Which are prime?',
      options: [
        { value: 'two', label: '2' },
        { value: 'three', label: '3' },
        { value: 'four', label: '4' },
      ],
    },
    { type: 'number', name: 'sum', label: '2 + 2', min: 0, max: 10 },
    { type: 'text', name: 'word', label: 'Spell "cat"' },
    { type: 'rating', name: 'stars', label: 'How many stars?', max: 5 },
    {
      type: 'dropdown',
      name: 'colour',
      label: 'Sky?',
      options: [
        { value: 'blue', label: 'Blue' },
        { value: 'green', label: 'Green' },
      ],
    },
  ],
});

const key = {
  capital: { value: 'paris', points: 2 },
  primes: { value: ['two', 'three'], points: 3 },
  sum: { value: 4, points: 1 },
  word: { value: 'Cat', points: 1 },
  stars: { value: 4, points: 1 },
  colour: { value: 'blue', points: 2 },
};

describe('scoreTest', () => {
  it('adds the points of every right answer', () => {
    expect(
      scoreTest(template, key, {
        capital: 'paris',
        primes: ['three', 'two'],
        sum: 4,
        word: '  cAT ',
        stars: 4,
        colour: 'blue',
      }),
    ).toEqual({ score: 10, maxScore: 10 });
  });

  it('gives nothing for wrong, partial or missing answers', () => {
    expect(
      scoreTest(template, key, {
        capital: 'lyon',
        primes: ['two'],
        sum: 5,
        word: 'dog',
        stars: 3,
      }),
    ).toEqual({ score: 0, maxScore: 10 });
    expect(scoreTest(template, key, { primes: ['two', 'three', 'four'] }).score).toBe(0);
    expect(scoreTest(template, key, {}).score).toBe(0);
  });

  it('counts each question once and ignores answers of the wrong type', () => {
    expect(
      scoreTest(template, key, { capital: ['paris'], sum: '4', stars: '4', colour: 'blue' }),
    ).toEqual({ score: 2, maxScore: 10 });
  });

  it('scores only the questions the key names', () => {
    const partial = { capital: { value: 'paris', points: 5 } };
    expect(scoreTest(template, partial, { capital: 'paris', sum: 4 })).toEqual({
      score: 5,
      maxScore: 5,
    });
  });

  it('totals the key', () => {
    expect(maxScore(key)).toBe(10);
    expect(maxScore({})).toBe(0);
  });
});

describe('answerKeyProblems', () => {
  it('accepts a key that fits the template', () => {
    expect(answerKeyProblems(template, key, 10)).toEqual([]);
    expect(answerKeyProblems(template, key, 0)).toEqual([]);
  });

  it('names a choice that is not an option, and the item it is for', () => {
    expect(
      answerKeyProblems(template, { ...key, capital: { value: 'rome', points: 1 } }, 1),
    ).toEqual([
      { path: ['answerKey', 'capital', 'value'], message: '"rome" is not one of the options' },
    ]);
  });

  it('refuses keys of unknown or non-question items, and empty or ill-typed values', () => {
    const problems = answerKeyProblems(
      template,
      {
        nope: { value: 'x', points: 1 },
        intro: { value: 'x', points: 1 },
        sum: { value: 11, points: 1 },
        word: { value: '', points: 1 },
        stars: { value: 9, points: 1 },
      },
      1,
    );
    expect(problems).toEqual([
      { path: ['answerKey', 'nope'], message: 'is not an item of the test' },
      { path: ['answerKey', 'intro'], message: 'takes no answer (it is instructions)' },
      { path: ['answerKey', 'sum', 'value'], message: 'must be at most 10' },
      { path: ['answerKey', 'word', 'value'], message: 'is required' },
      { path: ['answerKey', 'stars', 'value'], message: 'must be a whole number from 1 to 5' },
    ]);
  });

  it('refuses a test without a key, and a passing score above the total', () => {
    expect(answerKeyProblems(template, {}, 0)).toEqual([
      { path: ['answerKey'], message: 'must give the right answer to at least one question' },
    ]);
    expect(answerKeyProblems(template, key, 11)).toEqual([
      { path: ['passingScore'], message: 'must be at most the total points of the key (10)' },
    ]);
  });

  it('refuses placeholders, which a test has no data to fill', () => {
    const withPlaceholder = formTemplateSchema.parse({
      kind: 'form',
      items: [{ type: 'text', name: 'q', label: 'About {{title}}' }],
    });
    expect(answerKeyProblems(withPlaceholder, { q: { value: 'a', points: 1 } }, 1)).toEqual([
      {
        path: ['template'],
        message: 'must not hold {{column}} placeholders: a test has no task data to fill them',
      },
    ]);
  });
});

describe('qualificationTestSchema', () => {
  it('defaults points and limits, and reports key problems at their place', () => {
    const parsed = qualificationTestSchema.parse({
      template,
      answerKey: { capital: { value: 'paris' } },
      passingScore: 1,
    });
    expect(parsed).toMatchObject({
      answerKey: { capital: { value: 'paris', points: 1 } },
      testDurationSeconds: 1200,
      retryDelaySeconds: 86400,
    });
    const bad = qualificationTestSchema.safeParse({
      template,
      answerKey: { capital: { value: 'rome' } },
      passingScore: 1,
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['answerKey.capital.value', '"rome" is not one of the options'],
    ]);
  });
});
