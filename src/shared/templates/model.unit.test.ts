import { describe, expect, it } from 'vitest';
import { TEMPLATE_LIMITS, templateSchema, type TemplateInput } from './model.js';
import { placeholdersOf } from './fill.js';

function issues(input: unknown) {
  const result = templateSchema.safeParse(input);
  return result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const everyItem: TemplateInput = {
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Look at **{{ title }}**.' },
    { type: 'text', name: 'caption', label: 'Caption for {{id}}', required: true, maxLength: 80 },
    { type: 'textarea', name: 'notes', label: 'Notes', rows: 4 },
    { type: 'number', name: 'count', label: 'How many?', min: 0, max: 100, step: 1 },
    {
      type: 'single_choice',
      name: 'sentiment',
      label: 'Sentiment',
      options: [
        { value: 'pos', label: 'Positive' },
        { value: 'neg', label: 'Negative about {{topic}}' },
      ],
    },
    {
      type: 'multiple_choice',
      name: 'tags',
      label: 'Tags',
      options: [{ value: 'a', label: 'A' }],
      maxSelected: 1,
    },
    {
      type: 'dropdown',
      name: 'country',
      label: 'Country',
      options: [{ value: 'de', label: 'DE' }],
    },
    { type: 'rating', name: 'quality', label: 'Quality', max: 7 },
    { type: 'image', name: 'photo', url: '{{image_url}}', alt: 'Photo {{id}}' },
    { type: 'audio', name: 'clip', url: 'https://cdn.example.com/{{id}}.mp3' },
    { type: 'video', name: 'movie', url: 'https://cdn.example.com/v.mp4' },
    { type: 'link', name: 'source', url: '{{ source }}', text: 'Source' },
  ],
};

describe('template model', () => {
  it('accepts every item type with its settings, and defaults required to false', () => {
    const parsed = templateSchema.parse(everyItem);
    expect(parsed.kind).toBe('form');
    if (parsed.kind !== 'form') return;
    expect(parsed.items.map((i) => i.type)).toEqual([
      'instructions',
      'text',
      'textarea',
      'number',
      'single_choice',
      'multiple_choice',
      'dropdown',
      'rating',
      'image',
      'audio',
      'video',
      'link',
    ]);
    expect(parsed.items[2]).toMatchObject({ required: false, label: 'Notes' });
  });

  it('lists the placeholders of form texts, once each, in order', () => {
    expect(placeholdersOf(templateSchema.parse(everyItem))).toEqual([
      'title',
      'id',
      'topic',
      'image_url',
      'source',
    ]);
  });

  it('lists ${column} placeholders of an html template and ignores other dollar signs', () => {
    const html = '<p>${a} costs $5 ${ b } ${a} ${c.d-e}</p><script>var x = `${1+1}`</script>';
    expect(placeholdersOf({ kind: 'html', html })).toEqual(['a', 'c.d-e']);
  });

  it.each([
    [{ kind: 'form', items: [{ type: 'slider', name: 'x' }] }, 'items.0.type'],
    [{ kind: 'form', items: [{ type: 'text', name: '1bad' }] }, 'items.0.name'],
    [{ kind: 'form', items: [{ type: 'text', name: 'has space' }] }, 'items.0.name'],
    [{ kind: 'form', items: [{ type: 'text', name: 'a'.repeat(65) }] }, 'items.0.name'],
    [
      {
        kind: 'form',
        items: [
          { type: 'text', name: 'x' },
          { type: 'number', name: 'x' },
        ],
      },
      'items.1.name',
    ],
    [
      { kind: 'form', items: [{ type: 'text', name: 'x', minLength: 5, maxLength: 2 }] },
      'items.0.minLength',
    ],
    [{ kind: 'form', items: [{ type: 'text', name: 'x', maxLength: 5000 }] }, 'items.0.maxLength'],
    [{ kind: 'form', items: [{ type: 'text', name: 'x', pattern: '([a-z' }] }, 'items.0.pattern'],
    [{ kind: 'form', items: [{ type: 'text', name: 'x', pattern: '(a+)+' }] }, 'items.0.pattern'],
    [{ kind: 'form', items: [{ type: 'text', name: 'x', unknown: 1 }] }, 'items.0'],
    [{ kind: 'form', items: [{ type: 'number', name: 'x', min: 5, max: 1 }] }, 'items.0.min'],
    [{ kind: 'form', items: [{ type: 'number', name: 'x', step: 0 }] }, 'items.0.step'],
    [
      { kind: 'form', items: [{ type: 'single_choice', name: 'x', options: [] }] },
      'items.0.options',
    ],
    [
      {
        kind: 'form',
        items: [
          {
            type: 'dropdown',
            name: 'x',
            options: [
              { value: 'a', label: 'A' },
              { value: 'a', label: 'B' },
            ],
          },
        ],
      },
      'items.0.options.1.value',
    ],
    [
      {
        kind: 'form',
        items: [{ type: 'single_choice', name: 'x', options: [{ value: '', label: 'A' }] }],
      },
      'items.0.options.0.value',
    ],
    [
      {
        kind: 'form',
        items: [
          {
            type: 'multiple_choice',
            name: 'x',
            options: [{ value: 'a', label: 'A' }],
            minSelected: 2,
          },
        ],
      },
      'items.0.minSelected',
    ],
    [{ kind: 'form', items: [{ type: 'rating', name: 'x', max: 1 }] }, 'items.0.max'],
    [{ kind: 'form', items: [{ type: 'rating', name: 'x', max: 11 }] }, 'items.0.max'],
    [
      { kind: 'form', items: [{ type: 'image', name: 'x', url: 'javascript:alert(1)' }] },
      'items.0.url',
    ],
    [{ kind: 'form', items: [{ type: 'link', name: 'x', url: 'not a url' }] }, 'items.0.url'],
    [{ kind: 'form', items: [{ type: 'instructions', name: 'x', text: '' }] }, 'items.0.text'],
    [
      { kind: 'form', items: [{ type: 'text', name: 'x', label: 'l'.repeat(1001) }] },
      'items.0.label',
    ],
    [{ kind: 'html', html: '' }, 'html'],
    [{ kind: 'html', html: 'é'.repeat(TEMPLATE_LIMITS.htmlBytes / 2 + 1) }, 'html'],
    [{ kind: 'markdown', text: 'x' }, 'kind'],
  ])('rejects %j at %s', (input, path) => {
    const found = issues(input);
    expect(found.length).toBeGreaterThan(0);
    expect(found.map((i) => i.path)).toContain(path);
  });

  it('limits the number of items', () => {
    const items = Array.from({ length: TEMPLATE_LIMITS.items + 1 }, (_, i) => ({
      type: 'text',
      name: `q${i}`,
    }));
    expect(issues({ kind: 'form', items }).map((i) => i.path)).toEqual(['items']);
    expect(issues({ kind: 'form', items: items.slice(1) })).toEqual([]);
  });

  it('accepts an html template right at the size limit', () => {
    expect(issues({ kind: 'html', html: 'x'.repeat(TEMPLATE_LIMITS.htmlBytes) })).toEqual([]);
  });
});
