import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';

describe('escapeHtml', () => {
  it('leaves no character that could open a tag or close an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>\`&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&#96;&amp;&lt;/a&gt;',
    );
  });

  it('escapes reversibly: decoding the entities gives the value back', () => {
    const decode = (s: string) =>
      s
        .replaceAll('&lt;', '<')
        .replaceAll('&gt;', '>')
        .replaceAll('&quot;', '"')
        .replaceAll('&#39;', "'")
        .replaceAll('&#96;', '`')
        .replaceAll('&amp;', '&');
    fc.assert(fc.property(fc.string(), (value) => decode(escapeHtml(value)) === value));
  });
});
