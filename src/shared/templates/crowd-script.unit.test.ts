import { describe, expect, it } from 'vitest';
import { CROWD_BUNDLE_PATH, substituteCrowdScript } from './crowd-script.js';

const OURS = `${CROWD_BUNDLE_PATH}?v=abc`;

describe('substituteCrowdScript', () => {
  it.each([
    '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>',
    "<script src='https://assets.crowd.aws/crowd-html-elements.js'></script>",
    '<script src=https://assets.crowd.aws/crowd-html-elements.js></script>',
    '<script src="https://assets.crowd.aws/crowd-html-elements.js?v=3"></script>',
    '<script src="https://assets.crowd.aws/crowd-html-elements-without-ce-polyfill.js"></script>',
    '<script src="//assets.crowd.aws/crowd-html-elements.js"></script>',
    '<SCRIPT SRC = "HTTPS://ASSETS.CROWD.AWS/crowd-html-elements.js" defer></SCRIPT>',
  ])('points %s at Tessera’s bundle', (tag) => {
    const result = substituteCrowdScript(tag, OURS);
    expect(result).toContain(OURS);
    expect(result.toLowerCase()).not.toContain('assets.crowd.aws');
  });

  it('keeps the rest of the template as it was', () => {
    const html =
      '<p>${text}</p>\n<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>\n<crowd-form></crowd-form>';
    expect(substituteCrowdScript(html, OURS)).toBe(
      `<p>\${text}</p>\n<script src="${OURS}"></script>\n<crowd-form></crowd-form>`,
    );
  });

  it('replaces every occurrence', () => {
    const tag = '<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>';
    expect(substituteCrowdScript(tag + tag, OURS)).toBe(
      `<script src="${OURS}"></script>`.repeat(2),
    );
  });

  it.each([
    // Other files of Amazon's host, and look-alike hosts, are left alone.
    '<script src="https://assets.crowd.aws/other.js"></script>',
    '<script src="https://assets.crowd.aws.evil.example/crowd-html-elements.js"></script>',
    '<script src="https://evil.example/assets.crowd.aws/crowd-html-elements.js"></script>',
    '<p>Load https://assets.crowd.aws/crowd-html-elements.js yourself</p>',
  ])('leaves %s alone', (html) => {
    expect(substituteCrowdScript(html, OURS)).toBe(html);
  });
});
