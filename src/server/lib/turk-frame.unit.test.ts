import { describe, expect, it } from 'vitest';
import {
  ASSIGNMENT_ID_NOT_AVAILABLE,
  createSubmitTokens,
  externalQuestionHtml,
  previewTurkParams,
  turkSubmitTo,
  withTurkParams,
} from './turk-frame.js';

const ASSIGNMENT = '0190f1b2-7c3d-7e4f-8a5b-6c7d8e9f0a1b';

describe('withTurkParams', () => {
  it("adds MTurk's parameters to an ExternalQuestion's address, keeping its own", () => {
    const html = externalQuestionHtml('https://tasks.example.org/hit?x=1&y="2"', 450);
    const filled = withTurkParams(html, {
      assignmentId: ASSIGNMENT,
      hitId: 'h1',
      workerId: 'w1',
      turkSubmitTo: 'https://tessera.example/s/tok',
    });
    const src = /src="([^"]*)"/.exec(filled)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const url = new URL(src);
    expect(url.searchParams.get('x')).toBe('1');
    expect(url.searchParams.get('y')).toBe('"2"');
    expect(url.searchParams.get('assignmentId')).toBe(ASSIGNMENT);
    expect(url.searchParams.get('hitId')).toBe('h1');
    expect(url.searchParams.get('workerId')).toBe('w1');
    expect(url.searchParams.get('turkSubmitTo')).toBe('https://tessera.example/s/tok');
    expect(filled).toContain('height:450px');
  });

  it('gives a preview only the placeholder assignmentId and the hitId', () => {
    const filled = withTurkParams(
      externalQuestionHtml('https://t.example.org/', 0),
      previewTurkParams('h2'),
    );
    expect(filled).toContain(
      `src="https://t.example.org/?assignmentId=${ASSIGNMENT_ID_NOT_AVAILABLE}&amp;hitId=h2"`,
    );
    expect(filled).toContain('height:100vh');
  });

  it("leaves a requester's own frames alone", () => {
    const own = '<iframe src="https://mine.example.org/"></iframe>';
    expect(withTurkParams(own, previewTurkParams('h'))).toBe(own);
  });
});

describe('submit tokens', () => {
  const tokens = createSubmitTokens('k'.repeat(43));

  it('name their assignment, and only under the same key', () => {
    const token = tokens.tokenFor(ASSIGNMENT);
    expect(tokens.assignmentOf(token)).toBe(ASSIGNMENT);
    expect(createSubmitTokens('j'.repeat(43)).assignmentOf(token)).toBeUndefined();
  });

  it('cannot be forged for another assignment or tampered with', () => {
    const token = tokens.tokenFor(ASSIGNMENT);
    const [, mac] = token.split('.');
    const other = `${Buffer.from('0190f1b2-0000-7e4f-8a5b-6c7d8e9f0a1b').toString('base64url')}.${mac}`;
    expect(tokens.assignmentOf(other)).toBeUndefined();
    expect(tokens.assignmentOf(`${token.slice(0, -1)}A`)).toBeUndefined();
    expect(tokens.assignmentOf('not a token')).toBeUndefined();
  });

  it('make the turkSubmitTo address under PUBLIC_URL', () => {
    expect(turkSubmitTo('https://tessera.example/', 'abc.def')).toBe(
      'https://tessera.example/s/abc.def',
    );
  });
});
