import { describe, expect, it } from 'vitest';
import { parseTaskAnswers, taskAnswerLines } from './task-answers.js';

describe('parseTaskAnswers', () => {
  it('accepts MTurk’s shape and returns the object inside', () => {
    expect(parseTaskAnswers('[{"a":{"label":"x"}}]')).toEqual({
      ok: true,
      answers: { a: { label: 'x' } },
    });
    expect(parseTaskAnswers('[{}]')).toEqual({ ok: true, answers: {} });
  });

  it.each([[undefined], [1], ['[]'], ['[null]'], ['[[]]'], ['{}'], ['nope']])(
    'refuses %j',
    (value) => {
      expect(parseTaskAnswers(value).ok).toBe(false);
    },
  );
});

describe('taskAnswerLines', () => {
  it('lists plain values as one line and objects in lists one line each', () => {
    expect(
      taskAnswerLines({
        tags: { labels: ['a', 'b'] },
        boxes: [
          { left: 1, label: 'cat' },
          { left: 2, label: 'dog' },
        ],
        nothing: null,
      }),
    ).toEqual([
      { path: 'tags.labels', value: 'a, b' },
      { path: 'boxes[0].left', value: '1' },
      { path: 'boxes[0].label', value: 'cat' },
      { path: 'boxes[1].left', value: '2' },
      { path: 'boxes[1].label', value: 'dog' },
      { path: 'nothing', value: '' },
    ]);
  });

  it('summarises past sixty lines', () => {
    const many = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, i]));
    const lines = taskAnswerLines(many);
    expect(lines).toHaveLength(61);
    expect(lines.at(-1)).toEqual({ path: '…', value: '10 more values in the results export' });
  });
});
