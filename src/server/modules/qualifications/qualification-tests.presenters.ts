import type {
  OwnerTestAttempt,
  QualificationTestDefinition,
  TestAttempt,
  TestAttemptStatus,
  TestResult,
  TestSummary,
} from '../../../shared/api/qualification-tests.js';
import type { QualificationTypeDetail } from '../../../shared/api/qualifications.js';
import { fillFormTemplate } from '../../../shared/templates/index.js';
import type {
  AttemptRow,
  OwnerAttemptRow,
  TestRow,
  TestWithTypeRow,
} from './qualification-tests.repository.js';
import type { QualificationTypeRow } from './qualifications.repository.js';
import { presentQualificationType } from './qualifications.presenters.js';

/** An open attempt whose deadline has passed reads as expired before anything records it. */
function statusAt(row: Pick<AttemptRow, 'status' | 'deadline'>, now: Date): TestAttemptStatus {
  return row.status === 'open' && row.deadline <= now ? 'expired' : row.status;
}

const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

export function presentTestDefinition(row: TestRow): QualificationTestDefinition {
  return {
    template: row.template,
    answerKey: row.answer_key,
    passingScore: row.passing_score,
    maxScore: row.max_score,
    testDurationSeconds: row.test_duration_seconds,
    retryDelaySeconds: row.retry_delay_seconds,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A type as its owner reads it: with its test and answer key. Never shown to a worker. */
export function presentQualificationTypeDetail(
  type: QualificationTypeRow,
  test: TestRow | null,
): QualificationTypeDetail {
  return { ...presentQualificationType(type), test: test ? presentTestDefinition(test) : null };
}

/** A scored attempt's result; `retryDelaySeconds` null once the type has no test. */
function presentResult(
  row: Pick<AttemptRow, 'score' | 'passed' | 'max_score' | 'passing_score' | 'submitted_at'>,
  retryDelaySeconds: number | null,
): TestResult | null {
  if (row.score === null || row.passed === null || row.submitted_at === null) return null;
  return {
    score: row.score,
    maxScore: row.max_score,
    passingScore: row.passing_score,
    passed: row.passed,
    retryAt:
      retryDelaySeconds === null ? null : later(row.submitted_at, retryDelaySeconds).toISOString(),
  };
}

/** An attempt as its worker sees it: the questions filled as a task's would be, never the key. */
export function presentAttempt(
  row: AttemptRow,
  now: Date,
  retryDelaySeconds: number | null,
): TestAttempt {
  return {
    id: row.id,
    qualificationTypeId: row.type_id,
    status: statusAt(row, now),
    startedAt: row.started_at.toISOString(),
    deadline: row.deadline.toISOString(),
    template: fillFormTemplate(row.template, {}),
    result: presentResult(row, retryDelaySeconds),
  };
}

export function presentTestSummary(summary: {
  test: TestWithTypeRow;
  openAttemptId: string | null;
  last: Omit<AttemptRow, 'template' | 'answer_key'> | null;
  heldValue: number | null;
  retryAt: Date | null;
}): TestSummary {
  const { test } = summary;
  return {
    qualificationTypeId: test.type_id,
    name: test.name,
    description: test.description,
    requester: { displayName: test.owner_display_name, handle: test.owner_handle },
    questionCount: Object.keys(test.answer_key).length,
    maxScore: test.max_score,
    passingScore: test.passing_score,
    testDurationSeconds: test.test_duration_seconds,
    retryDelaySeconds: test.retry_delay_seconds,
    heldValue: summary.heldValue,
    openAttemptId: summary.openAttemptId,
    lastResult: summary.last ? presentResult(summary.last, test.retry_delay_seconds) : null,
    retryAt: summary.retryAt?.toISOString() ?? null,
  };
}

export function presentOwnerAttempt(row: OwnerAttemptRow, now: Date): OwnerTestAttempt {
  return {
    id: row.id,
    worker: { id: row.worker_id, handle: row.handle, displayName: row.display_name },
    status: statusAt(row, now),
    startedAt: row.started_at.toISOString(),
    deadline: row.deadline.toISOString(),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    score: row.score,
    maxScore: row.max_score,
    passingScore: row.passing_score,
    passed: row.passed,
  };
}
