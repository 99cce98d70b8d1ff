import { sql } from 'kysely';
import { updatedAny } from '../../db/affected-rows.js';
import type { Db } from '../../db/database.js';
import { fromCursor, newestFirstPage, type CursorRequest } from '../../db/pagination.js';
import type { Role, UserStatus } from '../../db/types.js';

type Executor = Db;

export type QualificationTypeRow = {
  id: string;
  owner_id: string | null;
  system_key: string | null;
  name: string;
  description: string;
  value_kind: 'integer' | 'locale';
  requestable: boolean;
  active: boolean;
  auto_granted: boolean;
  auto_granted_value: number;
  retry_delay_seconds: number | null;
  keywords: string;
  created_at: Date;
  updated_at: Date;
  holder_count: number | null;
  has_test: boolean;
};

/** How workers may obtain a type by asking for it, and MTurk's keywords. */
export type RequestSettings = {
  requestable?: boolean | undefined;
  active?: boolean | undefined;
  autoGranted?: boolean | undefined;
  autoGrantedValue?: number | undefined;
  retryDelaySeconds?: number | null | undefined;
  keywords?: string | undefined;
};

function requestSettingsColumns(settings: RequestSettings) {
  return {
    ...(settings.requestable !== undefined && { requestable: settings.requestable }),
    ...(settings.active !== undefined && { active: settings.active }),
    ...(settings.autoGranted !== undefined && { auto_granted: settings.autoGranted }),
    ...(settings.autoGrantedValue !== undefined && {
      auto_granted_value: settings.autoGrantedValue,
    }),
    ...(settings.retryDelaySeconds !== undefined && {
      retry_delay_seconds: settings.retryDelaySeconds,
    }),
    ...(settings.keywords !== undefined && { keywords: settings.keywords }),
  };
}

export type HolderRow = {
  type_id: string;
  worker_id: string;
  handle: string;
  display_name: string;
  value: number;
  granted_at: Date;
  updated_at: Date;
};

export type GrantTargetRow = {
  id: string;
  handle: string;
  display_name: string;
  roles: Role[];
  status: UserStatus;
};

const typeColumns = [
  'qualification_types.id',
  'qualification_types.owner_id',
  'qualification_types.system_key',
  'qualification_types.name',
  'qualification_types.description',
  'qualification_types.value_kind',
  'qualification_types.requestable',
  'qualification_types.active',
  'qualification_types.auto_granted',
  'qualification_types.auto_granted_value',
  'qualification_types.retry_delay_seconds',
  'qualification_types.keywords',
  'qualification_types.created_at',
  'qualification_types.updated_at',
] as const;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Which qualification types a list shows: a search, whose types, and the page. */
export type TypeListFilter = {
  q?: string | undefined;
  owner?: 'me' | 'system' | undefined;
  /** Only types workers may ask for (MTurk's MustBeRequestable). */
  requestable?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
};

export function createQualificationsRepository(db: Db) {
  /** Types visible to a requester: their own and the system's. */
  function visibleTypes(ownerId: string, trx: Executor) {
    return trx
      .selectFrom('qualification_types')
      .select(typeColumns)
      .select(
        sql<number | null>`case when qualification_types.owner_id is null then null else (
          select count(*)::int from qualification_grants g where g.type_id = qualification_types.id
        ) end`.as('holder_count'),
      )
      .select(
        sql<boolean>`exists (select 1 from qualification_tests qt where qt.type_id = qualification_types.id)`.as(
          'has_test',
        ),
      )
      .where((eb) =>
        eb.or([
          eb('qualification_types.owner_id', '=', ownerId),
          eb('qualification_types.owner_id', 'is', null),
        ]),
      )
      .where('qualification_types.disposed_at', 'is', null);
  }

  return {
    async insertType(
      type: { ownerId: string; name: string; description: string; now: Date } & RequestSettings,
      trx: Executor = db,
    ): Promise<QualificationTypeRow> {
      const row = await trx
        .insertInto('qualification_types')
        .values({
          owner_id: type.ownerId,
          name: type.name,
          description: type.description,
          ...requestSettingsColumns(type),
          value_kind: 'integer',
          created_at: type.now,
          updated_at: type.now,
        })
        .returning(typeColumns)
        .executeTakeFirstOrThrow();
      return { ...row, holder_count: 0, has_test: false };
    },

    async findVisibleType(
      ownerId: string,
      id: string,
      trx: Executor = db,
    ): Promise<QualificationTypeRow | undefined> {
      return visibleTypes(ownerId, trx).where('qualification_types.id', '=', id).executeTakeFirst();
    },

    async findVisibleTypes(
      ownerId: string,
      ids: readonly string[],
      trx: Executor = db,
    ): Promise<QualificationTypeRow[]> {
      if (ids.length === 0) return [];
      return visibleTypes(ownerId, trx)
        .where('qualification_types.id', 'in', [...ids])
        .execute();
    },

    async listVisibleTypes(
      ownerId: string,
      filter: TypeListFilter,
      trx: Executor = db,
    ): Promise<QualificationTypeRow[]> {
      let query = visibleTypes(ownerId, trx);
      if (filter.owner === 'me') query = query.where('qualification_types.owner_id', '=', ownerId);
      if (filter.owner === 'system')
        query = query.where('qualification_types.owner_id', 'is', null);
      if (filter.requestable) query = query.where('qualification_types.requestable', '=', true);
      if (filter.q) {
        query = query.where('qualification_types.name', 'ilike', `%${escapeLike(filter.q)}%`);
      }
      return newestFirstPage(
        query,
        ['qualification_types.created_at', 'qualification_types.id'],
        fromCursor(filter),
      ).execute();
    },

    /** Updates a requester's own type; system types have no owner and so never match. */
    async updateOwnType(
      ownerId: string,
      id: string,
      patch: {
        name?: string | undefined;
        description?: string | undefined;
        now: Date;
      } & RequestSettings,
      trx: Executor = db,
    ): Promise<boolean> {
      return updatedAny(
        trx
          .updateTable('qualification_types')
          .set({
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.description !== undefined && { description: patch.description }),
            ...requestSettingsColumns(patch),
            updated_at: patch.now,
          })
          .where('id', '=', id)
          .where('owner_id', '=', ownerId)
          .where('disposed_at', 'is', null),
      );
    },

    /** MTurk's DeleteQualificationType: gone from every list; grants stay for live projects. */
    async disposeOwnType(ownerId: string, id: string, now: Date, trx: Executor = db) {
      return updatedAny(
        trx
          .updateTable('qualification_types')
          .set({ disposed_at: now, updated_at: now })
          .where('id', '=', id)
          .where('owner_id', '=', ownerId)
          .where('disposed_at', 'is', null),
      );
    },

    /** A requester type a worker may be shown: any owner's, not disposed. */
    async findRequesterType(id: string, trx: Executor = db) {
      return trx
        .selectFrom('qualification_types')
        .select(typeColumns)
        .where('id', '=', id)
        .where('owner_id', 'is not', null)
        .where('disposed_at', 'is', null)
        .executeTakeFirst();
    },

    async findUser(
      by: { id: string } | { handle: string },
      trx: Executor = db,
    ): Promise<GrantTargetRow | undefined> {
      const query = trx
        .selectFrom('users')
        .select(['id', 'handle', 'display_name', 'roles', 'status']);
      return 'id' in by
        ? query.where('id', '=', by.id).executeTakeFirst()
        : query.where(sql<string>`lower(handle)`, '=', by.handle.toLowerCase()).executeTakeFirst();
    },

    /** Grants or changes a value; the first grant's time is kept. */
    async upsertGrant(
      grant: { typeId: string; workerId: string; value: number; now: Date },
      trx: Executor = db,
    ): Promise<{ value: number; granted_at: Date; updated_at: Date }> {
      return trx
        .insertInto('qualification_grants')
        .values({
          type_id: grant.typeId,
          worker_id: grant.workerId,
          value: grant.value,
          granted_at: grant.now,
          updated_at: grant.now,
        })
        .onConflict((oc) =>
          oc.columns(['type_id', 'worker_id']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning(['value', 'granted_at', 'updated_at'])
        .executeTakeFirstOrThrow();
    },

    /** Deletes a grant; returns the value it held, or undefined when there was none. */
    async deleteGrant(
      typeId: string,
      workerId: string,
      trx: Executor = db,
    ): Promise<number | undefined> {
      const row = await trx
        .deleteFrom('qualification_grants')
        .where('type_id', '=', typeId)
        .where('worker_id', '=', workerId)
        .returning('value')
        .executeTakeFirst();
      return row?.value;
    },

    async findGrant(typeId: string, workerId: string, trx: Executor = db) {
      return trx
        .selectFrom('qualification_grants')
        .select(['type_id', 'worker_id', 'value', 'granted_at', 'updated_at'])
        .where('type_id', '=', typeId)
        .where('worker_id', '=', workerId)
        .executeTakeFirst();
    },

    async listHolders(
      typeId: string,
      filter: CursorRequest,
      trx: Executor = db,
    ): Promise<HolderRow[]> {
      const query = trx
        .selectFrom('qualification_grants as g')
        .innerJoin('users as u', 'u.id', 'g.worker_id')
        .select([
          'g.type_id',
          'g.worker_id',
          'u.handle',
          'u.display_name',
          'g.value',
          'g.granted_at',
          'g.updated_at',
        ])
        .where('g.type_id', '=', typeId);
      return newestFirstPage(query, ['g.granted_at', 'g.worker_id'], fromCursor(filter)).execute();
    },

    async grantedValues(
      workerId: string,
      typeIds: readonly string[],
      trx: Executor = db,
    ): Promise<{ type_id: string; value: number }[]> {
      if (typeIds.length === 0) return [];
      return trx
        .selectFrom('qualification_grants')
        .select(['type_id', 'value'])
        .where('worker_id', '=', workerId)
        .where('type_id', 'in', [...typeIds])
        .execute();
    },

    async userCountry(userId: string, trx: Executor = db): Promise<string | null> {
      const row = await trx
        .selectFrom('users')
        .select('country')
        .where('id', '=', userId)
        .executeTakeFirst();
      return row?.country ?? null;
    },

    /**
     * How many of a worker's assignments ended approved or rejected, for the approval-rate and
     * approved-count system types.
     */
    async reviewedAssignmentCounts(
      workerId: string,
      trx: Executor = db,
    ): Promise<{ approved: number; rejected: number }> {
      const row = await trx
        .selectFrom('assignments')
        .where('worker_id', '=', workerId)
        .select([
          sql<number>`count(*) filter (where status = 'approved')::int`.as('approved'),
          sql<number>`count(*) filter (where status = 'rejected')::int`.as('rejected'),
        ])
        .executeTakeFirstOrThrow();
      return { approved: Number(row.approved), rejected: Number(row.rejected) };
    },
  };
}

export type QualificationsRepository = ReturnType<typeof createQualificationsRepository>;
