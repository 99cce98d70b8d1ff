import { describe, expect, it } from 'vitest';
import type { Template } from '../../../shared/templates/index.js';
import { FORM_ITEM_TYPES, templateSchema } from '../../../shared/templates/index.js';
import {
  addOption,
  canonicalJson,
  changedOptionValues,
  type ChoiceOption,
  followLabel,
  optionValueIssues,
  optionValueProblem,
  relabelOption,
  setOptionValue,
  valueFollowsLabel,
  valueFromLabel,
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

describe('option values while a project is a draft', () => {
  const YES_NO: ChoiceOption[] = [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ];

  /** Types `label` into option `index` one key at a time, as a requester would. */
  const type = (options: ChoiceOption[], index: number, label: string, follow = true) => {
    let current = relabelOption(options, index, '', follow);
    for (let n = 1; n <= label.length; n++)
      current = relabelOption(current, index, label.slice(0, n), follow);
    return current;
  };

  it('follow renamed labels, so Yes/No → Positive/Negative plus Mixed records what they say', () => {
    let options = type(YES_NO, 0, 'Positive');
    options = type(options, 1, 'Negative');
    options = addOption(options);
    expect(options[2]).toEqual({ value: 'option_3', label: 'Option 3' });
    options = type(options, 2, 'Mixed');
    expect(options).toEqual([
      { value: 'positive', label: 'Positive' },
      { value: 'negative', label: 'Negative' },
      { value: 'mixed', label: 'Mixed' },
    ]);
    expect(optionValueIssues(formWith(options))).toEqual([]);
  });

  it('become plain, unique identifiers', () => {
    expect(valueFromLabel('Très bien!  (5/5)')).toBe('tres_bien_5_5');
    expect(valueFromLabel('🙂')).toBe('option');
    expect(valueFromLabel('x'.repeat(100))).toHaveLength(64);
    const same = type(type(YES_NO, 0, 'Good'), 1, 'Good');
    expect(same.map((o) => o.value)).toEqual(['good', 'good_2']);
    // A numbered value still follows its label.
    expect(type(same, 1, 'Bad')[1]).toEqual({ value: 'bad', label: 'Bad' });
  });

  it('stop following once typed by hand, and can be set to follow again', () => {
    let options = setOptionValue(YES_NO, 0, 'Y');
    options = type(options, 0, 'Positive');
    expect(options[0]).toEqual({ value: 'Y', label: 'Positive' });
    expect(valueFollowsLabel(options[0]!)).toBe(false);
    expect(followLabel(options, 0)[0]).toEqual({ value: 'positive', label: 'Positive' });
  });

  it('stay as they are after publishing, where only a confirmed change may replace them', () => {
    const options = type(YES_NO, 0, 'Positive', false);
    expect(options[0]).toEqual({ value: 'yes', label: 'Positive' });
    const saved = formWith(YES_NO);
    expect(changedOptionValues(saved, formWith(options))).toEqual([]);
    expect(changedOptionValues(saved, formWith(setOptionValue(options, 0, 'positive')))).toEqual([
      { item: 'pick', from: 'yes', to: 'positive' },
    ]);
  });

  it('explain what is wrong with a value', () => {
    expect(optionValueProblem(setOptionValue(YES_NO, 1, ''), 1)).toMatch(/Enter a value/);
    expect(optionValueProblem(setOptionValue(YES_NO, 1, 'yes'), 1)).toBe(
      'Option 1 already records "yes"; each option needs its own value',
    );
    expect(optionValueProblem(setOptionValue(YES_NO, 1, ' no'), 1)).toMatch(/spaces/);
    expect(optionValueIssues(formWith(setOptionValue(YES_NO, 1, 'yes')))).toEqual([
      { path: 'items.0.options.1.value', message: expect.stringContaining('already records') },
    ]);
  });
});

function formWith(options: ChoiceOption[]): Template {
  return {
    kind: 'form',
    items: [{ type: 'single_choice', name: 'pick', label: 'Pick', required: true, options }],
  };
}
