import { canonicalQualificationTypeId, isUuid } from '../../../shared/api/qualifications.js';
import { scoreTest } from '../../../shared/qualification-test-scoring.js';
import { validateAnswers } from '../../../shared/templates/index.js';
import type { Db } from '../../db/database.js';
import { keysetPage } from '../../db/pagination.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { inTransaction } from '../../db/transactions.js';
import {
  AppError,
  ConflictError,
  invalidAnswers,
  NotFoundError,
  TooManyRequestsError,
} from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import {
  createQualificationTestsRepository,
  type TestRow,
} from './qualification-tests.repository.js';
import type { QualificationsService } from './qualifications.service.js';

export type { StoredTest, TestRow } from './qualification-tests.repository.js';

/** When a worker may start again: the end of their last attempt plus the test's delay. */
function retryAt(lastEnd: Date | undefined, retryDelaySeconds: number): Date | null {
  return lastEnd ? new Date(lastEnd.getTime() + retryDelaySeconds * 1000) : null;
}

function attemptOpen(attemptId: string) {
  return new ConflictError(
    'test_attempt_open',
    'You already have this test open: finish it (or let its time run out) before starting again.',
    { attemptId },
  );
}

function deadlinePassed() {
  return new AppError(
    410,
    'test_deadline_passed',
    'The time for this test ran out before it was submitted, so it was not scored and nothing was granted.',
  );
}

function alreadySubmitted() {
  return new ConflictError('test_attempt_submitted', 'This test attempt was already submitted.');
}

/**
 * Qualification tests: the owner's definition lives with the type (qualifications.service saves
 * it); workers start attempts, submit answers, are scored at once (a pure function of template,
 * key and answers) and granted the type with the score as its value on a pass. Made to be called
 * by other modules too (the MTurk API's `Test` and `AnswerKey`).
 */
export function createQualificationTestsService(deps: {
  db: Db;
  clock: Clock;
  qualifications: Pick<QualificationsService, 'grant' | 'getType' | 'workerQualificationValues'>;
}) {
  const { db, clock, qualifications } = deps;
  const tests = createQualificationTestsRepository(db);

  /** A test any worker may take, by its type's id; a type without one is not found. */
  async function requireTest(typeIdOrKey: string) {
    const id = canonicalQualificationTypeId(typeIdOrKey);
    const test = isUuid(id) ? await tests.findTestWithType(id) : undefined;
    if (!test) throw new NotFoundError('Qualification test');
    return test;
  }

  async function requireOwnAttempt(workerId: string, attemptId: string) {
    const attempt = await tests.findAttempt(attemptId);
    if (!attempt || attempt.worker_id !== workerId) throw new NotFoundError('Test attempt');
    return attempt;
  }

  /** The retry rule now in force for a type (a removed test no longer asks anyone to wait). */
  async function retryDelayOf(typeId: string): Promise<number> {
    return (await tests.findTest(typeId))?.retry_delay_seconds ?? 0;
  }

  return {
    /** The test of one of the owner's types (or a system type, which has none): null without. */
    async definition(ownerId: string, typeIdOrKey: string): Promise<TestRow | null> {
      const type = await qualifications.getType(ownerId, typeIdOrKey);
      return (await tests.findTest(type.id)) ?? null;
    },

    /** A test before taking it, with where this worker stands: held value, last result, wait. */
    async summary(workerId: string, typeIdOrKey: string) {
      const test = await requireTest(typeIdOrKey);
      const now = clock.now();
      await tests.expireOverdue(test.type_id, workerId, now);
      const [openAttemptId, lastEnd, last, values] = await Promise.all([
        tests.findOpenAttemptId(test.type_id, workerId),
        tests.lastAttemptEnd(test.type_id, workerId),
        tests.lastSubmitted(test.type_id, workerId),
        qualifications.workerQualificationValues(workerId, [test.type_id]),
      ]);
      const held = values.get(test.type_id);
      return {
        test,
        openAttemptId: openAttemptId ?? null,
        last: last ?? null,
        heldValue: typeof held === 'number' ? held : null,
        retryAt: retryAt(lastEnd, test.retry_delay_seconds),
      };
    },

    /**
     * Starts an attempt: the questions and the deadline. One open attempt per worker and test
     * (409); before the retry delay since the last attempt ended, 429 with the seconds to wait.
     */
    async start(workerId: string, typeIdOrKey: string) {
      const test = await requireTest(typeIdOrKey);
      const now = clock.now();
      try {
        return await inTransaction(db, async (trx) => {
          await tests.expireOverdue(test.type_id, workerId, now, trx);
          const open = await tests.findOpenAttemptId(test.type_id, workerId, trx);
          if (open) throw attemptOpen(open);
          const lastEnd = await tests.lastAttemptEnd(test.type_id, workerId, trx);
          const allowedAt = retryAt(lastEnd, test.retry_delay_seconds);
          if (allowedAt && allowedAt > now) {
            const seconds = Math.ceil((allowedAt.getTime() - now.getTime()) / 1000);
            throw new TooManyRequestsError(
              'test_retry_too_soon',
              `You may take this test again from ${allowedAt.toISOString()} (in ${seconds} seconds).`,
              seconds,
              { retryAt: allowedAt.toISOString() },
            );
          }
          return tests.insertAttempt(
            {
              typeId: test.type_id,
              workerId,
              test,
              startedAt: now,
              deadline: new Date(now.getTime() + test.test_duration_seconds * 1000),
            },
            trx,
          );
        });
      } catch (error) {
        // A concurrent start by the same worker got there first.
        if (isUniqueViolation(error, 'qualification_test_attempts_open_key')) {
          const open = await tests.findOpenAttemptId(test.type_id, workerId);
          throw attemptOpen(open ?? '');
        }
        throw error;
      }
    },

    /** One of the worker's attempts, and the retry delay now in force for its result. */
    async attempt(workerId: string, attemptId: string) {
      const attempt = await requireOwnAttempt(workerId, attemptId);
      return { attempt, retryDelaySeconds: await retryDelayOf(attempt.type_id) };
    },

    /**
     * Scores the answers at once. Checked like a task's answers first (400, the attempt stays
     * open); after the deadline 410 and nothing is granted; of two submits one is scored and the
     * other is a 409. A pass grants the type with the score as its value, in the same transaction.
     */
    async submit(workerId: string, attemptId: string, answers: Record<string, unknown>) {
      const attempt = await requireOwnAttempt(workerId, attemptId);
      const now = clock.now();
      if (attempt.status === 'submitted') throw alreadySubmitted();
      if (attempt.status === 'expired' || attempt.deadline <= now) {
        await tests.expireAttempt(attempt.id);
        throw deadlinePassed();
      }
      const problems = validateAnswers(attempt.template, answers);
      if (problems.length) {
        throw invalidAnswers(problems);
      }
      const { score } = scoreTest(attempt.template, attempt.answer_key, answers);
      const passed = score >= attempt.passing_score;
      const recorded = await inTransaction(db, async (trx) => {
        const won = await tests.recordScore(
          { id: attempt.id, workerId, answers, score, passed, now },
          trx,
        );
        if (won && passed) {
          await qualifications.grant(attempt.owner_id, attempt.type_id, workerId, score, trx);
        }
        return won;
      });
      if (!recorded) {
        const current = await requireOwnAttempt(workerId, attemptId);
        throw current.status === 'submitted' ? alreadySubmitted() : deadlinePassed();
      }
      const delay = await retryDelayOf(attempt.type_id);
      return {
        score,
        maxScore: attempt.max_score,
        passingScore: attempt.passing_score,
        passed,
        retryAt: new Date(now.getTime() + delay * 1000),
      };
    },

    /** Attempts at one of the owner's types' test, newest first; another's type is not found. */
    async listAttempts(
      ownerId: string,
      typeIdOrKey: string,
      page: { cursor?: string | undefined; limit: number },
    ) {
      const type = await qualifications.getType(ownerId, typeIdOrKey);
      const rows = await tests.listAttempts(type.id, page);
      return keysetPage(rows, page.limit, (row) => [row.started_at, row.id]);
    },
  };
}

export type QualificationTestsService = ReturnType<typeof createQualificationTestsService>;
