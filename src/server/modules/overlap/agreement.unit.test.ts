import { describe, expect, it } from 'vitest';
import type { Template } from '../../../shared/templates/index.js';
import { disagreement } from './agreement.js';

const template = {
  kind: 'form',
  items: [
    {
      type: 'single_choice',
      name: 'animal',
      label: 'Animal?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
    {
      type: 'multiple_choice',
      name: 'tags',
      label: 'Tags',
      required: false,
      options: [
        { value: 'cute', label: 'Cute' },
        { value: 'big', label: 'Big' },
      ],
    },
    { type: 'text', name: 'note', label: 'Note', required: false },
  ],
} as unknown as Template;

describe('agreement of a task’s answers', () => {
  it('is the share of answers equal to the most common one, per choice-like item', () => {
    const answers = [{ animal: 'yes' }, { animal: 'yes' }, { animal: 'no' }];
    // 2 of 3 = 66.67 %: below 70, not below 66.
    expect(disagreement(template, answers, 70)).toEqual({
      item: 'animal',
      agreementPercent: (100 * 2) / 3,
    });
    expect(disagreement(template, answers, 66)).toBeNull();
  });

  it('names the item that agrees least, counting each multiple-choice option as an item', () => {
    const answers = [
      { animal: 'yes', tags: ['cute'] },
      { animal: 'yes', tags: ['big'] },
      { animal: 'yes', tags: ['cute', 'big'] },
      { animal: 'no', tags: [] },
    ];
    // animal 3/4 = 75 %, tags.cute 2/4 = 50 %, tags.big 2/4 = 50 %.
    expect(disagreement(template, answers, 80)).toEqual({
      item: 'tags.cute',
      agreementPercent: 50,
    });
    expect(disagreement(template, answers, 50)).toBeNull();
  });

  it('ignores unanswered items, text answers and templates without a choice-like item', () => {
    expect(disagreement(template, [{ note: 'a' }, { note: 'b' }], 100)).toBeNull();
    const textOnly = {
      kind: 'form',
      items: [{ type: 'text', name: 'note', label: 'Note', required: true }],
    } as unknown as Template;
    expect(disagreement(textOnly, [{ note: 'a' }, { note: 'b' }], 100)).toBeNull();
    expect(disagreement(template, [], 100)).toBeNull();
  });

  it('needs every answer equal at 100 %', () => {
    expect(disagreement(template, [{ animal: 'no' }, { animal: 'no' }], 100)).toBeNull();
    expect(disagreement(template, [{ animal: 'no' }, { animal: 'yes' }], 100)).toEqual({
      item: 'animal',
      agreementPercent: 50,
    });
  });
});
