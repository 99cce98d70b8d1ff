import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillFormTemplate, fillHtmlTemplate, safeUrl } from './fill.js';
import { formTemplateSchema } from './model.js';

describe('filling an html template', () => {
  it('replaces each ${column} with the escaped value and a missing column with nothing', () => {
    const html = '<img src="${url}" alt=\'${alt}\'><p>${text}</p><p>${missing}</p>';
    expect(
      fillHtmlTemplate(html, { url: 'https://x/a.png?a=1&b=2', alt: "it's", text: '<b>hi</b>' }),
    ).toBe(
      '<img src="https://x/a.png?a=1&amp;b=2" alt=\'it&#39;s\'><p>&lt;b&gt;hi&lt;/b&gt;</p><p></p>',
    );
  });

  it('never lets markup through a value, whatever the value', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: 'binary' }), (a, b) => {
        const filled = fillHtmlTemplate('<p title="${a}">${b}</p>', { a, b });
        // Only the template's own markup survives: two tags, two attribute quotes.
        expect(filled.match(/</g)).toHaveLength(2);
        expect(filled.match(/>/g)).toHaveLength(2);
        expect(filled.match(/"/g)).toHaveLength(2);
        expect(filled).not.toMatch(/['`]/);
      }),
    );
  });

  it('does not expand placeholders found inside values', () => {
    expect(fillHtmlTemplate('${a}|${b}', { a: '${b}', b: 'x' })).toBe('${b}|x');
  });
});

describe('filling a form template', () => {
  const template = formTemplateSchema.parse({
    kind: 'form',
    items: [
      { type: 'instructions', name: 'intro', text: 'Rate **{{name}}**' },
      {
        type: 'single_choice',
        name: 'pick',
        label: 'Is {{name}} a {{kind}}?',
        options: [{ value: 'yes', label: 'Yes, a {{kind}}' }],
      },
      { type: 'image', name: 'img', url: '{{image}}', alt: '{{name}}' },
      { type: 'link', name: 'more', url: 'https://example.com/{{id}}', text: 'More' },
    ],
  });

  it('fills texts as plain text and escapes Markdown in instructions', () => {
    const filled = fillFormTemplate(template, {
      name: '<i>*Bob*</i>',
      kind: 'cat',
      image: 'https://img.example.com/1.png',
      id: '42',
    });
    expect(filled.items[0]).toMatchObject({ text: 'Rate **\\<i\\>\\*Bob\\*\\<\\/i\\>**' });
    expect(filled.items[1]).toMatchObject({
      label: 'Is <i>*Bob*</i> a cat?',
      options: [{ value: 'yes', label: 'Yes, a cat' }],
    });
    expect(filled.items[2]).toMatchObject({
      url: 'https://img.example.com/1.png',
      alt: '<i>*Bob*</i>',
    });
    expect(filled.items[3]).toMatchObject({ url: 'https://example.com/42' });
  });

  it('drops an address the data turns into something other than http(s)', () => {
    const filled = fillFormTemplate(template, { image: 'javascript:alert(1)', id: '1' });
    expect(filled.items[2]).toMatchObject({ url: null });
    expect(safeUrl('data:text/html,hi')).toBeNull();
    expect(safeUrl(' http://example.com ')).toBe('http://example.com/');
  });

  it('does not change the template it fills', () => {
    const before = JSON.stringify(template);
    fillFormTemplate(template, { name: 'x' });
    expect(JSON.stringify(template)).toBe(before);
  });
});
