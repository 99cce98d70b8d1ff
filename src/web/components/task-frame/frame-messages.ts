import { isRecord } from '../../lib/narrow.js';

/**
 * The messages between the work page and a task's sandboxed HTML frame. The frame's bridge
 * script (served with the frame, see src/server/lib/task-frame.ts) posts `tessera:submit` when
 * its form is submitted, and submits when the page posts `tessera:request-submit`.
 */
export const SUBMIT_MESSAGE = 'tessera:submit';
export const REQUEST_SUBMIT_MESSAGE = 'tessera:request-submit';

/** What an HTML task's form posts: each field's text, or a list for repeated fields. */
export type FrameAnswers = Record<string, string | string[]>;

function isAnswerValue(value: unknown): value is string | string[] {
  return (
    typeof value === 'string' ||
    (Array.isArray(value) && value.every((entry) => typeof entry === 'string'))
  );
}

/**
 * The answers in a frame's submit message, or null for anything else. The frame runs the
 * requester's code, so nothing about the message is trusted beyond its shape; the server checks
 * the answers themselves.
 */
export function answersFromFrameMessage(data: unknown): FrameAnswers | null {
  if (!isRecord(data) || data.type !== SUBMIT_MESSAGE) return null;
  const { answers } = data;
  if (!isRecord(answers)) return null;
  const fields: [string, string | string[]][] = [];
  for (const [name, value] of Object.entries(answers)) {
    if (!isAnswerValue(value)) return null;
    fields.push([name, value]);
  }
  // fromEntries defines own properties, so even a field named "__proto__" stays an answer.
  return Object.fromEntries(fields);
}
