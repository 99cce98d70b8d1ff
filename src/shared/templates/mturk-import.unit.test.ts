import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_LIMITS } from './model.js';
import {
  analyseMturkTemplate,
  INLINE_DATA_MAX_BYTES,
  SUPPORTED_CROWD_ELEMENTS,
} from './mturk-import.js';

const codes = (html: string) => analyseMturkTemplate(html).problems.map((p) => p.code);

describe('analyseMturkTemplate', () => {
  it('reads an MTurk template: placeholders, columns, elements, the Amazon script', () => {
    const analysis =
      analyseMturkTemplate(`<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<style>.big { font-size: 2em }</style>
<crowd-form answer-format="flatten-objects">
  <crowd-bounding-box name="box" src="\${image_url}" labels="['car']" header="\${prompt}"></crowd-bounding-box>
  <p class="big">\${prompt}</p>
  <crowd-input name="count" max-length="\${limit}"></crowd-input>
  <script>document.querySelector('crowd-form').onsubmit = () => true;</script>
</crowd-form>`);
    expect(analysis.placeholders).toEqual([
      { name: 'image_url', count: 1 },
      { name: 'prompt', count: 2 },
      { name: 'limit', count: 1 },
    ]);
    expect(analysis.columns).toEqual([
      { name: 'image_url', holds: 'a web address (http:// or https://)' },
      { name: 'prompt', holds: null },
      { name: 'limit', holds: null },
    ]);
    expect(analysis.crowdElements).toEqual(['crowd-form', 'crowd-bounding-box', 'crowd-input']);
    expect(analysis.usesAmazonScript).toBe(true);
    expect(analysis.problems).toEqual([]);
    expect(analysis.importable).toBe(true);
  });

  it('names what Tessera cannot run, each in its own words, and still imports', () => {
    const analysis =
      analyseMturkTemplate(`<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<form action="https://survey.example.com/collect" method="post"><input name="a"></form>
<iframe src="https://maps.example.com/embed"></iframe>
<crowd-video-classifier name="v"></crowd-video-classifier>
<crowd-video-classifier name="w"></crowd-video-classifier>`);
    expect(analysis.problems.map((p) => p.code)).toEqual([
      'external_script',
      'external_stylesheet',
      'external_form_action',
      'external_iframe',
      'unknown_crowd_element',
    ]);
    expect(analysis.problems[0]?.message).toContain('https://code.jquery.com/jquery-3.7.1.min.js');
    expect(analysis.problems[2]?.message).toContain('https://survey.example.com/collect');
    expect(analysis.problems[4]?.message).toContain('<crowd-video-classifier>');
    expect(analysis.importable).toBe(true);
  });

  it("accepts MTurk's own externalSubmit action and addresses filled from the data", () => {
    expect(
      codes(`<form action="https://www.mturk.com/mturk/externalSubmit" method="post">
<img src="\${photo}"><iframe src="\${page_url}"></iframe><script src="/local.js"></script></form>`),
    ).toEqual([]);
  });

  it('refuses a giant inline image, naming its size and the limit', () => {
    const picture = `data:image/png;base64,${'A'.repeat(INLINE_DATA_MAX_BYTES + 2048)}`;
    const analysis = analyseMturkTemplate(`<crowd-form><img src="${picture}"></crowd-form>`);
    expect(analysis.importable).toBe(false);
    expect(analysis.problems).toEqual([
      {
        code: 'inline_data_too_large',
        message: expect.stringMatching(/inline image\/png file is 67 KB, more than the 64 KB/),
        blocking: true,
      },
    ]);
    const small = `data:image/png;base64,${'A'.repeat(1000)}`;
    expect(codes(`<img src="${small}">`)).toEqual([]);
  });

  it('refuses a template larger than a template may be', () => {
    const analysis = analyseMturkTemplate(`<p>${'x'.repeat(TEMPLATE_LIMITS.htmlBytes)}</p>`);
    expect(analysis.importable).toBe(false);
    expect(analysis.problems[0]?.message).toMatch(/at most 262,144 are allowed/);
  });

  it('reports nested and malformed placeholders and keeps only real columns', () => {
    const analysis = analyseMturkTemplate(
      '<p>${outer_${inner}}</p><p>${first name}</p><p>${ok}</p><p>${outer_${inner}}</p>',
    );
    expect(analysis.problems.map((p) => [p.code, p.blocking])).toEqual([
      ['nested_placeholder', false],
      ['bad_placeholder', false],
    ]);
    expect(analysis.problems[0]?.message).toContain('"${outer_${inner}}"');
    expect(analysis.problems[1]?.message).toContain('"${first name}" is not a column name');
    expect(analysis.columns.map((c) => c.name)).toEqual(['inner', 'ok']);
  });

  it('refuses markup cut off in a comment, a script or a tag, and an empty template', () => {
    expect(codes('<crowd-form><!-- a note that never ends <p>${x}</p>')).toEqual([
      'malformed_markup',
    ]);
    expect(codes('<script>var x = 1;')).toEqual(['malformed_markup']);
    const cut = analyseMturkTemplate('<crowd-form><crowd-input name="a"');
    expect(cut.importable).toBe(false);
    expect(cut.problems[0]?.message).toContain('a tag that is cut off');
    expect(codes('  ')).toEqual(['malformed_markup']);
  });

  it('does not read markup inside scripts and comments as elements', () => {
    const analysis = analyseMturkTemplate(
      `<script>const t = '<crowd-unknown-thing>';</script><!-- <iframe src="https://x.example"> --><crowd-form></crowd-form>`,
    );
    expect(analysis.crowdElements).toEqual(['crowd-form']);
    expect(analysis.problems).toEqual([]);
  });
});

describe('SUPPORTED_CROWD_ELEMENTS', () => {
  it('lists exactly the elements src/crowd-elements registers', () => {
    const root = fileURLToPath(new URL('../../crowd-elements', import.meta.url));
    const sources = readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.includes('test'))
      .map((file) => readFileSync(join(root, file), 'utf8'))
      .join('\n');
    const registered = [...sources.matchAll(/define\(\s*'(crowd-[a-z-]+)'/g)].map((m) => m[1]);
    expect([...new Set(registered)].sort()).toEqual([...SUPPORTED_CROWD_ELEMENTS].sort());
  });
});
