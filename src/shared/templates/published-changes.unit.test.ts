import { describe, expect, it } from 'vitest';
import type { Template } from './model.js';
import { publishedTemplateChange } from './published-changes.js';

const form = (options: { value: string; label: string }[], required = true): Template => ({
  kind: 'form',
  items: [
    { type: 'text', name: 'note', label: 'Note', required: false },
    { type: 'dropdown', name: 'tone', label: 'Tone', required, options },
  ],
});

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

describe('publishedTemplateChange', () => {
  it('sees no change when only key order differs', () => {
    const reordered = JSON.parse(
      '{"items":[{"required":false,"label":"Note","name":"note","type":"text"},{"options":[{"label":"Yes","value":"yes"},{"label":"No","value":"no"}],"required":true,"label":"Tone","name":"tone","type":"dropdown"}],"kind":"form"}',
    ) as Template;
    expect(publishedTemplateChange(form(YES_NO), reordered)).toEqual({ kind: 'none' });
  });

  it('lets labels be reworded without value changes', () => {
    const reworded = form([
      { value: 'yes', label: 'Yes, certainly' },
      { value: 'no', label: 'No' },
    ]);
    expect(publishedTemplateChange(form(YES_NO), reworded)).toEqual({
      kind: 'options',
      valueChanges: [],
    });
  });

  it('lists every changed value by item and position', () => {
    const renamed = form([
      { value: 'positive', label: 'Positive' },
      { value: 'no', label: 'No' },
    ]);
    expect(publishedTemplateChange(form(YES_NO), renamed)).toEqual({
      kind: 'options',
      valueChanges: [{ item: 'tone', from: 'yes', to: 'positive' }],
    });
  });

  it('calls anything else a change of structure', () => {
    const current = form(YES_NO);
    for (const wanted of [
      form([...YES_NO, { value: 'mixed', label: 'Mixed' }]),
      form(YES_NO.slice(0, 1)),
      form(YES_NO, false),
      { kind: 'form', items: [] },
      { kind: 'html', html: '<input name="x">' },
    ] as Template[]) {
      expect(publishedTemplateChange(current, wanted)).toEqual({ kind: 'structure' });
    }
    const html: Template = { kind: 'html', html: '<input name="a">' };
    expect(publishedTemplateChange(html, { kind: 'html', html: '<input name="b">' })).toEqual({
      kind: 'structure',
    });
  });
});
