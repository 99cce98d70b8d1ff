import { describe, expect, it } from 'vitest';
import { fileSlug } from './results.format.js';

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
