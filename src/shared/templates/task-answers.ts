/**
 * Answers from templates built on crowd-html-elements. As on MTurk, `crowd-form` posts one field,
 * `taskAnswers`, holding a JSON array with one object: `[{"sentiment":{"label":"Positive"}}]`.
 * Tessera stores it exactly so (answers `{ taskAnswers: "<json>" }`), so results exports and
 * `Assignment.Answer` hold what requesters' parsing scripts expect; the review page reads it
 * through `taskAnswerLines`.
 */

export const TASK_ANSWERS_FIELD = 'taskAnswers';

export const TASK_ANSWERS_LIMITS = {
  /** Characters of the JSON: room for annotation results, well under the 1 MiB request body. */
  length: 786_432,
  /** Nesting of objects and arrays (a polygon's points sit at depth 5). */
  depth: 16,
} as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (isPlainObject(value)) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

/** The answers object inside a `taskAnswers` value, or why it is not one MTurk would post. */
export function parseTaskAnswers(
  value: unknown,
): { ok: true; answers: Record<string, unknown> } | { ok: false; message: string } {
  if (typeof value !== 'string') return { ok: false, message: 'must be a JSON text' };
  if (value.length > TASK_ANSWERS_LIMITS.length)
    return { ok: false, message: `must be at most ${TASK_ANSWERS_LIMITS.length} characters` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { ok: false, message: 'must be valid JSON' };
  }
  const answers: unknown = Array.isArray(parsed) ? parsed[0] : undefined;
  if (!Array.isArray(parsed) || parsed.length !== 1 || !isPlainObject(answers))
    return { ok: false, message: 'must be a JSON array holding one object' };
  if (depthOf(parsed) > TASK_ANSWERS_LIMITS.depth)
    return { ok: false, message: `must nest at most ${TASK_ANSWERS_LIMITS.depth} levels deep` };
  return { ok: true, answers };
}

/** One readable line of a crowd-form answer: where in the object, and the value as text. */
export type TaskAnswerLine = { path: string; value: string };

/** Lines past this are summarised: a reviewer reads answers, not thousands of points. */
const LINES_MAX = 60;

/**
 * The answers as "path: value" lines (`sentiment.label: Positive`, `agree.on: yes`). A list of
 * plain values is one line; a list of objects (boxes, points) one line per entry.
 */
export function taskAnswerLines(answers: Record<string, unknown>): TaskAnswerLine[] {
  const lines: TaskAnswerLine[] = [];
  const visit = (path: string, value: unknown) => {
    if (Array.isArray(value) && value.some((entry) => typeof entry === 'object' && entry)) {
      value.forEach((entry, index) => visit(`${path}[${index}]`, entry));
    } else if (isPlainObject(value)) {
      for (const [key, entry] of Object.entries(value)) visit(path ? `${path}.${key}` : key, entry);
    } else {
      lines.push({
        path,
        value: Array.isArray(value) ? value.map(String).join(', ') : text(value),
      });
    }
  };
  visit('', answers);
  if (lines.length <= LINES_MAX) return lines;
  return [
    ...lines.slice(0, LINES_MAX),
    { path: '…', value: `${lines.length - LINES_MAX} more values in the results export` },
  ];
}

function text(value: unknown): string {
  if (value === true) return 'yes';
  if (value === false) return 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return '';
}
