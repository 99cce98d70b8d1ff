import { describe, expect, it } from 'vitest';
import { FORM_ITEM_TYPES, templateSchema } from '../../../shared/templates/index.js';
import {
  canonicalJson,
  createItem,
  groupTemplateIssues,
  isTemplateChanged,
  issueCount,
  itemTitle,
  moveItem,
  sampleRowFor,
  starterTemplate,
  templateIssuesFromDetails,
  uniqueItemName,
} from './designer-model.js';

describe('createItem', () => {
  it('makes a valid item of every type, each with a fresh name', () => {
    const taken: string[] = [];
    const items = FORM_ITEM_TYPES.map((type) => {
      const item = createItem(type, taken);
      taken.push(item.name);
      return item;
    });
    expect(new Set(taken).size).toBe(FORM_ITEM_TYPES.length);
    expect(templateSchema.safeParse({ kind: 'form', items }).success).toBe(true);
  });

  it('never reuses a taken name', () => {
    expect(uniqueItemName('answer', ['answer_1', 'answer_2'])).toBe('answer_3');
    expect(createItem('text', ['answer_1']).name).toBe('answer_2');
  });
});

describe('moveItem', () => {
  it('moves up and down and stays put at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('template issues', () => {
  it('files server paths under the right item and field', () => {
    const grouped = groupTemplateIssues([
      { path: 'body.template.items.2.options', message: 'must list at least one option' },
      { path: 'body.template.items.2.options', message: 'a second message is dropped' },
      { path: 'body.template.items.0.options.1.value', message: 'repeats the value "a"' },
      { path: 'body.template.html', message: 'must not be empty' },
      { path: 'items.3.name', message: 'repeats the name' },
    ]);
    expect(grouped.items).toEqual({
      2: { options: 'must list at least one option' },
      0: { 'options.1.value': 'repeats the value "a"' },
      3: { name: 'repeats the name' },
    });
    expect(grouped.general).toEqual({ html: 'must not be empty' });
    expect(issueCount(grouped)).toBe(4);
  });

  it('keeps only the template issues of an API error', () => {
    expect(
      templateIssuesFromDetails([
        { path: 'body.title', message: 'x' },
        { path: 'body.template.items.1.label', message: 'y' },
        'junk',
      ]),
    ).toEqual([{ path: 'body.template.items.1.label', message: 'y' }]);
    expect(templateIssuesFromDetails({ line: 3 })).toEqual([]);
  });
});

describe('starter templates and samples', () => {
  it('starts both kinds valid', () => {
    expect(templateSchema.safeParse(starterTemplate('form')).success).toBe(true);
    expect(templateSchema.safeParse(starterTemplate('html')).success).toBe(true);
  });

  it('fills every placeholder, keeping typed values', () => {
    expect(sampleRowFor(['a', 'b'], { a: 'x', c: 'gone' })).toEqual({ a: 'x', b: '' });
  });
});

describe('isTemplateChanged', () => {
  const saved = templateSchema.parse({
    kind: 'form',
    items: [{ type: 'text', name: 'a', label: 'A', required: true }],
  });

  it('ignores key order and the defaults the API fills in', () => {
    expect(
      isTemplateChanged(
        {
          kind: 'form',
          items: [{ required: true, label: 'A', name: 'a', type: 'text', help: undefined }],
        },
        saved,
      ),
    ).toBe(false);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
  });

  it('notices real changes and drafts that would not save', () => {
    expect(
      isTemplateChanged(
        { kind: 'form', items: [{ type: 'text', name: 'a', label: 'B', required: true }] },
        saved,
      ),
    ).toBe(true);
    expect(
      isTemplateChanged(
        { kind: 'form', items: [{ type: 'text', name: '1bad', label: 'A', required: true }] },
        saved,
      ),
    ).toBe(true);
  });
});

describe('itemTitle', () => {
  it('uses the label, else the first line of the text without Markdown marks, else the type', () => {
    expect(itemTitle({ type: 'text', name: 'a', label: 'Your answer', required: false })).toBe(
      'Your answer',
    );
    expect(
      itemTitle({
        type: 'instructions',
        name: 'i',
        label: '',
        text: '\n## Read **{{clip_id}}** `now`\nmore',
      }),
    ).toBe('Read {{clip_id}} now');
    expect(itemTitle({ type: 'audio', name: 'a', label: ' ', url: '{{u}}' })).toBe('Audio');
  });
});
