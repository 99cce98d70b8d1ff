import { isRecord } from '../../../shared/narrow.js';
import type { AnswerKey } from '../../../shared/qualification-test-scoring.js';
import type { FormTemplate } from '../../../shared/templates/model.js';
import { requestError } from './mturk-errors.js';
import { assertSafeQuestionXml, mturkXmlParser, rootNameOf, textOf } from './question-xml.js';

export const ANSWER_KEY_NAMESPACE =
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd';

/** MTurk's refusal of an AnswerKey it cannot use. */
export function invalidAnswerKey(problem: string) {
  return requestError(
    `The AnswerKey is not valid: ${problem}`,
    'AWS.MechanicalTurk.InvalidParameterValue',
  );
}

function unsupported(what: string) {
  return invalidAnswerKey(
    `${what} has no equivalent in Tessera's qualification tests (see docs/mturk.md, "Qualification tests").`,
  );
}

const parser = mturkXmlParser(['Question', 'AnswerOption', 'SelectionIdentifier']);

type XmlElement = Record<string, unknown>;

function elementOf(value: unknown, name: string): XmlElement {
  if (isRecord(value) && !Array.isArray(value)) return value;
  if (value === '') return {};
  throw invalidAnswerKey(`${name} must hold elements, not text.`);
}

/** The element's children by name, refusing any MTurk allows that this server does not read. */
function only(element: XmlElement, name: string, allowed: readonly string[]): XmlElement {
  const extra = Object.keys(element).filter((key) => !allowed.includes(key));
  if (extra.length > 0) throw invalidAnswerKey(`${name} does not take ${extra.join(', ')}.`);
  return element;
}

function textIn(element: XmlElement, name: string): string {
  const value = element[name];
  if (value === undefined) throw invalidAnswerKey(`${name} is missing.`);
  try {
    return textOf(value, name).trim();
  } catch {
    throw invalidAnswerKey(`${name} must hold text, nothing else.`);
  }
}

function wholeNumberIn(element: XmlElement, name: string): number {
  const text = textIn(element, name);
  if (!/^-?\d{1,9}$/.test(text)) throw invalidAnswerKey(`${name} must be a whole number.`);
  return Number(text);
}

function listIn(element: XmlElement, name: string): unknown[] {
  const value = element[name];
  return Array.isArray(value) ? value : [];
}

/**
 * MTurk's QualificationValueMapping as the factor every AnswerScore is multiplied by, so that
 * Tessera's score (the points summed, granted as the value) is the value MTurk would grant.
 * A percentage maps exactly only when 100 is a whole multiple of MaximumSummedScore; ranges
 * cannot be expressed as points at all.
 */
function pointsFactor(mapping: unknown): number {
  if (mapping === undefined) return 1;
  const kinds = only(elementOf(mapping, 'QualificationValueMapping'), 'QualificationValueMapping', [
    'PercentageMapping',
    'ScaleMapping',
    'RangeMapping',
  ]);
  const names = Object.keys(kinds);
  if (names.length !== 1) {
    throw invalidAnswerKey('QualificationValueMapping holds exactly one mapping.');
  }
  if ('RangeMapping' in kinds) throw unsupported('RangeMapping');
  if ('ScaleMapping' in kinds) {
    const scale = only(elementOf(kinds.ScaleMapping, 'ScaleMapping'), 'ScaleMapping', [
      'SummedScoreMultiplier',
    ]);
    const text = textIn(scale, 'SummedScoreMultiplier');
    if (!/^\d{1,4}$/.test(text) || Number(text) < 1) {
      throw unsupported(`A SummedScoreMultiplier of ${text} (only whole numbers from 1)`);
    }
    return Number(text);
  }
  const percentage = only(
    elementOf(kinds.PercentageMapping, 'PercentageMapping'),
    'PercentageMapping',
    ['MaximumSummedScore'],
  );
  const most = wholeNumberIn(percentage, 'MaximumSummedScore');
  if (most < 1 || 100 % most !== 0) {
    throw unsupported(
      `A PercentageMapping with MaximumSummedScore ${most} (only a divisor of 100 maps onto whole points)`,
    );
  }
  return 100 / most;
}

/** One Question of the key as the right answer to a choice item of the test, and its points. */
function keyEntry(
  question: XmlElement,
  item: FormTemplate['items'][number],
  factor: number,
): { value: unknown; points: number } {
  const id = item.name;
  if (question.DefaultScore !== undefined && wholeNumberIn(question, 'DefaultScore') !== 0) {
    throw unsupported(`A DefaultScore other than 0 (question ${id})`);
  }
  if (
    item.type !== 'single_choice' &&
    item.type !== 'dropdown' &&
    item.type !== 'multiple_choice'
  ) {
    throw invalidAnswerKey(
      `question ${id} is not a SelectionAnswer; an AnswerKey scores only selections.`,
    );
  }
  const scored = listIn(question, 'AnswerOption').flatMap((raw) => {
    const option = only(elementOf(raw, 'AnswerOption'), 'AnswerOption', [
      'SelectionIdentifier',
      'AnswerScore',
    ]);
    const score = wholeNumberIn(option, 'AnswerScore');
    if (score < 0) throw invalidAnswerKey(`an AnswerScore of question ${id} is negative.`);
    const selections = listIn(option, 'SelectionIdentifier').map((s) =>
      textOf(s, 'SelectionIdentifier').trim(),
    );
    if (selections.length === 0) {
      throw invalidAnswerKey(`an AnswerOption of question ${id} names no SelectionIdentifier.`);
    }
    // An option worth nothing scores as any other wrong answer does.
    return score === 0 ? [] : [{ selections, score }];
  });
  const [right, ...more] = scored;
  if (!right) throw invalidAnswerKey(`question ${id} has no AnswerOption worth any points.`);
  if (more.length > 0) {
    throw unsupported(`More than one scoring AnswerOption (question ${id})`);
  }
  const single = item.type !== 'multiple_choice';
  if (single && right.selections.length !== 1) {
    throw invalidAnswerKey(`question ${id} takes one selection; its AnswerOption names several.`);
  }
  return { value: single ? right.selections[0] : right.selections, points: right.score * factor };
}

/**
 * MTurk's AnswerKey XML as Tessera's answer key for the test's template: each Question's one
 * scoring AnswerOption becomes the item's right answer, its AnswerScore (times the value
 * mapping's factor) its points. What a key of points cannot express is refused, never dropped.
 */
export function answerKeyFromXml(xml: string, template: FormTemplate): AnswerKey {
  assertSafeQuestionXml(xml, invalidAnswerKey);
  const parsed = elementOf(parser.parse(xml), 'The document');
  const rootName = rootNameOf(Object.keys(parsed), 'AnswerKey');
  if (rootName !== 'AnswerKey') {
    throw invalidAnswerKey(`the root element is ${rootName}; an AnswerKey was expected.`);
  }
  // The parser drops namespace declarations along with prefixes: read it from the start tag.
  const startTag = /<(?:[\w.-]+:)?AnswerKey\b[^>]*>/.exec(xml)?.[0] ?? '';
  const namespace = /\sxmlns(?::[\w.-]+)?\s*=\s*["']([^"']*)["']/.exec(startTag)?.[1] ?? '';
  if (namespace !== ANSWER_KEY_NAMESPACE) {
    throw invalidAnswerKey(`AnswerKey must use the namespace ${ANSWER_KEY_NAMESPACE}.`);
  }
  const root = only(elementOf(parsed.AnswerKey, 'AnswerKey'), 'AnswerKey', [
    'Question',
    'QualificationValueMapping',
  ]);
  const factor = pointsFactor(root.QualificationValueMapping);
  const items = new Map(template.items.map((item) => [item.name, item]));
  const key: Record<string, { value: unknown; points: number }> = {};
  for (const raw of listIn(root, 'Question')) {
    const question = only(elementOf(raw, 'Question'), 'Question', [
      'QuestionIdentifier',
      'AnswerOption',
      'DefaultScore',
    ]);
    const id = textIn(question, 'QuestionIdentifier');
    const item = items.get(id);
    if (!item) throw invalidAnswerKey(`question ${id} is not a Question of the Test.`);
    if (key[id]) throw invalidAnswerKey(`question ${id} is keyed twice.`);
    key[id] = keyEntry(question, item, factor);
  }
  if (Object.keys(key).length === 0) throw invalidAnswerKey('it keys no Question.');
  return key;
}
