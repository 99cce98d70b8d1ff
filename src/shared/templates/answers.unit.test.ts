import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from './answers.js';
import { templateSchema, TEMPLATE_LIMITS } from './model.js';

const template = templateSchema.parse({
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Read this.' },
    {
      type: 'text',
      name: 'code',
      required: true,
      pattern: '[A-Z]{2}-\\d{3}',
      patternMessage: 'like AB-123',
    },
    { type: 'text', name: 'nick', minLength: 2, maxLength: 5 },
    { type: 'textarea', name: 'notes' },
    { type: 'number', name: 'count', min: 1, max: 10, step: 0.5 },
    {
      type: 'single_choice',
      name: 'pick',
      required: true,
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    },
    { type: 'dropdown', name: 'drop', options: [{ value: 'x', label: 'X' }] },
    {
      type: 'multiple_choice',
      name: 'many',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
        { value: 'c', label: 'C' },
      ],
      minSelected: 1,
      maxSelected: 2,
    },
    { type: 'rating', name: 'stars', max: 5 },
    { type: 'image', name: 'pic', url: 'https://example.com/a.png' },
  ],
});

const valid = { code: 'AB-123', pick: 'a' };

function problemsFor(answers: Record<string, unknown>) {
  return validateAnswers(template, { ...valid, ...answers });
}

describe('validateAnswers (form)', () => {
  it('accepts complete, well-formed answers', () => {
    expect(
      validateAnswers(template, {
        code: 'XY-999',
        nick: 'bob',
        notes: 'line one\nline two',
        count: 2.5,
        pick: 'b',
        drop: 'x',
        many: ['a', 'c'],
        stars: 5,
      }),
    ).toEqual([]);
    expect(validateAnswers(template, valid)).toEqual([]);
  });

  it('requires required items, treating blank text and null as missing', () => {
    expect(validateAnswers(template, {})).toEqual([
      { item: 'code', message: 'is required' },
      { item: 'pick', message: 'is required' },
    ]);
    expect(validateAnswers(template, { code: '   ', pick: null })).toEqual([
      { item: 'code', message: 'is required' },
      { item: 'pick', message: 'is required' },
    ]);
  });

  it.each([
    [{ code: 'ab-123' }, 'code', 'like AB-123'],
    [{ code: 'AB-123 ' }, 'code', 'like AB-123'],
    [{ code: 7 }, 'code', 'must be text'],
    [{ nick: 'a' }, 'nick', 'must be at least 2 characters'],
    [{ nick: 'abcdef' }, 'nick', 'must be at most 5 characters'],
    [{ notes: 'x'.repeat(TEMPLATE_LIMITS.textareaAnswerMax + 1) }, 'notes', 'must be at most'],
    [{ count: '3' }, 'count', 'must be a number'],
    [{ count: 0.5 }, 'count', 'must be at least 1'],
    [{ count: 11 }, 'count', 'must be at most 10'],
    [{ count: 1.25 }, 'count', 'must be a multiple of 0.5'],
    [{ count: Number.NaN }, 'count', 'must be a number'],
    [{ pick: 'z' }, 'pick', '"z" is not one of the options'],
    [{ pick: ['a'] }, 'pick', 'must be one option value'],
    [{ drop: 'y' }, 'drop', 'is not one of the options'],
    [{ many: 'a' }, 'many', 'must be a list of option values'],
    [{ many: ['a', 'z'] }, 'many', '"z" is not one of the options'],
    [{ many: ['a', 'a'] }, 'many', 'must not choose an option twice'],
    [{ many: ['a', 'b', 'c'] }, 'many', 'must choose at most 2 options'],
    [{ stars: 0 }, 'stars', 'from 1 to 5'],
    [{ stars: 6 }, 'stars', 'from 1 to 5'],
    [{ stars: 2.5 }, 'stars', 'from 1 to 5'],
    [{ pic: 'x' }, 'pic', 'takes no answer'],
    [{ intro: 'x' }, 'intro', 'takes no answer'],
    [{ extra: 'x' }, 'extra', 'is not an item of this task'],
  ])('%j → %s: %s', (answers, item, message) => {
    const problems = problemsFor(answers);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.item).toBe(item);
    expect(problems[0]?.message).toContain(message);
  });

  it('counts characters, not UTF-16 code units', () => {
    expect(problemsFor({ nick: '😀😀😀😀😀' })).toEqual([]);
  });

  it('rejects answers that are not an object', () => {
    for (const answers of [null, 'x', [1], 3]) {
      expect(validateAnswers(template, answers)).toEqual([
        { item: '', message: 'answers must be an object keyed by item name' },
      ]);
    }
  });

  it('never throws and only names items or unknown keys, whatever it is given', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything()), (answers) => {
        const problems = validateAnswers(template, answers);
        for (const p of problems) {
          expect(typeof p.message).toBe('string');
          expect(
            p.item === '' ||
              p.item in answers ||
              template.kind !== 'form' ||
              template.items.some((i) => i.name === p.item),
          ).toBe(true);
        }
      }),
    );
  });
});

describe('validateAnswers (html)', () => {
  const html = templateSchema.parse({ kind: 'html', html: '<input name="q">' });

  it('accepts text fields and lists of texts', () => {
    expect(validateAnswers(html, { q: 'yes', boxes: ['a', 'b'] })).toEqual([]);
  });

  it('rejects other value types, oversized values and too many fields', () => {
    expect(validateAnswers(html, { q: 3 })).toEqual([
      { item: 'q', message: 'must be text or a list of texts' },
    ]);
    expect(
      validateAnswers(html, { q: 'x'.repeat(TEMPLATE_LIMITS.htmlAnswerValueMax + 1) })[0]?.item,
    ).toBe('q');
    const many = Object.fromEntries(
      Array.from({ length: TEMPLATE_LIMITS.htmlAnswerFields + 1 }, (_, i) => [`f${i}`, 'v']),
    );
    expect(validateAnswers(html, many)).toEqual([
      { item: '', message: `must hold at most ${TEMPLATE_LIMITS.htmlAnswerFields} fields` },
    ]);
  });
});
