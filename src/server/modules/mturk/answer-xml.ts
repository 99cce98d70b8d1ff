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

/** A worker's answers as MTurk's QuestionFormAnswers XML: one Answer per field. */
export function questionFormAnswers(answers: Record<string, unknown>): string {
  const items = Object.entries(answers).map(
    ([name, value]) =>
      `<Answer><QuestionIdentifier>${escapeXml(name)}</QuestionIdentifier><FreeText>${escapeXml(answerText(value))}</FreeText></Answer>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?><QuestionFormAnswers xmlns="${NS}">${items.join('')}</QuestionFormAnswers>`;
}
