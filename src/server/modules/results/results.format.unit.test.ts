import { describe, expect, it } from 'vitest';
import { answerCell, fileSlug } from './results.format.js';

describe('fileSlug', () => {
  it('keeps ASCII letters and digits, folds accents and joins the rest with dashes', () => {
    expect(fileSlug('Évaluer: "animals" / 2026!')).toBe('evaluer-animals-2026');
    expect(fileSlug('  Caption   photos  ')).toBe('caption-photos');
    expect(fileSlug('a\r\nContent-Type: text/html')).toBe('a-content-type-text-html');
  });

  it('falls back to "project" when nothing is left, and stays short', () => {
    expect(fileSlug('日本語のタイトル')).toBe('project');
    expect(fileSlug('---')).toBe('project');
    const long = fileSlug(`${'word '.repeat(30)}end`);
    expect(long.length).toBeLessThanOrEqual(60);
    expect(long.endsWith('-')).toBe(false);
  });
});

describe('answerCell', () => {
  const taskAnswers = JSON.stringify([
    {
      vehicles: {
        inputImageProperties: { height: 10, width: 20 },
        boundingBoxes: [{ label: 'car', left: 1, top: 2, width: 3, height: 4 }],
      },
      lighting: { label: 'Daylight' },
    },
  ]);

  it("keeps MTurk's whole taskAnswers JSON and gives each crowd element its own JSON cell", () => {
    expect(answerCell({ taskAnswers }, 'taskAnswers')).toBe(taskAnswers);
    expect(answerCell({ taskAnswers }, 'taskAnswers.lighting')).toBe('{"label":"Daylight"}');
    expect(JSON.parse(String(answerCell({ taskAnswers }, 'taskAnswers.vehicles')))).toEqual({
      inputImageProperties: { height: 10, width: 20 },
      boundingBoxes: [{ label: 'car', left: 1, top: 2, width: 3, height: 4 }],
    });
  });

  it('is empty for an element the worker did not answer or a taskAnswers that is not JSON', () => {
    expect(answerCell({ taskAnswers }, 'taskAnswers.missing')).toBe('');
    expect(answerCell({ taskAnswers: '{broken' }, 'taskAnswers.lighting')).toBe('');
    expect(answerCell({ other: 'x' }, 'other')).toBe('x');
  });
});
