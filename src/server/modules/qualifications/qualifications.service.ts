import {
  canonicalQualificationTypeId,
  findSystemQualificationType,
  isUuid,
  requirementShapeIssues,
  SYSTEM_QUALIFICATION_IDS,
  type QualificationRequirement,
} from '../../../shared/api/qualifications.js';
import { maxScore } from '../../../shared/qualification-test-scoring.js';
import type { Db } from '../../db/database.js';
import { keysetPage, pageFrom } from '../../db/pagination.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import { inTransaction } from '../../db/transactions.js';
import {
  ConflictError,
  FieldProblems,
  fieldProblems,
  NotFoundError,
  ValidationError,
} from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import {
  createQualificationsRepository,
  type GrantTargetRow,
  type HolderRow,
  type QualificationTypeRow,
  type RequestSettings,
  type TypeListFilter,
} from './qualifications.repository.js';
import {
  createQualificationTestsRepository,
  type StoredTest,
} from './qualification-tests.repository.js';
import { createQualificationRequestsRepository } from './qualification-requests.repository.js';
import { explainUnmetRequirement, type UnmetRequirement } from './requirement-explanations.js';
import { requirementTypeIds, unmetRequirements, type QualificationValue } from './requirements.js';

const FIELD = 'qualificationRequirements';

function isNameTaken(error: unknown): boolean {
  return isUniqueViolation(error, 'qualification_types_owner_name_key');
}

/** An auto-granted type is granted on request, so it must be one workers can request. */
function assertSettingsCoherent(settings: { requestable: boolean; autoGranted: boolean }) {
  if (settings.autoGranted && !settings.requestable) {
    throw new ValidationError(
      'autoGranted: a type is granted automatically only when workers can request it; set requestable too',
      fieldProblems({ autoGranted: 'needs requestable' }),
    );
  }
}

function nameTaken(name: string) {
  return new ConflictError(
    'name_taken',
    `You already have a qualification type named "${name}".`,
    fieldProblems({ name: 'is already taken' }),
  );
}

/**
 * MTurk's rule: a worker with fewer than `minDecided` decided (approved + rejected) assignments,
 * and so any worker with none, counts as 100 % approved: one early rejection says little.
 * Rounded down, so any rejection shows once the rate counts.
 */
export function approvalRatePercent(
  approved: number,
  rejected: number,
  minDecided: number,
): number {
  const decided = approved + rejected;
  return decided === 0 || decided < minDecided ? 100 : Math.floor((approved * 100) / decided);
}

/**
 * The system types' values for a worker, from their reviewed work and their profile: approval
 * rate, approved count, and country when they have set one.
 */
export function systemQualificationValues(
  facts: { approved: number; rejected: number; country: string | null },
  approvalRateMinDecided: number,
): Map<string, QualificationValue> {
  const { approvalRate, approvedCount, country } = SYSTEM_QUALIFICATION_IDS;
  const values = new Map<string, QualificationValue>([
    [approvalRate, approvalRatePercent(facts.approved, facts.rejected, approvalRateMinDecided)],
    [approvedCount, facts.approved],
  ]);
  if (facts.country) values.set(country, facts.country);
  return values;
}

export function createQualificationsService(deps: {
  db: Db;
  clock: Clock;
  /** See `Config.approvalRateMinDecided`. */
  approvalRateMinDecided: number;
}) {
  const repository = createQualificationsRepository(deps.db);
  const tests = createQualificationTestsRepository(deps.db);
  const requests = createQualificationRequestsRepository(deps.db);
  const { clock, approvalRateMinDecided } = deps;

  function saveTest(typeId: string, test: StoredTest, now: Date, trx: Db) {
    return tests.saveTest(typeId, { ...test, maxScore: maxScore(test.answerKey) }, now, trx);
  }

  /** The worker's values for the given types, and their decided work the values came from. */
  async function valuesAndRecord(workerId: string, typeIds: readonly string[], trx?: Db) {
    const ids = new Set(typeIds.map(canonicalQualificationTypeId));
    const values = new Map<string, QualificationValue>();
    const granted = [...ids].filter((id) => isUuid(id) && !findSystemQualificationType(id));
    for (const row of await repository.grantedValues(workerId, granted, trx)) {
      values.set(row.type_id, row.value);
    }
    const { approvalRate, approvedCount, country } = SYSTEM_QUALIFICATION_IDS;
    const record =
      ids.has(approvalRate) || ids.has(approvedCount)
        ? await repository.reviewedAssignmentCounts(workerId, trx)
        : { approved: 0, rejected: 0 };
    const code = ids.has(country) ? await repository.userCountry(workerId, trx) : null;
    const system = systemQualificationValues({ ...record, country: code }, approvalRateMinDecided);
    for (const [id, value] of system) {
      if (ids.has(id)) values.set(id, value);
    }
    return { values, record };
  }

  /** Someone else's type is reported exactly like a missing one. */
  async function requireVisibleType(ownerId: string, idOrKey: string, trx?: Db) {
    const type = await repository.findVisibleType(
      ownerId,
      canonicalQualificationTypeId(idOrKey),
      trx,
    );
    if (!type) throw new NotFoundError('Qualification type');
    return type;
  }

  async function requireOwnType(ownerId: string, idOrKey: string, soIt: string, trx?: Db) {
    const type = await requireVisibleType(ownerId, idOrKey, trx);
    if (type.owner_id === null) {
      throw new ConflictError(
        'system_qualification_type',
        `"${type.name}" is a system qualification type: its values are computed from each worker's record, so it ${soIt}.`,
      );
    }
    return type;
  }

  async function findUser(idOrHandle: string, trx?: Db): Promise<GrantTargetRow | undefined> {
    return repository.findUser(
      isUuid(idOrHandle) ? { id: idOrHandle } : { handle: idOrHandle },
      trx,
    );
  }

  async function requireActiveWorker(idOrHandle: string, trx?: Db): Promise<GrantTargetRow> {
    const user = await findUser(idOrHandle, trx);
    if (!user || user.status !== 'active') throw new NotFoundError('Worker');
    if (!user.roles.includes('worker')) {
      throw new ValidationError(
        `workerIdOrHandle: @${user.handle} is not a worker; only accounts with the worker role can hold qualifications`,
        [{ path: 'params.workerIdOrHandle', message: 'is not a worker' }],
        'not_a_worker',
      );
    }
    return user;
  }

  return {
    async createType(
      ownerId: string,
      input: {
        name: string;
        description: string;
        test?: StoredTest | undefined;
      } & RequestSettings,
    ) {
      assertSettingsCoherent({
        requestable: input.requestable ?? false,
        autoGranted: input.autoGranted ?? false,
      });
      const { test, ...type } = input;
      const now = clock.now();
      try {
        return await inTransaction(deps.db, async (trx) => {
          const row = await repository.insertType({ ownerId, ...type, now }, trx);
          if (test) await saveTest(row.id, test, now, trx);
          return { ...row, has_test: test !== undefined };
        });
      } catch (error) {
        if (isNameTaken(error)) throw nameTaken(input.name);
        throw error;
      }
    },

    getType: requireVisibleType,

    async listTypes(ownerId: string, filter: TypeListFilter) {
      return pageFrom(await repository.listVisibleTypes(ownerId, filter), filter.limit);
    },

    async updateType(
      ownerId: string,
      idOrKey: string,
      patch: {
        name?: string | undefined;
        description?: string | undefined;
        test?: StoredTest | null | undefined;
      } & RequestSettings,
    ): Promise<QualificationTypeRow> {
      const type = await requireOwnType(ownerId, idOrKey, 'cannot be edited');
      assertSettingsCoherent({
        requestable: patch.requestable ?? type.requestable,
        autoGranted: patch.autoGranted ?? type.auto_granted,
      });
      const { test, ...fields } = patch;
      const now = clock.now();
      try {
        await inTransaction(deps.db, async (trx) => {
          await repository.updateOwnType(ownerId, type.id, { ...fields, now }, trx);
          if (test === null) await tests.deleteTest(type.id, trx);
          else if (test) await saveTest(type.id, test, now, trx);
        });
      } catch (error) {
        if (isNameTaken(error)) throw nameTaken(patch.name ?? type.name);
        throw error;
      }
      return requireVisibleType(ownerId, type.id);
    },

    /** Grants a value, or changes the value a worker already holds. */
    async grant(
      ownerId: string,
      idOrKey: string,
      workerIdOrHandle: string,
      value: number,
      trx?: Db,
    ): Promise<HolderRow> {
      const type = await requireOwnType(ownerId, idOrKey, 'cannot be granted', trx);
      const worker = await requireActiveWorker(workerIdOrHandle, trx);
      // A grant clears a revocation on record: the worker holds the type again.
      const upsert = async (t: Db) => {
        await requests.forgetRevocation(type.id, worker.id, t);
        return repository.upsertGrant(
          { typeId: type.id, workerId: worker.id, value, now: clock.now() },
          t,
        );
      };
      const grant = trx ? await upsert(trx) : await inTransaction(deps.db, upsert);
      return {
        type_id: type.id,
        worker_id: worker.id,
        handle: worker.handle,
        display_name: worker.display_name,
        ...grant,
      };
    },

    /**
     * Revoking works for any holder, including one suspended since the grant. The revocation is
     * kept (value and reason), as MTurk lists revoked qualifications.
     */
    async revoke(ownerId: string, idOrKey: string, workerIdOrHandle: string, reason = '') {
      const type = await requireOwnType(ownerId, idOrKey, 'cannot be revoked');
      const user = await findUser(workerIdOrHandle);
      const revoked =
        user &&
        (await deps.db.transaction().execute(async (trx) => {
          const value = await repository.deleteGrant(type.id, user.id, trx);
          if (value === undefined) return false;
          await requests.recordRevocation(
            { type_id: type.id, worker_id: user.id, value, reason, revoked_at: clock.now() },
            trx,
          );
          return true;
        }));
      if (!revoked) throw new NotFoundError('Qualification grant');
    },

    /**
     * MTurk's DeleteQualificationType: the type leaves every list and cannot be named by new
     * requirements; its grants stay, so live projects that require it keep their workers; open
     * requests are refused.
     */
    async disposeType(ownerId: string, idOrKey: string) {
      const type = await requireOwnType(ownerId, idOrKey, 'cannot be deleted');
      await deps.db.transaction().execute(async (trx) => {
        const now = clock.now();
        await repository.disposeOwnType(ownerId, type.id, now, trx);
        await requests.refuseAllPending(type.id, 'The qualification type was deleted.', now, trx);
      });
    },

    /** A worker's standing on one of the owner's types: held, revoked, or neither. */
    async score(ownerId: string, idOrKey: string, workerId: string) {
      const type = await requireOwnType(ownerId, idOrKey, 'has no stored scores');
      const grant = isUuid(workerId) ? await repository.findGrant(type.id, workerId) : undefined;
      if (grant) return { status: 'granted' as const, ...grant };
      const revoked = isUuid(workerId)
        ? await requests.findRevocation(type.id, workerId)
        : undefined;
      return revoked ? { status: 'revoked' as const, ...revoked } : undefined;
    },

    async listRevoked(
      ownerId: string,
      idOrKey: string,
      page: { cursor?: string | undefined; limit: number },
    ) {
      const type = await requireOwnType(ownerId, idOrKey, 'has no list of holders');
      const rows = await requests.listRevoked(type.id, page);
      return keysetPage(rows, page.limit, (row) => [row.revoked_at, row.worker_id]);
    },

    async listHolders(
      ownerId: string,
      idOrKey: string,
      page: { cursor?: string | undefined; limit: number },
    ) {
      const type = await requireOwnType(ownerId, idOrKey, 'has no list of holders');
      const rows = await repository.listHolders(type.id, page);
      return keysetPage(rows, page.limit, (row) => [row.granted_at, row.worker_id]);
    },

    /**
     * For a project's create and edit: every requirement must name one of the owner's types or a
     * system type, with values of the kind that type holds. Bad input, so 400 even when the type
     * is someone else's. Returns the requirements with system keys replaced by their ids, the form
     * to store.
     */
    async assertRequirementsUsable(
      ownerId: string,
      requirements: readonly QualificationRequirement[],
      trx?: Db,
    ): Promise<QualificationRequirement[]> {
      const canonical = requirements.map((r) => ({
        ...r,
        qualificationTypeId: canonicalQualificationTypeId(r.qualificationTypeId),
      }));
      // Anything but an id (a caller that skipped the schema) simply names no type.
      const ids = requirementTypeIds(requirements).filter(isUuid);
      const types = new Map(
        (await repository.findVisibleTypes(ownerId, ids, trx)).map((t) => [t.id, t]),
      );
      const issues: { field: string; message: string; at: string }[] = [];
      canonical.forEach((requirement, i) => {
        const type = types.get(requirement.qualificationTypeId);
        if (!type) {
          issues.push({
            at: `${FIELD}[${i}].qualificationTypeId`,
            field: `${FIELD}.${i}.qualificationTypeId`,
            message: 'is neither one of your qualification types nor a system type',
          });
          return;
        }
        for (const issue of requirementShapeIssues(requirement, type.value_kind)) {
          issues.push({
            at: `${FIELD}[${i}].${issue.field}`,
            field: `${FIELD}.${i}.${issue.field}`,
            message: issue.message,
          });
        }
      });
      if (issues.length > 0) {
        throw new ValidationError(
          `Invalid input — ${issues.map((i) => `${i.at}: ${i.message}`).join('; ')}`,
          new FieldProblems(issues.map(({ field, message }) => ({ field, message }))),
        );
      }
      return canonical;
    },

    /**
     * A worker's values for the given types (ids or system keys), keyed by canonical id: stored
     * grants for requester types, computed values for system types. A type the worker does not
     * hold is absent from the map.
     */
    async workerQualificationValues(
      workerId: string,
      typeIds: readonly string[],
      trx?: Db,
    ): Promise<Map<string, QualificationValue>> {
      return (await valuesAndRecord(workerId, typeIds, trx)).values;
    },

    /**
     * The requirements of `ownerId`'s project that the worker does not meet, each with its type's
     * name, the worker's value and what they can do about it; empty when they meet them all.
     */
    async unmetRequirements(
      workerId: string,
      ownerId: string,
      requirements: readonly QualificationRequirement[],
      trx?: Db,
    ): Promise<UnmetRequirement[]> {
      if (requirements.length === 0) return [];
      const typeIds = requirementTypeIds(requirements);
      const { values, record } = await valuesAndRecord(workerId, typeIds, trx);
      const unmet = unmetRequirements(requirements, values);
      if (unmet.length === 0) return [];
      const types = new Map(
        (await repository.findVisibleTypes(ownerId, typeIds.filter(isUuid), trx)).map((t) => [
          t.id,
          t,
        ]),
      );
      const testable = await tests.typeIdsWithTests([...types.keys()], trx);
      return unmet.map((index) => {
        // unmet holds indexes into requirements, so each names one.
        const given = requirements[index] as QualificationRequirement;
        const requirement = {
          ...given,
          qualificationTypeId: canonicalQualificationTypeId(given.qualificationTypeId),
        };
        const value = values.get(requirement.qualificationTypeId);
        const type = types.get(requirement.qualificationTypeId);
        const name = type?.name ?? 'a qualification';
        return {
          index,
          requirement: { ...requirement, name },
          workerValue: value ?? null,
          // Passing gives a value; a requirement that the type be absent is not met by a test.
          testAvailable:
            testable.has(requirement.qualificationTypeId) &&
            requirement.comparator !== 'DoesNotExist',
          hint: explainUnmetRequirement({
            requirement,
            typeName: name,
            value,
            record,
            minDecided: approvalRateMinDecided,
          }),
          // A type with a test is earned by taking it, not by asking for it.
          requestable:
            type !== undefined &&
            type.requestable &&
            type.active &&
            !testable.has(requirement.qualificationTypeId),
        };
      });
    },
  };
}

export type QualificationsService = ReturnType<typeof createQualificationsService>;
