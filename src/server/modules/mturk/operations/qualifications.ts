import { z } from 'zod';
import { isUuid, QUALIFICATION_LIMITS } from '../../../../shared/api/qualifications.js';
import { AppError } from '../../../errors.js';
import type { Clock } from '../../../lib/clock.js';
import type {
  QualificationTestsService,
  TestRow,
} from '../../qualifications/qualification-tests.service.js';
import type { QualificationRequestsService } from '../../qualifications/qualification-requests.service.js';
import type { QualificationsService } from '../../qualifications/qualifications.service.js';
import { presentHitPage } from '../hit-presenter.js';
import type { HitsService } from '../hits.service.js';
import { requestError } from '../mturk-errors.js';
import { operation, type MturkOperations } from '../operation.js';
import { qualificationTestFromMturk } from '../qualification-test.js';
import { mturkTypeId, tesseraTypeId } from '../requirements.js';

type TypeRow = Awaited<ReturnType<QualificationsService['getType']>>;

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const id = z.string().min(1).max(64);
const integerValue = z
  .number()
  .int()
  .min(QUALIFICATION_LIMITS.valueMin)
  .max(QUALIFICATION_LIMITS.valueMax);
const page = {
  NextToken: z.string().min(1).max(256).optional(),
  MaxResults: z.number().int().min(1).max(100).optional(),
};
const testFields = {
  Test: z.string().max(65_535).optional(),
  AnswerKey: z.string().max(65_535).optional(),
  TestDurationInSeconds: z.number().int().min(1).optional(),
};
const settingsFields = {
  Description: z.string().max(QUALIFICATION_LIMITS.descriptionMax),
  QualificationTypeStatus: z.enum(['Active', 'Inactive']),
  RetryDelayInSeconds: z.number().int().min(0).max(QUALIFICATION_LIMITS.retryDelayMax).optional(),
  AutoGranted: z.boolean().optional(),
  AutoGrantedValue: integerValue.optional(),
  ...testFields,
};

const createInput = z.strictObject({
  Name: z.string().trim().min(1).max(QUALIFICATION_LIMITS.nameMax),
  Keywords: z.string().max(1_000).optional(),
  ...settingsFields,
});
const updateInput = z.strictObject({
  QualificationTypeId: id,
  ...settingsFields,
  Description: settingsFields.Description.optional(),
  QualificationTypeStatus: settingsFields.QualificationTypeStatus.optional(),
});

/** MTurk refuses a type that is both granted on request and earned by a test. */
function refuseAutoGrantedTest(input: { AutoGranted?: boolean | undefined }, test: unknown) {
  if (test !== undefined && input.AutoGranted) {
    throw requestError(
      'A qualification type with a Test cannot be AutoGranted.',
      'AWS.MechanicalTurk.InvalidParameterValue',
    );
  }
}

/**
 * The test as MTurk shows it: the XML it was made from (the AnswerKey to its owner only) and its
 * time limit. A test made in Tessera's web app or REST API has no XML to show, only its duration.
 */
function presentTest(test: TestRow | null, callerOwnsIt: boolean) {
  if (!test) return {};
  return {
    ...(test.mturk_test_xml !== null && { Test: test.mturk_test_xml }),
    ...(callerOwnsIt &&
      test.mturk_answer_key_xml !== null && { AnswerKey: test.mturk_answer_key_xml }),
    TestDurationInSeconds: test.test_duration_seconds,
  };
}

function presentType(row: TypeRow, test: ReturnType<typeof presentTest> = {}) {
  return {
    QualificationTypeId: mturkTypeId(row.id),
    CreationTime: epochSeconds(row.created_at),
    Name: row.name,
    Description: row.description,
    Keywords: row.keywords,
    QualificationTypeStatus: row.active ? 'Active' : 'Inactive',
    ...(row.retry_delay_seconds !== null && { RetryDelayInSeconds: row.retry_delay_seconds }),
    IsRequestable: row.requestable,
    AutoGranted: row.auto_granted,
    ...(row.auto_granted && { AutoGrantedValue: row.auto_granted_value }),
    ...test,
  };
}

/**
 * Runs a service call and answers its domain errors in MTurk's words: a missing (or someone
 * else's) thing by `missing`, any other refusal by its own message.
 */
async function asMturk<T>(call: Promise<T>, missing: () => string): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof AppError && error.statusCode === 404) {
      throw requestError(missing(), 'AWS.MechanicalTurk.QualificationDoesNotExist');
    }
    if (error instanceof AppError && error.statusCode < 500) {
      throw requestError(error.message, 'AWS.MechanicalTurk.InvalidParameterValue');
    }
    throw error;
  }
}

/** MTurk's QualificationTypeId as Tessera's: the system aliases mapped, anything else an id. */
function typeIdOf(given: string): string {
  const tessera = tesseraTypeId(given);
  if (!isUuid(tessera)) {
    throw requestError(
      `QualificationType ${given} does not exist.`,
      'AWS.MechanicalTurk.QualificationTypeDoesNotExist',
    );
  }
  return tessera;
}

function workerIdOf(given: string): string {
  if (!isUuid(given)) {
    throw requestError(`Worker ${given} does not exist.`, 'AWS.MechanicalTurk.WorkerDoesNotExist');
  }
  return given;
}

const typeMissing = (given: string) => () => `QualificationType ${given} does not exist.`;

/** What the qualification operations use of the qualifications service. */
export type QualificationTypeService = Pick<
  QualificationsService,
  | 'createType'
  | 'getType'
  | 'updateType'
  | 'disposeType'
  | 'listTypes'
  | 'grant'
  | 'revoke'
  | 'score'
  | 'listHolders'
  | 'listRevoked'
>;

/**
 * The 13 qualification operations: types (create, read, update, delete, list) with their tests,
 * grants (associate, disassociate, score, holders), the HITs a type guards, and workers' requests.
 */
export function qualificationOperations(deps: {
  qualifications: QualificationTypeService;
  requests: Pick<
    QualificationRequestsService,
    'listForOwner' | 'grant' | 'refuse' | 'announceGrant'
  >;
  tests: Pick<QualificationTestsService, 'definition'>;
  hits: Pick<HitsService, 'listHits'>;
  clock: Clock;
}): MturkOperations {
  const { qualifications, requests, tests, hits, clock } = deps;
  /** The type as MTurk shows it to the caller, with its test when it has one. */
  const presentWithTest = async (callerId: string, type: TypeRow) =>
    presentType(
      type,
      presentTest(await tests.definition(callerId, type.id), type.owner_id === callerId),
    );
  const ownType = (owner: string, given: string) =>
    asMturk(qualifications.getType(owner, typeIdOf(given)), typeMissing(given)).then((type) => {
      if (type.owner_id === null) {
        throw requestError(
          `QualificationType ${given} is a system qualification type; its values are computed, not granted.`,
          'AWS.MechanicalTurk.InvalidParameterValue',
        );
      }
      return type;
    });

  return {
    CreateQualificationType: operation(createInput, async (caller, input) => {
      const test = qualificationTestFromMturk(input);
      refuseAutoGrantedTest(input, test);
      const type = await asMturk(
        qualifications.createType(caller.user.id, {
          name: input.Name,
          description: input.Description,
          keywords: input.Keywords ?? '',
          // Every type a requester makes on MTurk can be requested by workers.
          requestable: true,
          active: input.QualificationTypeStatus === 'Active',
          autoGranted: input.AutoGranted ?? false,
          autoGrantedValue: input.AutoGrantedValue ?? 1,
          retryDelaySeconds: input.RetryDelayInSeconds ?? null,
          test,
        }),
        () => 'The qualification type could not be created.',
      );
      return { QualificationType: await presentWithTest(caller.user.id, type) };
    }),

    GetQualificationType: operation(
      z.strictObject({ QualificationTypeId: id }),
      async (caller, input) => ({
        QualificationType: await presentWithTest(
          caller.user.id,
          await asMturk(
            qualifications.getType(caller.user.id, typeIdOf(input.QualificationTypeId)),
            typeMissing(input.QualificationTypeId),
          ),
        ),
      }),
    ),

    UpdateQualificationType: operation(updateInput, async (caller, input) => {
      const test = qualificationTestFromMturk(input);
      refuseAutoGrantedTest(input, test);
      const type = await ownType(caller.user.id, input.QualificationTypeId);
      const updated = await asMturk(
        qualifications.updateType(caller.user.id, type.id, {
          description: input.Description,
          ...(input.QualificationTypeStatus && {
            active: input.QualificationTypeStatus === 'Active',
          }),
          autoGranted: input.AutoGranted,
          // Auto-granting is a way of answering requests, so the type becomes requestable.
          ...(input.AutoGranted && { requestable: true }),
          autoGrantedValue: input.AutoGrantedValue,
          retryDelaySeconds: input.RetryDelayInSeconds,
          test,
        }),
        typeMissing(input.QualificationTypeId),
      );
      return { QualificationType: await presentWithTest(caller.user.id, updated) };
    }),

    DeleteQualificationType: operation(
      z.strictObject({ QualificationTypeId: id }),
      async (caller, input) => {
        const type = await ownType(caller.user.id, input.QualificationTypeId);
        await asMturk(
          qualifications.disposeType(caller.user.id, type.id),
          typeMissing(input.QualificationTypeId),
        );
        return {};
      },
    ),

    ListQualificationTypes: operation(
      z.strictObject({
        Query: z.string().max(256).optional(),
        MustBeRequestable: z.boolean(),
        MustBeOwnedByCaller: z.boolean().optional(),
        ...page,
      }),
      async (caller, input) => {
        const found = await asMturk(
          qualifications.listTypes(caller.user.id, {
            q: input.Query?.trim() || undefined,
            owner: input.MustBeOwnedByCaller ? 'me' : undefined,
            requestable: input.MustBeRequestable,
            cursor: input.NextToken,
            limit: input.MaxResults ?? 10,
          }),
          () => 'No such qualification types.',
        );
        return {
          NumResults: found.items.length,
          QualificationTypes: found.items.map(presentType),
          ...(found.nextCursor !== null && { NextToken: found.nextCursor }),
        };
      },
    ),

    AssociateQualificationWithWorker: operation(
      z.strictObject({
        QualificationTypeId: id,
        WorkerId: id,
        IntegerValue: integerValue.optional(),
        SendNotification: z.boolean().optional(),
      }),
      async (caller, input) => {
        const type = await ownType(caller.user.id, input.QualificationTypeId);
        const workerId = workerIdOf(input.WorkerId);
        const value = input.IntegerValue ?? 1;
        await asMturk(
          qualifications.grant(caller.user.id, type.id, workerId, value),
          () => `Worker ${input.WorkerId} does not exist.`,
        );
        if (input.SendNotification !== false) {
          await requests.announceGrant(workerId, type.name, value);
        }
        return {};
      },
    ),

    DisassociateQualificationFromWorker: operation(
      z.strictObject({
        QualificationTypeId: id,
        WorkerId: id,
        Reason: z.string().max(QUALIFICATION_LIMITS.reasonMax).optional(),
      }),
      async (caller, input) => {
        const type = await ownType(caller.user.id, input.QualificationTypeId);
        await asMturk(
          qualifications.revoke(caller.user.id, type.id, workerIdOf(input.WorkerId), input.Reason),
          () =>
            `Worker ${input.WorkerId} does not hold QualificationType ${input.QualificationTypeId}.`,
        );
        return {};
      },
    ),

    GetQualificationScore: operation(
      z.strictObject({ QualificationTypeId: id, WorkerId: id }),
      async (caller, input) => {
        const type = await ownType(caller.user.id, input.QualificationTypeId);
        const score = await qualifications.score(caller.user.id, type.id, input.WorkerId);
        if (!score) {
          throw requestError(
            `You requested a Qualification that does not exist: Worker ${input.WorkerId} has never held QualificationType ${input.QualificationTypeId}.`,
            'AWS.MechanicalTurk.QualificationDoesNotExist',
          );
        }
        return {
          Qualification: {
            QualificationTypeId: input.QualificationTypeId,
            WorkerId: score.worker_id,
            IntegerValue: score.value,
            ...(score.status === 'granted'
              ? { GrantTime: epochSeconds(score.granted_at), Status: 'Granted' }
              : { Status: 'Revoked' }),
          },
        };
      },
    ),

    ListWorkersWithQualificationType: operation(
      z.strictObject({
        QualificationTypeId: id,
        Status: z.enum(['Granted', 'Revoked']).optional(),
        ...page,
      }),
      async (caller, input) => {
        const type = await ownType(caller.user.id, input.QualificationTypeId);
        const range = { cursor: input.NextToken, limit: input.MaxResults ?? 10 };
        const qualificationTypeId = mturkTypeId(type.id);
        const status = input.Status ?? 'Granted';
        const listed = await asMturk<{
          nextCursor: string | null;
          items: { worker_id: string; value: number; granted_at?: Date }[];
        }>(
          status === 'Revoked'
            ? qualifications.listRevoked(caller.user.id, type.id, range)
            : qualifications.listHolders(caller.user.id, type.id, range),
          typeMissing(input.QualificationTypeId),
        );
        const items = listed.items.map((row) => ({
          QualificationTypeId: qualificationTypeId,
          WorkerId: row.worker_id,
          // Only a granted qualification has a grant time to show.
          ...(row.granted_at && { GrantTime: epochSeconds(row.granted_at) }),
          IntegerValue: row.value,
          Status: status,
        }));
        return {
          NumResults: items.length,
          Qualifications: items,
          ...(listed.nextCursor !== null && { NextToken: listed.nextCursor }),
        };
      },
    ),

    ListHITsForQualificationType: operation(
      z.strictObject({ QualificationTypeId: id, ...page }),
      async (caller, input) => {
        // System types too: MTurk's ids name them here.
        const type = await asMturk(
          qualifications.getType(caller.user.id, typeIdOf(input.QualificationTypeId)),
          typeMissing(input.QualificationTypeId),
        );
        const found = await hits.listHits(caller.user.id, {
          after: input.NextToken,
          limit: input.MaxResults ?? 10,
          requiringTypeId: type.id,
        });
        return presentHitPage(found, clock.now());
      },
    ),

    ListQualificationRequests: operation(
      z.strictObject({ QualificationTypeId: id.optional(), ...page }),
      async (caller, input) => {
        const type =
          input.QualificationTypeId === undefined
            ? undefined
            : await ownType(caller.user.id, input.QualificationTypeId);
        const found = await asMturk(
          requests.listForOwner(caller.user.id, {
            qualificationTypeId: type?.id,
            status: 'pending',
            cursor: input.NextToken,
            limit: input.MaxResults ?? 10,
          }),
          () => 'No such qualification requests.',
        );
        return {
          NumResults: found.items.length,
          QualificationRequests: found.items.map((row) => ({
            QualificationRequestId: row.id,
            QualificationTypeId: row.type_id,
            WorkerId: row.worker_id,
            SubmitTime: epochSeconds(row.created_at),
          })),
          ...(found.nextCursor !== null && { NextToken: found.nextCursor }),
        };
      },
    ),

    AcceptQualificationRequest: operation(
      z.strictObject({ QualificationRequestId: id, IntegerValue: integerValue.optional() }),
      async (caller, input) => {
        await asMturk(
          requests.grant(caller.user.id, input.QualificationRequestId, input.IntegerValue ?? 1),
          () => `QualificationRequest ${input.QualificationRequestId} does not exist.`,
        );
        return {};
      },
    ),

    RejectQualificationRequest: operation(
      z.strictObject({
        QualificationRequestId: id,
        Reason: z.string().max(QUALIFICATION_LIMITS.reasonMax).optional(),
      }),
      async (caller, input) => {
        await asMturk(
          requests.refuse(caller.user.id, input.QualificationRequestId, input.Reason ?? ''),
          () => `QualificationRequest ${input.QualificationRequestId} does not exist.`,
        );
        return {};
      },
    ),
  };
}
