import { z } from 'zod';
import { answerKeyProblems, type AnswerKey } from '../qualification-test-scoring.js';
import { FORM_ITEM_TYPES, formTemplateSchema } from '../templates/model.js';
import { idSchema, pagedList, pageQuerySchema, personSchema } from './common.js';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';

export const QUALIFICATION_TEST_LIMITS = {
  pointsMax: 1_000,
  testDurationSecondsMin: 30,
  testDurationSecondsMax: 24 * 3600,
  testDurationSecondsDefault: 20 * 60,
  retryDelaySecondsMax: 365 * 24 * 3600,
  retryDelaySecondsDefault: 24 * 3600,
} as const;

const T = QUALIFICATION_TEST_LIMITS;

const whole = (what: string) =>
  z
    .number({ message: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`);

export const answerKeyEntrySchema = z.strictObject({
  /** The right answer, in the form a worker's answer to the item takes. */
  value: z.unknown(),
  points: whole('points')
    .min(0, 'must not be negative')
    .max(T.pointsMax, `must be at most ${T.pointsMax}`)
    .default(1),
});

export const answerKeySchema = z.record(z.string().max(64), answerKeyEntrySchema);

/**
 * A qualification type's test: a `form` template, the right answer and its points per question,
 * the score that passes, the time allowed and how long a worker waits before trying again. The
 * key must fit the template (every key names a question, each value is a valid answer to it) and
 * the passing score must be reachable.
 */
export const qualificationTestSchema = z
  .strictObject({
    template: formTemplateSchema,
    answerKey: answerKeySchema,
    passingScore: whole('points').min(0, 'must not be negative'),
    testDurationSeconds: whole('seconds')
      .min(T.testDurationSecondsMin, `must be at least ${T.testDurationSecondsMin} seconds`)
      .max(T.testDurationSecondsMax, `must be at most ${T.testDurationSecondsMax} seconds (a day)`)
      .default(T.testDurationSecondsDefault),
    retryDelaySeconds: whole('seconds')
      .min(0, 'must not be negative')
      .max(T.retryDelaySecondsMax, `must be at most ${T.retryDelaySecondsMax} seconds (a year)`)
      .default(T.retryDelaySecondsDefault),
  })
  .superRefine((test, ctx) => {
    for (const problem of answerKeyProblems(test.template, test.answerKey, test.passingScore)) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    }
  });
export type QualificationTest = z.infer<typeof qualificationTestSchema>;
export type QualificationTestInput = z.input<typeof qualificationTestSchema>;

/** What the owner reads back: the test as saved, with the most a worker can score. */
export const qualificationTestDefinitionSchema = z.object({
  template: formTemplateSchema,
  answerKey: z.record(z.string(), z.object({ value: z.unknown(), points: z.number().int() })),
  passingScore: z.number().int(),
  maxScore: z.number().int(),
  testDurationSeconds: z.number().int(),
  retryDelaySeconds: z.number().int(),
  updatedAt: z.string(),
});
export type QualificationTestDefinition = z.infer<typeof qualificationTestDefinitionSchema>;

export type { AnswerKey };

/** The questions as a worker sees them (qualifications.ts imports this file, so not projects.ts). */
const filledForm = z.object({
  kind: z.literal('form'),
  items: z.array(z.looseObject({ type: z.enum(FORM_ITEM_TYPES), name: z.string() })),
});

export const TEST_ATTEMPT_STATUSES = ['open', 'submitted', 'expired'] as const;
export type TestAttemptStatus = (typeof TEST_ATTEMPT_STATUSES)[number];

/** A result as its worker sees it: never the key, only the score and whether it passed. */
export const testResultSchema = z.object({
  score: z.number().int(),
  maxScore: z.number().int(),
  passingScore: z.number().int(),
  passed: z.boolean(),
  /** When the worker may start another attempt; null once the type no longer has a test. */
  retryAt: z.string().nullable(),
});
export type TestResult = z.infer<typeof testResultSchema>;

/** One attempt as its worker sees it: the questions (never the key) and, once scored, the result. */
export const testAttemptSchema = z.object({
  id: z.string(),
  qualificationTypeId: z.string(),
  status: z.enum(TEST_ATTEMPT_STATUSES),
  startedAt: z.string(),
  deadline: z.string(),
  template: filledForm,
  result: testResultSchema.nullable(),
});
export type TestAttempt = z.infer<typeof testAttemptSchema>;

/** A test as a worker finds it before starting: what it is, its rules and where they stand. */
export const testSummarySchema = z.object({
  qualificationTypeId: z.string(),
  name: z.string(),
  description: z.string(),
  requester: z.object({ displayName: z.string(), handle: z.string() }),
  questionCount: z.number().int(),
  maxScore: z.number().int(),
  passingScore: z.number().int(),
  testDurationSeconds: z.number().int(),
  retryDelaySeconds: z.number().int(),
  /** The value the worker holds now, or null. */
  heldValue: z.number().int().nullable(),
  /** An attempt still running, to resume. */
  openAttemptId: z.string().nullable(),
  /** The last finished attempt's result, or null before the first. */
  lastResult: testResultSchema.nullable(),
  /** When the worker may start (now or earlier: at once). */
  retryAt: z.string().nullable(),
});
export type TestSummary = z.infer<typeof testSummarySchema>;

/** One attempt as the test's owner sees it. */
export const ownerTestAttemptSchema = z.object({
  id: z.string(),
  worker: personSchema,
  status: z.enum(TEST_ATTEMPT_STATUSES),
  startedAt: z.string(),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  score: z.number().int().nullable(),
  maxScore: z.number().int(),
  passingScore: z.number().int(),
  passed: z.boolean().nullable(),
});
export type OwnerTestAttempt = z.infer<typeof ownerTestAttemptSchema>;

export const testAttemptParamsSchema = z.strictObject({ id: idSchema });
/** Only requester types have tests, so a type is named by its id. */
export const testTypeParamsSchema = z.strictObject({ id: idSchema });
export const submitTestBodySchema = z.strictObject({
  answers: z.record(z.string().max(100), z.unknown()),
});

const worker = readWriteAccess('qualification tests', 'work', ['worker']);

export const qualificationTestEndpoints = {
  summary: endpoint({
    ...worker.read,
    method: 'GET',
    path: '/qualification-types/:id/test',
    summary:
      'A qualification test before taking it: its rules, my last result and when I may start',
    params: testTypeParamsSchema,
    response: testSummarySchema,
  }),
  start: endpoint({
    ...worker.write,
    method: 'POST',
    path: '/qualification-types/:id/test-attempts',
    summary: 'Start a qualification test: its questions (never the answer key) and the deadline',
    description:
      'One open attempt per worker and test (409 `test_attempt_open`, naming it). A new attempt before `retryDelaySeconds` after the last one ended is 429 `test_retry_too_soon` with `Retry-After`.',
    params: testTypeParamsSchema,
    response: testAttemptSchema,
    status: 201,
  }),
  attempt: endpoint({
    ...worker.read,
    method: 'GET',
    path: '/test-attempts/:id',
    summary: 'One of my test attempts: its questions, deadline and, once submitted, the result',
    params: testAttemptParamsSchema,
    response: testAttemptSchema,
  }),
  submit: endpoint({
    ...worker.write,
    method: 'POST',
    path: '/test-attempts/:id/submit',
    summary: 'Submit a test’s answers: scored at once, and the qualification granted on a pass',
    description:
      'Answers are checked like a task’s (400 `invalid_answers` naming the items; the attempt stays open). After the deadline: 410 `test_deadline_passed`, nothing granted. A second submit: 409 `test_attempt_submitted`. On a pass the worker holds the qualification with `value` = score.',
    params: testAttemptParamsSchema,
    body: submitTestBodySchema,
    response: testResultSchema,
  }),
  listAttempts: endpoint({
    tag: 'qualification tests',
    auth: { scope: 'projects:read', roles: ['requester'] },
    ...pagedList(pageQuerySchema, ownerTestAttemptSchema),
    path: '/qualification-types/:id/test-attempts',
    summary: 'Attempts at my qualification type’s test and their scores, newest first',
    params: testTypeParamsSchema,
  }),
};
