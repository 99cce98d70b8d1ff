import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isRecord } from '../../../shared/narrow.js';
import { requestError } from './mturk-errors.js';

/** MTurk's limit on a Question's length, in characters. */
export const QUESTION_MAX_CHARS = 131_072;

/** Where fast-xml-parser puts a CDATA section's text (parsers of questions all use this name). */
export const CDATA = '__cdata';

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A parser for MTurk's XML documents that keeps entities as written (no expansion, no DTD: the
 * predefined five and character references are decoded by `decodeText`, and anything a DOCTYPE
 * could declare is refused by `assertSafeQuestionXml` before parsing). `lists` names the elements
 * that are always parsed as lists.
 */
export function mturkXmlParser(lists: readonly string[] = []): XMLParser {
  return new XMLParser({
    processEntities: false,
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    cdataPropName: CDATA,
    ...(lists.length ? { isArray: (name: string) => lists.includes(name) } : {}),
  });
}

/** XML text with its predefined entities and character references read (one pass, no nesting). */
export function decodeText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[name] ?? whole;
  });
}

/** MTurk's refusal of a Question it cannot read. */
export function invalidQuestion(problem: string) {
  return requestError(`The Question is not valid: ${problem}`, 'AWS.MechanicalTurk.XMLParseError');
}

/**
 * The checks every question's XML passes before it is parsed: MTurk's size limit, well-formed
 * XML, and no DOCTYPE or ENTITY declaration at all, so no entity is ever declared, expanded or
 * fetched (the parsers also run with entity processing off). Other MTurk XML (an AnswerKey)
 * passes the same checks and names its own refusal.
 */
export function assertSafeQuestionXml(
  xml: string,
  refuse: (problem: string) => Error = invalidQuestion,
): void {
  if (xml.length > QUESTION_MAX_CHARS) {
    throw refuse(`it is ${xml.length} characters; the limit is ${QUESTION_MAX_CHARS}.`);
  }
  // HTML inside CDATA may well start with <!DOCTYPE html>: only the XML around it is checked.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''))) {
    throw refuse('a DOCTYPE or ENTITY declaration is not allowed.');
  }
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw refuse(`${valid.err.msg} (line ${valid.err.line}).`);
  }
}

/** The one root element's name of a parsed document (the XML declaration aside). */
export function rootNameOf(names: string[], expected: string): string {
  const roots = names.filter((name) => name !== '?xml');
  const [root] = roots;
  if (roots.length !== 1 || root === undefined) {
    throw invalidQuestion(`it must be one ${expected} element.`);
  }
  return root;
}

/** An element's text: plain text (decoded) or CDATA sections (as they are), not a mix. */
export function textOf(value: unknown, element: string): string {
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
