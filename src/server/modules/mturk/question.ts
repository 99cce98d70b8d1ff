import type { FormTemplate, Template } from '../../../shared/templates/model.js';
import { externalQuestionHtml } from '../../lib/turk-frame.js';
import { isRecord } from '../../../shared/narrow.js';
import { questionFormTemplate } from './question-form.js';
import {
  assertSafeQuestionXml,
  invalidQuestion,
  mturkXmlParser,
  rootNameOf,
  textOf,
} from './question-xml.js';

export { QUESTION_MAX_CHARS } from './question-xml.js';

export type ParsedQuestion =
  | { kind: 'html'; html: string; frameHeight: number }
  | { kind: 'external'; url: string; frameHeight: number }
  | { kind: 'form'; template: FormTemplate };

const parser = mturkXmlParser();

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
  assertSafeQuestionXml(xml);
  const parsed: unknown = parser.parse(xml);
  const document = isRecord(parsed) ? parsed : {};
  const root = rootNameOf(Object.keys(document), 'HTMLQuestion, ExternalQuestion or QuestionForm');
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
      return { kind: 'form', template: questionFormTemplate(xml) };
    default:
      throw invalidQuestion(
        `${root} is not a question schema; use HTMLQuestion, ExternalQuestion or QuestionForm.`,
      );
  }
}

/**
 * The template of a question's project: an HTMLQuestion's own HTML, an ExternalQuestion's page
 * in a frame (its address gets MTurk's parameters per viewer, see lib/turk-frame.ts), or the
 * form a QuestionForm converts to.
 */
export function questionTemplate(question: ParsedQuestion): Template {
  switch (question.kind) {
    case 'html':
      return { kind: 'html', html: question.html };
    case 'external':
      return { kind: 'html', html: externalQuestionHtml(question.url, question.frameHeight) };
    case 'form':
      return question.template;
  }
}
