import {
  QUALIFICATION_TEST_LIMITS,
  qualificationTestSchema,
} from '../../../shared/api/qualification-tests.js';
import type { StoredTest } from '../qualifications/qualification-tests.service.js';
import { answerKeyFromXml } from './answer-key.js';
import { requestError } from './mturk-errors.js';
import { questionFormTemplate } from './question-form.js';

/** The test fields of CreateQualificationType and UpdateQualificationType. */
export type MturkTestFields = {
  Test?: string | undefined;
  AnswerKey?: string | undefined;
  TestDurationInSeconds?: number | undefined;
  RetryDelayInSeconds?: number | undefined;
};

const invalid = (message: string) =>
  requestError(message, 'AWS.MechanicalTurk.InvalidParameterValue');

/**
 * MTurk's Test, AnswerKey and TestDurationInSeconds as a Tessera qualification test, or
 * undefined when none of them is given. MTurk grants every scored attempt with its (mapped)
 * score as the value, so the passing score is 0; without RetryDelayInSeconds MTurk allows one
 * attempt only, which Tessera's longest retry delay (a year) stands for. A Test without an
 * AnswerKey (graded by hand on MTurk) is refused: Tessera scores every test at once.
 */
export function qualificationTestFromMturk(input: MturkTestFields): StoredTest | undefined {
  const { Test, AnswerKey, TestDurationInSeconds } = input;
  if (Test === undefined && AnswerKey === undefined && TestDurationInSeconds === undefined) {
    return undefined;
  }
  if (Test === undefined) {
    throw invalid('AnswerKey and TestDurationInSeconds are only taken together with a Test.');
  }
  if (AnswerKey === undefined) {
    throw invalid(
      'A Test needs its AnswerKey on this server: tests are scored at once, never graded by hand (see docs/mturk.md, "Qualification tests").',
    );
  }
  if (TestDurationInSeconds === undefined) {
    throw invalid('TestDurationInSeconds is required with a Test.');
  }
  const template = questionFormTemplate(Test);
  const answerKey = answerKeyFromXml(AnswerKey, template);
  const parsed = qualificationTestSchema.safeParse({
    template,
    answerKey,
    passingScore: 0,
    testDurationSeconds: TestDurationInSeconds,
    retryDelaySeconds: input.RetryDelayInSeconds ?? QUALIFICATION_TEST_LIMITS.retryDelaySecondsMax,
  });
  if (!parsed.success) {
    const fieldName: Record<string, string> = {
      template: 'Test',
      answerKey: 'AnswerKey',
      testDurationSeconds: 'TestDurationInSeconds',
      retryDelaySeconds: 'RetryDelayInSeconds',
    };
    throw invalid(
      parsed.error.issues
        .map((issue) => {
          const [field, ...rest] = issue.path.map(String);
          const name = [fieldName[field ?? ''] ?? field, ...rest].join('.');
          return `${name}: ${issue.message}`;
        })
        .join('; '),
    );
  }
  return { ...parsed.data, mturkSource: { testXml: Test, answerKeyXml: AnswerKey } };
}
