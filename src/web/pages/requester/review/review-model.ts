import type { z } from 'zod';
import type { bulkReviewResultSchema, ReviewAssignment } from '../../../../shared/api/review.js';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../../../shared/api/work.js';
import { fillFormTemplate, type Template } from '../../../../shared/templates/index.js';
import { parseTaskAnswers, TASK_ANSWERS_FIELD } from '../../../../shared/templates/task-answers.js';
import { describeAnswer, isFilledAnswerItem } from '../../work/answers.js';
import { crowdAnswerLines, type CrowdAnswerLine } from './crowd-answers.js';

/**
 * One answer as the reviewer reads it: the question as the worker saw it, and the reply (or, for
 * an annotation element, the reply drawn).
 */
export type AnswerLine = CrowdAnswerLine;

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/**
 * A submission's answers in the form's order, with each question filled from the task's data and
 * option labels instead of values. Fields the template does not know (an HTML form's, or an item
 * since removed) follow under their own names; crowd-form's `taskAnswers` as one line per answer,
 * an annotation drawn over the task's picture.
 */
export function readableAnswers(
  template: Template,
  taskData: Readonly<Record<string, string>>,
  answers: Readonly<Record<string, unknown>> | null,
): AnswerLine[] {
  const given = answers ?? {};
  const lines: AnswerLine[] = [];
  const seen = new Set<string>();
  if (template.kind === 'form') {
    for (const item of fillFormTemplate(template, taskData).items) {
      if (!isFilledAnswerItem(item)) continue;
      seen.add(item.name);
      const value = given[item.name];
      let text: string | null = isBlank(value) ? null : describeAnswer(item, value);
      if (text !== null && item.type === 'rating') text = `${text} of ${item.max}`;
      lines.push({ name: item.name, label: item.label.trim() || item.name, value: text });
    }
  }
  for (const [name, value] of Object.entries(given)) {
    if (seen.has(name)) continue;
    // crowd-form's JSON is read out as one line per answer, not shown as JSON.
    const crowd = name === TASK_ANSWERS_FIELD ? parseTaskAnswers(value) : undefined;
    if (crowd?.ok) {
      lines.push(...crowdAnswerLines(template, taskData, crowd.answers));
      continue;
    }
    lines.push({
      name,
      label: name,
      value: isBlank(value) ? null : describeAnswer(undefined, value),
    });
  }
  return lines;
}

/** "45 s", "2 min 5 s", "1 h 3 min": how long a worker spent, at a glance. */
export function formatTimeSpent(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) {
    const rest = s % 60;
    return `${Math.floor(s / 60)} min${rest ? ` ${rest} s` : ''}`;
  }
  const minutes = Math.floor((s % 3600) / 60);
  return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`;
}

/** Whether a rejection can still be turned into an approval, and until when. */
export function reversal(
  assignment: Pick<ReviewAssignment, 'status' | 'reversibleUntil'>,
  now: Date,
): { open: boolean; until: string } | null {
  if (assignment.status !== 'rejected' || !assignment.reversibleUntil) return null;
  return {
    open: new Date(assignment.reversibleUntil).getTime() > now.getTime(),
    until: assignment.reversibleUntil,
  };
}

/** Only work waiting for review can be approved or rejected in bulk. */
export function selectableIds(items: readonly Pick<ReviewAssignment, 'id' | 'status'>[]) {
  return items.filter((item) => item.status === 'submitted').map((item) => item.id);
}

/**
 * An Idempotency-Key from the browser's random source. `crypto.randomUUID` exists only on HTTPS
 * and localhost; a self-hosted site on plain HTTP still has `getRandomValues`.
 */
export function newIdempotencyKey(random: Pick<Crypto, 'getRandomValues'> = crypto): string {
  const bytes = random.getRandomValues(new Uint8Array(16));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export type ReviewView = {
  /** undefined: every status. */
  status: AssignmentStatus | undefined;
  batchId: string | undefined;
  workerId: string | undefined;
};

/** The filters live in the address (`?status=&batch=&worker=`) so a view can be linked. */
export function reviewViewFrom(params: URLSearchParams): ReviewView {
  const status = params.get('status');
  return {
    status:
      status === 'all' ? undefined : (ASSIGNMENT_STATUSES.find((s) => s === status) ?? 'submitted'),
    batchId: params.get('batch') || undefined,
    workerId: params.get('worker') || undefined,
  };
}

export function reviewViewParams(view: ReviewView): URLSearchParams {
  const params = new URLSearchParams();
  if (view.status !== 'submitted') params.set('status', view.status ?? 'all');
  if (view.batchId) params.set('batch', view.batchId);
  if (view.workerId) params.set('worker', view.workerId);
  return params;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type BulkReviewResult = z.infer<typeof bulkReviewResultSchema>;

/** What a bulk review did, in a sentence: how many changed, and why the others did not. */
export function describeBulkResult(result: BulkReviewResult): string {
  const done = result.action === 'approve' ? 'Approved' : 'Rejected';
  const changed = `${done} ${plural(result.changed, 'submission')}.`;
  if (result.unchanged.length === 0) return changed;
  const reviewed = result.unchanged.filter(
    (u) => u.status === 'approved' || u.status === 'rejected',
  ).length;
  const other = result.unchanged.length - reviewed;
  const parts = [
    reviewed > 0 ? `${plural(reviewed, 'was', 'were')} already reviewed` : '',
    other > 0 ? `${plural(other, 'was', 'were')} no longer waiting for review` : '',
  ].filter(Boolean);
  return `${changed} ${parts.join('; ')}.`;
}

/** How each status reads to the requester, in the review list and its filters. */
export const REVIEW_STATUS: Record<AssignmentStatus, { label: string; color: string }> = {
  submitted: { label: 'To review', color: 'blue' },
  approved: { label: 'Approved', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
  accepted: { label: 'In progress', color: 'tessera' },
  returned: { label: 'Returned', color: 'gray' },
  expired: { label: 'Expired', color: 'orange' },
};
