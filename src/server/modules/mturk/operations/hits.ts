import { z } from 'zod';
import type { Clock } from '../../../lib/clock.js';
import { presentHit, presentHitPage } from '../hit-presenter.js';
import type { HitsService, HitTypeSettings, NewHit } from '../hits.service.js';
import { dollarAmount } from '../money.js';
import { requestError } from '../mturk-errors.js';
import { operation, type MturkCaller, type MturkOperations } from '../operation.js';
import { QUESTION_MAX_CHARS } from '../question.js';
import { mturkRequirementSchema, toTesseraRequirement } from '../requirements.js';

const YEAR_SECONDS = 365 * 24 * 3600;
const THIRTY_DAYS_SECONDS = 30 * 24 * 3600;

const seconds = (min: number, max: number) => z.number().int().min(min).max(max);

/** MTurk's comma-separated keywords, as Tessera's list. */
const keywords = z
  .string()
  .max(1_000)
  .transform((value) =>
    value
      .split(',')
      .map((keyword) => keyword.trim())
      .filter((keyword) => keyword !== ''),
  );

/** The fields of CreateHITType, and of CreateHIT, which names its HIT type inline. */
const hitTypeFields = {
  AutoApprovalDelayInSeconds: seconds(0, THIRTY_DAYS_SECONDS).optional(),
  AssignmentDurationInSeconds: seconds(30, YEAR_SECONDS),
  Reward: dollarAmount,
  Title: z.string().min(1).max(128),
  Keywords: keywords.optional(),
  Description: z.string().min(1).max(2_000),
  QualificationRequirements: z.array(mturkRequirementSchema).max(10).optional(),
};

/** The fields of one HIT, in CreateHIT and CreateHITWithHITType. */
const hitFields = {
  MaxAssignments: z.number().int().min(1).max(1_000_000).optional(),
  LifetimeInSeconds: seconds(30, YEAR_SECONDS),
  Question: z.string().min(1).max(QUESTION_MAX_CHARS).optional(),
  RequesterAnnotation: z.string().max(255).optional(),
  UniqueRequestToken: z.string().min(1).max(64).optional(),
  AssignmentReviewPolicy: z.unknown().optional(),
  HITReviewPolicy: z.unknown().optional(),
  HITLayoutId: z.string().optional(),
  HITLayoutParameters: z.unknown().optional(),
};

const createHitTypeInput = z.strictObject(hitTypeFields);
const createHitInput = z.strictObject({ ...hitTypeFields, ...hitFields });
const createHitWithHitTypeInput = z.strictObject({
  HITTypeId: z.string().min(1).max(64),
  ...hitFields,
});

function settingsOf(input: z.output<typeof createHitTypeInput>): HitTypeSettings {
  return {
    title: input.Title,
    description: input.Description,
    keywords: input.Keywords ?? [],
    rewardCents: input.Reward,
    assignmentDurationSeconds: input.AssignmentDurationInSeconds,
    // MTurk's default: approved 30 days after submission unless reviewed first.
    autoApprovalDelaySeconds: input.AutoApprovalDelayInSeconds ?? THIRTY_DAYS_SECONDS,
    qualificationRequirements: (input.QualificationRequirements ?? []).map(toTesseraRequirement),
  };
}

function newHitOf(
  input: z.output<typeof createHitWithHitTypeInput> | z.output<typeof createHitInput>,
): NewHit {
  const policies = (['AssignmentReviewPolicy', 'HITReviewPolicy'] as const).filter(
    (name) => input[name] !== undefined,
  );
  if (policies.length > 0) {
    throw requestError(
      `${policies.join(', ')}: this server has no MTurk review policies yet; review the assignments with ApproveAssignment and RejectAssignment instead.`,
      'AWS.MechanicalTurk.InvalidParameterValue',
    );
  }
  const unsupported = (['HITLayoutId', 'HITLayoutParameters'] as const).filter(
    (name) => input[name] !== undefined,
  );
  if (unsupported.length > 0) {
    throw requestError(
      `${unsupported.join(', ')} ${unsupported.length === 1 ? 'is' : 'are'} not supported on this server; give the HIT a Question.`,
      'AWS.MechanicalTurk.InvalidParameterValue',
    );
  }
  if (input.Question === undefined) {
    throw requestError('Question is required.', 'AWS.MechanicalTurk.InvalidParameterValue');
  }
  return {
    question: input.Question,
    maxAssignments: input.MaxAssignments ?? 1,
    lifetimeSeconds: input.LifetimeInSeconds,
    requesterAnnotation: input.RequesterAnnotation,
    uniqueRequestToken: input.UniqueRequestToken,
  };
}

/** HIT types and HITs: CreateHITType, CreateHIT, CreateHITWithHITType, GetHIT, ListHITs. */
export function hitOperations(deps: { hits: HitsService; clock: Clock }): MturkOperations {
  const { hits, clock } = deps;
  const answerHit = (hit: Awaited<ReturnType<HitsService['getHit']>>) => ({
    HIT: presentHit(hit, clock.now()),
  });
  const ownerOf = (caller: MturkCaller) => caller.user.id;

  return {
    CreateHITType: operation(createHitTypeInput, async (caller, input) => {
      const hitType = await hits.createHitType(ownerOf(caller), settingsOf(input));
      return { HITTypeId: hitType.id };
    }),

    CreateHIT: operation(createHitInput, async (caller, input) => {
      const hit = newHitOf(input);
      const hitType = await hits.createHitType(ownerOf(caller), settingsOf(input));
      return answerHit(await hits.createHit(ownerOf(caller), hitType, hit));
    }),

    CreateHITWithHITType: operation(createHitWithHitTypeInput, async (caller, input) => {
      const hit = newHitOf(input);
      const hitType = await hits.requireHitType(ownerOf(caller), input.HITTypeId);
      return answerHit(await hits.createHit(ownerOf(caller), hitType, hit));
    }),

    GetHIT: operation(z.strictObject({ HITId: z.string().min(1).max(64) }), async (caller, input) =>
      answerHit(await hits.getHit(ownerOf(caller), input.HITId)),
    ),

    ListHITs: operation(
      z.strictObject({
        NextToken: z.string().min(1).max(256).optional(),
        MaxResults: z.number().int().min(1).max(100).optional(),
      }),
      async (caller, input) => {
        const page = await hits.listHits(ownerOf(caller), {
          after: input.NextToken,
          limit: input.MaxResults ?? 10,
        });
        return presentHitPage(page, clock.now());
      },
    ),
  };
}
