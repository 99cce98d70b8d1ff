import { describe, expect, it } from 'vitest';
import { templateSchema, type TemplateInput } from '../../../../shared/templates/index.js';
import { resultsUrl } from '../../../api/results.js';
import {
  describeBulkResult,
  formatTimeSpent,
  newIdempotencyKey,
  readableAnswers,
  reversal,
  reviewViewFrom,
  reviewViewParams,
  selectableIds,
} from './review-model.js';

const template = (input: TemplateInput) => templateSchema.parse(input);

const FORM = template({
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Look at **{{product}}**.' },
    {
      type: 'single_choice',
      name: 'shown',
      label: 'Does the photo show a {{product}}?',
      options: [
        { value: 'yes', label: 'Yes, clearly' },
        { value: 'no', label: 'No' },
      ],
    },
    {
      type: 'multiple_choice',
      name: 'flaws',
      label: 'Flaws',
      options: [
        { value: 'blur', label: 'Blurry' },
        { value: 'dark', label: 'Too dark' },
      ],
    },
    { type: 'rating', name: 'quality', label: 'Quality', max: 5 },
    { type: 'text', name: 'note', label: '' },
  ],
});

describe('readableAnswers', () => {
  it('reads a form in order, with questions filled and option labels', () => {
    const lines = readableAnswers(
      FORM,
      { product: 'kettle' },
      { shown: 'yes', flaws: ['blur', 'dark'], quality: 4 },
    );
    expect(lines).toEqual([
      { name: 'shown', label: 'Does the photo show a kettle?', value: 'Yes, clearly' },
      { name: 'flaws', label: 'Flaws', value: 'Blurry, Too dark' },
      { name: 'quality', label: 'Quality', value: '4 of 5' },
      // A question without a label is named by its item name; unanswered reads as null.
      { name: 'note', label: 'note', value: null },
    ]);
  });

  it('keeps answers the template does not know, and reads HTML forms by field name', () => {
    expect(readableAnswers(FORM, {}, { shown: 'no', old_item: 'kept' }).slice(-1)).toEqual([
      { name: 'old_item', label: 'old_item', value: 'kept' },
    ]);
    const html = template({ kind: 'html', html: '<p>${word}</p>' });
    expect(readableAnswers(html, { word: 'apple' }, { answer: 'fruit', tags: ['a', 'b'] })).toEqual(
      [
        { name: 'answer', label: 'answer', value: 'fruit' },
        { name: 'tags', label: 'tags', value: 'a, b' },
      ],
    );
    expect(readableAnswers(html, {}, null)).toEqual([]);
  });

  it("reads crowd-form's taskAnswers as one line per answer, and keeps malformed JSON as text", () => {
    const html = template({ kind: 'html', html: '<crowd-form></crowd-form>' });
    const taskAnswers = JSON.stringify([
      { sentiment: { label: 'Positive' }, agree: { on: true }, comment: '', score: 7 },
    ]);
    expect(readableAnswers(html, {}, { taskAnswers })).toEqual([
      { name: 'taskAnswers.sentiment.label', label: 'sentiment.label', value: 'Positive' },
      { name: 'taskAnswers.agree.on', label: 'agree.on', value: 'yes' },
      { name: 'taskAnswers.comment', label: 'comment', value: null },
      { name: 'taskAnswers.score', label: 'score', value: '7' },
    ]);
    expect(readableAnswers(html, {}, { taskAnswers: '{broken' })).toEqual([
      { name: 'taskAnswers', label: 'taskAnswers', value: '{broken' },
    ]);
  });
});

describe('formatTimeSpent', () => {
  it('reads seconds, minutes and hours', () => {
    expect(formatTimeSpent(0)).toBe('0 s');
    expect(formatTimeSpent(45)).toBe('45 s');
    expect(formatTimeSpent(60)).toBe('1 min');
    expect(formatTimeSpent(125)).toBe('2 min 5 s');
    expect(formatTimeSpent(3600)).toBe('1 h');
    expect(formatTimeSpent(3780)).toBe('1 h 3 min');
  });
});

describe('reversal', () => {
  const now = new Date('2026-05-10T12:00:00Z');
  it('is open until the window ends, and closed after', () => {
    expect(reversal({ status: 'rejected', reversibleUntil: '2026-05-10T12:00:01Z' }, now)).toEqual({
      open: true,
      until: '2026-05-10T12:00:01Z',
    });
    expect(reversal({ status: 'rejected', reversibleUntil: '2026-05-10T12:00:00Z' }, now)).toEqual({
      open: false,
      until: '2026-05-10T12:00:00Z',
    });
  });
  it('does not apply to work that is not rejected', () => {
    expect(reversal({ status: 'approved', reversibleUntil: '2026-06-01T00:00:00Z' }, now)).toBe(
      null,
    );
  });
});

describe('selectableIds', () => {
  it('offers only submitted work for bulk review', () => {
    expect(
      selectableIds([
        { id: 'a', status: 'submitted' },
        { id: 'b', status: 'approved' },
        { id: 'c', status: 'submitted' },
        { id: 'd', status: 'accepted' },
      ]),
    ).toEqual(['a', 'c']);
  });
});

describe('newIdempotencyKey', () => {
  it('is printable ASCII without spaces, and different each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(/^web-[0-9a-f]{32}$/);
    expect(newIdempotencyKey()).not.toBe(a);
  });
  it('needs only getRandomValues (plain-HTTP sites have no randomUUID)', () => {
    const fixed = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => a };
    expect(newIdempotencyKey(fixed as Pick<Crypto, 'getRandomValues'>)).toBe(
      `web-${'00'.repeat(16)}`,
    );
  });
});

describe('review view in the address', () => {
  it('shows work waiting for review unless the address says otherwise', () => {
    expect(reviewViewFrom(new URLSearchParams())).toEqual({
      status: 'submitted',
      batchId: undefined,
      workerId: undefined,
    });
    expect(reviewViewFrom(new URLSearchParams('status=all&batch=b1&worker=w1'))).toEqual({
      status: undefined,
      batchId: 'b1',
      workerId: 'w1',
    });
    expect(reviewViewFrom(new URLSearchParams('status=nonsense')).status).toBe('submitted');
  });
  it('round-trips, leaving the defaults out', () => {
    for (const query of ['', 'status=all', 'status=rejected&batch=b&worker=w']) {
      expect(reviewViewParams(reviewViewFrom(new URLSearchParams(query))).toString()).toBe(query);
    }
  });
});

describe('describeBulkResult', () => {
  it('says how many changed and why the others did not', () => {
    expect(describeBulkResult({ action: 'approve', changed: 1, unchanged: [] })).toBe(
      'Approved 1 submission.',
    );
    expect(
      describeBulkResult({
        action: 'reject',
        changed: 2,
        unchanged: [
          { id: 'a', status: 'approved' },
          { id: 'b', status: 'rejected' },
          { id: 'c', status: 'not_found' },
        ],
      }),
    ).toBe('Rejected 2 submissions. 2 were already reviewed; 1 was no longer waiting for review.');
  });
});

describe('resultsUrl', () => {
  it('links the streamed file with its filters', () => {
    expect(resultsUrl('p 1', 'csv', { statuses: [] })).toBe('/api/v1/projects/p%201/results.csv');
    expect(resultsUrl('p1', 'json', { statuses: ['approved', 'rejected'], batchId: 'b1' })).toBe(
      '/api/v1/projects/p1/results.json?status=approved%2Crejected&batchId=b1',
    );
  });
});
