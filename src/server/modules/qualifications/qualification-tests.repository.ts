import { sql } from 'kysely';
import type { QualificationTest } from '../../../shared/api/qualification-tests.js';
import type { AnswerKey } from '../../../shared/qualification-test-scoring.js';
import type { FormTemplate } from '../../../shared/templates/model.js';
import { updatedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import { fromCursor, newestFirstPage, type CursorRequest } from '../../db/pagination.js';

type Executor = Db;

/** The MTurk XML a test was made from, kept to be answered back as given. */
export type MturkTestSource = { testXml: string; answerKeyXml: string };

/** A test as saved: Tessera's definition and, when it came through the MTurk API, its XML. */
export type StoredTest = QualificationTest & { mturkSource?: MturkTestSource | undefined };

export type TestRow = {
  type_id: string;
  template: FormTemplate;
  answer_key: AnswerKey;
  passing_score: number;
  max_score: number;
  test_duration_seconds: number;
  retry_delay_seconds: number;
  updated_at: Date;
  mturk_test_xml: string | null;
  mturk_answer_key_xml: string | null;
};

/** A test with the type it belongs to and its owner, as a worker finds it. */
export type TestWithTypeRow = TestRow & {
  owner_id: string;
  name: string;
  description: string;
  owner_handle: string;
  owner_display_name: string;
};

export type AttemptRow = {
  id: string;
  type_id: string;
  worker_id: string;
  status: 'open' | 'submitted' | 'expired';
  template: FormTemplate;
  answer_key: AnswerKey;
  passing_score: number;
  max_score: number;
  started_at: Date;
  deadline: Date;
  submitted_at: Date | null;
  score: number | null;
  passed: boolean | null;
};

export type OwnerAttemptRow = Omit<AttemptRow, 'template' | 'answer_key'> & {
  handle: string;
  display_name: string;
};

const testColumns = [
  'qualification_tests.type_id',
  'qualification_tests.template',
  'qualification_tests.answer_key',
  'qualification_tests.passing_score',
  'qualification_tests.max_score',
  'qualification_tests.test_duration_seconds',
  'qualification_tests.retry_delay_seconds',
  'qualification_tests.updated_at',
  'qualification_tests.mturk_test_xml',
  'qualification_tests.mturk_answer_key_xml',
] as const;

const attemptColumns = [
  'a.id',
  'a.type_id',
  'a.worker_id',
  'a.status',
  'a.passing_score',
  'a.max_score',
  'a.started_at',
  'a.deadline',
  'a.submitted_at',
  'a.score',
  'a.passed',
] as const;

export function createQualificationTestsRepository(db: Db) {
  return {
    /** Creates or replaces a type's test (a test saved without MTurk XML clears the old XML). */
    async saveTest(
      typeId: string,
      test: StoredTest & { maxScore: number },
      now: Date,
      trx: Executor = db,
    ): Promise<void> {
      const values = {
        template: JSON.stringify(test.template),
        answer_key: JSON.stringify(test.answerKey),
        passing_score: test.passingScore,
        max_score: test.maxScore,
        test_duration_seconds: test.testDurationSeconds,
        retry_delay_seconds: test.retryDelaySeconds,
        updated_at: now,
        mturk_test_xml: test.mturkSource?.testXml ?? null,
        mturk_answer_key_xml: test.mturkSource?.answerKeyXml ?? null,
      };
      await trx
        .insertInto('qualification_tests')
        .values({ type_id: typeId, created_at: now, ...values })
        .onConflict((oc) => oc.column('type_id').doUpdateSet(values))
        .execute();
    },

    async deleteTest(typeId: string, trx: Executor = db): Promise<void> {
      await trx.deleteFrom('qualification_tests').where('type_id', '=', typeId).execute();
    },

    async findTest(typeId: string, trx: Executor = db): Promise<TestRow | undefined> {
      return trx
        .selectFrom('qualification_tests')
        .select(testColumns)
        .where('type_id', '=', typeId)
        .executeTakeFirst();
    },

    async findTestWithType(
      typeId: string,
      trx: Executor = db,
    ): Promise<TestWithTypeRow | undefined> {
      const row = await trx
        .selectFrom('qualification_tests')
        .innerJoin('qualification_types as t', 't.id', 'qualification_tests.type_id')
        .innerJoin('users as u', 'u.id', 't.owner_id')
        .select(testColumns)
        .select([
          't.owner_id',
          't.name',
          't.description',
          'u.handle as owner_handle',
          'u.display_name as owner_display_name',
        ])
        .where('qualification_tests.type_id', '=', typeId)
        .executeTakeFirst();
      // Only requester types have tests, and every one has an owner.
      return row && row.owner_id !== null ? { ...row, owner_id: row.owner_id } : undefined;
    },

    /** Which of these types have a test. */
    async typeIdsWithTests(typeIds: readonly string[], trx: Executor = db): Promise<Set<string>> {
      if (typeIds.length === 0) return new Set();
      const rows = await trx
        .selectFrom('qualification_tests')
        .select('type_id')
        .where('type_id', 'in', [...typeIds])
        .execute();
      return new Set(rows.map((r) => r.type_id));
    },

    /** Marks the worker's open attempt at this test expired when its deadline has passed. */
    async expireOverdue(typeId: string, workerId: string, now: Date, trx: Executor = db) {
      await trx
        .updateTable('qualification_test_attempts')
        .set({ status: 'expired' })
        .where('type_id', '=', typeId)
        .where('worker_id', '=', workerId)
        .where('status', '=', 'open')
        .where('deadline', '<=', now)
        .execute();
    },

    async findOpenAttemptId(
      typeId: string,
      workerId: string,
      trx: Executor = db,
    ): Promise<string | undefined> {
      const row = await trx
        .selectFrom('qualification_test_attempts')
        .select('id')
        .where('type_id', '=', typeId)
        .where('worker_id', '=', workerId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return row?.id;
    },

    /**
     * When the worker's last finished attempt ended: its submission, or its deadline when it
     * expired unsubmitted. Undefined before the first.
     */
    async lastAttemptEnd(
      typeId: string,
      workerId: string,
      trx: Executor = db,
    ): Promise<Date | undefined> {
      const row = await trx
        .selectFrom('qualification_test_attempts')
        .select(sql<Date | null>`max(coalesce(submitted_at, deadline))`.as('ended'))
        .where('type_id', '=', typeId)
        .where('worker_id', '=', workerId)
        .where('status', '<>', 'open')
        .executeTakeFirst();
      return row?.ended ? new Date(row.ended) : undefined;
    },

    /** The worker's latest scored attempt at this test. */
    async lastSubmitted(
      typeId: string,
      workerId: string,
      trx: Executor = db,
    ): Promise<Omit<AttemptRow, 'template' | 'answer_key'> | undefined> {
      return trx
        .selectFrom('qualification_test_attempts as a')
        .select(attemptColumns)
        .where('a.type_id', '=', typeId)
        .where('a.worker_id', '=', workerId)
        .where('a.status', '=', 'submitted')
        .orderBy('a.submitted_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async insertAttempt(
      attempt: {
        typeId: string;
        workerId: string;
        test: TestRow;
        startedAt: Date;
        deadline: Date;
      },
      trx: Executor = db,
    ): Promise<AttemptRow> {
      const { test } = attempt;
      return trx
        .insertInto('qualification_test_attempts')
        .values({
          type_id: attempt.typeId,
          worker_id: attempt.workerId,
          template: JSON.stringify(test.template),
          answer_key: JSON.stringify(test.answer_key),
          passing_score: test.passing_score,
          max_score: test.max_score,
          started_at: attempt.startedAt,
          deadline: attempt.deadline,
        })
        .returning([
          'id',
          'type_id',
          'worker_id',
          'status',
          'passing_score',
          'max_score',
          'started_at',
          'deadline',
          'submitted_at',
          'score',
          'passed',
          'template',
          'answer_key',
        ])
        .executeTakeFirstOrThrow();
    },

    /** An attempt, with the owner of its type (who grants the qualification on a pass). */
    async findAttempt(
      id: string,
      trx: Executor = db,
    ): Promise<(AttemptRow & { owner_id: string }) | undefined> {
      const row = await trx
        .selectFrom('qualification_test_attempts as a')
        .innerJoin('qualification_types as t', 't.id', 'a.type_id')
        .select([...attemptColumns, 'a.template', 'a.answer_key', 't.owner_id'])
        .where('a.id', '=', id)
        .executeTakeFirst();
      // Tests belong to requester types only, which always have an owner.
      return row && row.owner_id !== null ? { ...row, owner_id: row.owner_id } : undefined;
    },

    /**
     * Records the score of an open attempt still within its deadline: one statement, so of two
     * concurrent submits exactly one finds it open. False when it was not.
     */
    async recordScore(
      result: {
        id: string;
        workerId: string;
        answers: Record<string, unknown>;
        score: number;
        passed: boolean;
        now: Date;
      },
      trx: Executor = db,
    ): Promise<boolean> {
      return updatedAny(
        trx
          .updateTable('qualification_test_attempts')
          .set({
            status: 'submitted',
            answers: JSON.stringify(result.answers),
            score: result.score,
            passed: result.passed,
            submitted_at: result.now,
          })
          .where('id', '=', result.id)
          .where('worker_id', '=', result.workerId)
          .where('status', '=', 'open')
          .where('deadline', '>', result.now),
      );
    },

    async expireAttempt(id: string, trx: Executor = db): Promise<void> {
      await trx
        .updateTable('qualification_test_attempts')
        .set({ status: 'expired' })
        .where('id', '=', id)
        .where('status', '=', 'open')
        .execute();
    },

    async listAttempts(
      typeId: string,
      page: CursorRequest,
      trx: Executor = db,
    ): Promise<OwnerAttemptRow[]> {
      const query = trx
        .selectFrom('qualification_test_attempts as a')
        .innerJoin('users as u', 'u.id', 'a.worker_id')
        .select(attemptColumns)
        .select(['u.handle', 'u.display_name'])
        .where('a.type_id', '=', typeId);
      return newestFirstPage(query, ['a.started_at', 'a.id'], fromCursor(page)).execute();
    },
  };
}

export type QualificationTestsRepository = ReturnType<typeof createQualificationTestsRepository>;
