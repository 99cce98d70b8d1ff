import type { Template } from '../../../shared/templates/model.js';

const NS =
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/QuestionFormAnswers.xsd';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

/** One answer's text: several values joined with `|` (as in results exports), others as JSON. */
function answerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(answerText).join('|');
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const SELECTION_TYPES: readonly string[] = ['single_choice', 'multiple_choice', 'dropdown'];

/** The items of a form template whose answers are options chosen (MTurk's SelectionAnswer). */
function selectionItemsOf(template: Template | undefined): Set<string> {
  if (template?.kind !== 'form') return new Set();
  return new Set(
    template.items.filter((item) => SELECTION_TYPES.includes(item.type)).map((item) => item.name),
  );
}

/** One Answer's content: the options chosen as SelectionIdentifiers, or else FreeText. */
function answerBody(value: unknown, isSelection: boolean): string {
  if (isSelection && (typeof value === 'string' || Array.isArray(value))) {
    const chosen: unknown[] = Array.isArray(value) ? value : [value];
    return chosen
      .map((id) => `<SelectionIdentifier>${escapeXml(answerText(id))}</SelectionIdentifier>`)
      .join('');
  }
  return `<FreeText>${escapeXml(answerText(value))}</FreeText>`;
}

/**
 * A worker's answers as MTurk's QuestionFormAnswers XML: one Answer per field, named by its
 * QuestionIdentifier. A form's choice items (a QuestionForm's SelectionAnswers) answer with
 * SelectionIdentifiers, every other field with FreeText.
 */
export function questionFormAnswers(answers: Record<string, unknown>, template?: Template): string {
  const selections = selectionItemsOf(template);
  const items = Object.entries(answers).map(
    ([name, value]) =>
      `<Answer><QuestionIdentifier>${escapeXml(name)}</QuestionIdentifier>${answerBody(value, selections.has(name))}</Answer>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?><QuestionFormAnswers xmlns="${NS}">${items.join('')}</QuestionFormAnswers>`;
}
