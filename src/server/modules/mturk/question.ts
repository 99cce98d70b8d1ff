import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { escapeHtml } from '../../../shared/html.js';
import { requestError } from './mturk-errors.js';
import { isRecord } from '../../../shared/narrow.js';

/** MTurk's limit on a Question's length, in characters. */
export const QUESTION_MAX_CHARS = 131_072;

export type ParsedQuestion =
  | { kind: 'html'; html: string; frameHeight: number }
  | { kind: 'external'; url: string; frameHeight: number };

const CDATA = '__cdata';

// Entities stay as written (no expansion, no DTD): the predefined five and character references
// are decoded below, by hand and once; anything a DOCTYPE could declare is refused before this.
const parser = new XMLParser({
  processEntities: false,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  cdataPropName: CDATA,
});

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text with its predefined entities and character references read (one pass, no nesting). */
function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

/** An element's text: plain text (decoded) or CDATA sections (as they are), not a mix. */
function textOf(value: unknown, element: string): string {
  if (typeof value === 'string') return decodeText(value);
  if (isRecord(value) && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const cdata = value[CDATA];
    if (keys.length === 1 && cdata !== undefined) {
      const parts = Array.isArray(cdata) ? cdata : [cdata];
      if (parts.every((p) => typeof p === 'string')) return parts.join('');
    }
  }
  throw invalidQuestion(`${element} must hold text (or one CDATA section), nothing else.`);
}

function invalidQuestion(problem: string) {
  return requestError(`The Question is not valid: ${problem}`, 'AWS.MechanicalTurk.XMLParseError');
}

function frameHeightOf(value: unknown): number {
  const text = value === undefined ? '' : textOf(value, 'FrameHeight');
  if (!/^\d{1,5}$/.test(text)) {
    throw invalidQuestion(
      'FrameHeight must be a whole number of pixels (0 lets the frame size itself).',
    );
  }
  return Number(text);
}

/**
 * Reads a HIT's Question: an HTMLQuestion or an ExternalQuestion, as MTurk's schemas define them.
 * A DOCTYPE is refused outright, so no entity is ever declared, expanded or fetched.
 */
export function parseQuestion(xml: string): ParsedQuestion {
  if (xml.length > QUESTION_MAX_CHARS) {
    throw invalidQuestion(`it is ${xml.length} characters; the limit is ${QUESTION_MAX_CHARS}.`);
  }
  // HTML inside CDATA may well start with <!DOCTYPE html>: only the XML around it is checked.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) {
    throw invalidQuestion('a DOCTYPE or ENTITY declaration is not allowed.');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw invalidQuestion(`${valid.err.msg} (line ${valid.err.line}).`);
  }
  const parsed: unknown = parser.parse(xml);
  const document = isRecord(parsed) ? parsed : {};
  const roots = Object.keys(document).filter((name) => name !== '?xml');
  const [root] = roots;
  if (roots.length !== 1 || root === undefined) {
    throw invalidQuestion('it must be one HTMLQuestion or ExternalQuestion element.');
  }
  const body = document[root];
  const fields = isRecord(body) && !Array.isArray(body) ? body : {};
  const only = (names: string[]) => {
    const extra = Object.keys(fields).filter((name) => !names.includes(name));
    if (extra.length > 0) throw invalidQuestion(`${root} does not take ${extra.join(', ')}.`);
  };
  switch (root) {
    case 'HTMLQuestion': {
      only(['HTMLContent', 'FrameHeight']);
      const html = textOf(fields.HTMLContent ?? '', 'HTMLContent');
      if (html.trim() === '') throw invalidQuestion('HTMLQuestion needs its HTMLContent.');
      return { kind: 'html', html, frameHeight: frameHeightOf(fields.FrameHeight) };
    }
    case 'ExternalQuestion': {
      only(['ExternalURL', 'FrameHeight']);
      const url = textOf(fields.ExternalURL ?? '', 'ExternalURL');
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        parsed = undefined;
      }
      // MTurk requires HTTPS: the worker's page is HTTPS and would refuse mixed content.
      if (parsed?.protocol !== 'https:') {
        throw invalidQuestion('ExternalURL must be an https:// address.');
      }
      return { kind: 'external', url: parsed.href, frameHeight: frameHeightOf(fields.FrameHeight) };
    }
    case 'QuestionForm':
      throw requestError(
        'QuestionForm questions are not supported yet on this server; use an HTMLQuestion or an ExternalQuestion.',
        'AWS.MechanicalTurk.XMLParseError',
      );
    default:
      throw invalidQuestion(
        `${root} is not a question schema; use HTMLQuestion or ExternalQuestion.`,
      );
  }
}

/**
 * The HTML a worker is shown for a question: an HTMLQuestion's own content, or for an
 * ExternalQuestion a frame that loads the requester's page.
 */
export function questionHtml(question: ParsedQuestion): string {
  if (question.kind === 'html') return question.html;
  const height = question.frameHeight > 0 ? `${question.frameHeight}px` : '100vh';
  return `<iframe src="${escapeHtml(question.url)}" style="width:100%;height:${height};border:0"></iframe>`;
}
