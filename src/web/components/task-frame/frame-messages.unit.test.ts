import { describe, expect, it } from 'vitest';
import { answersFromFrameMessage } from './frame-messages.js';

describe('answersFromFrameMessage', () => {
  it('reads the answers of a submit message: texts and lists of texts', () => {
    expect(
      answersFromFrameMessage({
        type: 'tessera:submit',
        answers: { answer: 'yes', colours: ['red', 'blue'] },
      }),
    ).toEqual({ answer: 'yes', colours: ['red', 'blue'] });
    expect(answersFromFrameMessage({ type: 'tessera:submit', answers: {} })).toEqual({});
  });

  it('ignores messages of other kinds or shapes', () => {
    for (const data of [
      null,
      'tessera:submit',
      { type: 'tessera:request-submit' },
      { type: 'something-else', answers: { a: 'b' } },
      { type: 'tessera:submit' },
      { type: 'tessera:submit', answers: ['a'] },
      { type: 'tessera:submit', answers: { count: 3 } },
      { type: 'tessera:submit', answers: { list: ['a', 1] } },
      { type: 'tessera:submit', answers: { nested: { a: 'b' } } },
    ]) {
      expect(answersFromFrameMessage(data)).toBeNull();
    }
  });

  it('keeps a field named __proto__ as an answer, not as a prototype', () => {
    const answers = answersFromFrameMessage({
      type: 'tessera:submit',
      answers: JSON.parse('{"__proto__": ["x"]}') as unknown,
    });
    expect(Object.getPrototypeOf(answers)).toBe(Object.prototype);
    expect(Object.keys(answers ?? {})).toEqual(['__proto__']);
  });
});
