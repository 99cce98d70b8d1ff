import { describe, expect, it } from 'vitest';
import { cellProblems, cellRulesOf } from './cell-rules.js';

const row = (cells: Record<string, string>) => (column: string) => cells[column] ?? '';

describe('cellRulesOf', () => {
  it('asks for web addresses where a form shows media or a link from a column', () => {
    const rules = cellRulesOf({
      kind: 'form',
      items: [
        { type: 'instructions', name: 'intro', label: '', text: 'About {{title}}' },
        { type: 'image', name: 'photo', label: '', url: '{{ image_url }}' },
        { type: 'video', name: 'clip', label: '', url: 'https://cdn.example.com/{{id}}.mp4' },
        { type: 'link', name: 'more', label: '', url: '{{page}}' },
      ],
    });
    expect(rules).toEqual([
      { kind: 'url', column: 'image_url', usedBy: 'the image "photo"' },
      {
        kind: 'url_template',
        columns: ['id'],
        url: 'https://cdn.example.com/{{id}}.mp4',
        usedBy: 'the video "clip"',
      },
      { kind: 'url', column: 'page', usedBy: 'the link "more"' },
    ]);
    expect(
      cellProblems(
        rules,
        row({ image_url: 'https://a.example/x.png', id: '7', page: 'http://b.example' }),
      ),
    ).toEqual([]);
    expect(
      cellProblems(rules, row({ image_url: 'not-a-url', id: '7', page: 'javascript:alert(1)' })),
    ).toMatchObject([
      {
        column: 'image_url',
        value: 'not-a-url',
        message: '"not-a-url" is not a web address (http:// or https://)',
      },
      { column: 'page', value: 'javascript:alert(1)' },
    ]);
  });

  it('asks for web addresses in HTML src/href and numbers in number attributes', () => {
    const rules = cellRulesOf({
      kind: 'html',
      html: '<img src="${img}" alt="${title}"><a href=\'${link}\'>x</a><input type="range" max="${top}"><p>${img}</p>',
    });
    expect(rules.map((r) => [r.kind, 'column' in r ? r.column : ''])).toEqual([
      ['url', 'img'],
      ['url', 'link'],
      ['number', 'top'],
    ]);
    expect(
      cellProblems(
        rules,
        row({ img: 'https://x.example/a', link: 'https://y.example', top: '-2.5' }),
      ),
    ).toEqual([]);
    expect(
      cellProblems(
        rules,
        row({ img: 'https://x.example/a', link: 'https://y.example', top: 'ten' }),
      ),
    ).toMatchObject([
      {
        column: 'top',
        expected: 'a number',
        message: '"ten" is not a number (the max attribute needs one)',
      },
    ]);
  });

  it('has no rules where a column is only text', () => {
    expect(
      cellRulesOf({ kind: 'html', html: '<img src="https://x/${id}.png"><p>${id}</p>' }),
    ).toEqual([]);
  });
});
