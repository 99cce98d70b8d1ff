import { sql } from 'kysely';
import type { QualificationRequirement } from '../../../shared/api/qualifications.js';
import type { Template } from '../../../shared/templates/model.js';
import type { Db } from '../../db/database.js';
import { effectiveStatusIn } from '../../db/assignment-status.js';
import { keyOrderPage } from '../../db/pagination.js';

export type HitTypeRow = {
  id: string;
  owner_id: string;
  title: string;
  description: string;
  keywords: string[];
  reward_cents: number;
  assignment_duration_seconds: number;
  auto_approval_delay_seconds: number;
  qualification_requirements: QualificationRequirement[];
  created_at: Date;
};

export type NewHitType = Omit<HitTypeRow, 'created_at'> & { settings_sha256: string };

/** One task of a requester's project as a HIT: the task, its project, its group and its counts. */
export type HitRow = {
  task_id: string;
  seq: number;
  task_created_at: Date;
  project_id: string;
  project_status: string;
  title: string;
  description: string;
  keywords: string[];
  reward_cents: number;
  assignments_per_task: number;
  auto_approve_seconds: number;
  time_allotted_seconds: number;
  expires_at: Date;
  template: Template;
  qualification_requirements: QualificationRequirement[];
  hit_type_id: string | null;
  question: string | null;
  requester_annotation: string | null;
  reviewing: boolean | null;
  hit_expired_at: Date | null;
  disposed_at: Date | null;
  /** MaxAssignments kept when the HIT's task was withdrawn (expired or disposed of). */
  kept_max_assignments: number | null;
  live_assignments: number;
  /** Slots rejected work used up (a project whose rejected slots do not reopen). */
  consumed: number;
  pending: number;
  submitted: number;
  decided: number;
};

/** What the requester (or DeleteHIT, or an early expiry) recorded about one HIT. */
export type HitState = { reviewing?: boolean; expired_at?: Date; disposed_at?: Date };

const hitTypeColumns = [
  'id',
  'owner_id',
  'title',
  'description',
  'keywords',
  'reward_cents',
  'assignment_duration_seconds',
  'auto_approval_delay_seconds',
  'qualification_requirements',
  'created_at',
] as const;

export function createHitsRepository(db: Db) {
  function hitsOf(ownerId: string, now: Date, trx: Db = db) {
    const count = (statuses: Parameters<typeof effectiveStatusIn>[0]) =>
      sql<number>`(select count(*)::int from assignments a where a.task_id = t.id and ${effectiveStatusIn(statuses, now, 'a')})`;
    return (
      trx
        .selectFrom('tasks as t')
        .innerJoin('projects as p', 'p.id', 't.project_id')
        .leftJoin('mturk_hit_groups as g', 'g.project_id', 'p.id')
        .leftJoin('mturk_hits as h', 'h.task_id', 't.id')
        .select([
          't.id as task_id',
          't.seq',
          't.created_at as task_created_at',
          'p.id as project_id',
          'p.status as project_status',
          'p.title',
          'p.description',
          'p.keywords',
          'p.reward_cents',
          't.assignments_per_task',
          'p.auto_approve_seconds',
          'p.time_allotted_seconds',
          'p.expires_at',
          'p.template',
          'p.qualification_requirements',
          'g.hit_type_id',
          'g.question',
          'h.requester_annotation',
          'h.reviewing',
          'h.expired_at as hit_expired_at',
          'h.disposed_at',
          'h.max_assignments as kept_max_assignments',
          't.live_assignments',
        ])
        .select([
          // A consumed slot is one the task no longer counts: rejected work, and work approved
          // after its rejection from the requester's own funds, outside the slots.
          sql<number>`(case when p.rejected_slot_reopens then 0 else (select count(*)::int
            from assignments a where a.task_id = t.id and (a.status = 'rejected'
              or (a.status = 'approved' and not a.holds_slot))) end)`.as('consumed'),
          count(['accepted']).as('pending'),
          count(['submitted']).as('submitted'),
          count(['approved', 'rejected']).as('decided'),
        ])
        .where('p.owner_id', '=', ownerId)
        // A draft is not on offer yet: MTurk has no HIT until it is created and paid for.
        .where('p.status', '<>', 'draft')
        // A withdrawn batch's tasks are gone for workers and for the API alike, except a HIT
        // the API itself expired or deleted: it stays readable, as on MTurk.
        .where((eb) =>
          eb.or([
            eb('t.cancelled_at', 'is', null),
            eb('h.expired_at', 'is not', null),
            eb('h.disposed_at', 'is not', null),
          ]),
        )
    );
  }

  return {
    /** The HIT type with these settings, made if the owner has none yet (MTurk's rule). */
    async findOrCreateHitType(hitType: NewHitType): Promise<HitTypeRow> {
      await db
        .insertInto('mturk_hit_types')
        .values({
          ...hitType,
          qualification_requirements: JSON.stringify(hitType.qualification_requirements),
        })
        .onConflict((oc) => oc.columns(['owner_id', 'settings_sha256']).doNothing())
        .execute();
      return db
        .selectFrom('mturk_hit_types')
        .select(hitTypeColumns)
        .where('owner_id', '=', hitType.owner_id)
        .where('settings_sha256', '=', hitType.settings_sha256)
        .executeTakeFirstOrThrow();
    },

    async findHitType(ownerId: string, id: string): Promise<HitTypeRow | undefined> {
      return db
        .selectFrom('mturk_hit_types')
        .select(hitTypeColumns)
        .where('id', '=', id)
        .where('owner_id', '=', ownerId)
        .executeTakeFirst();
    },

    /**
     * The open project that HITs of this type, question and MaxAssignments fill, if there is
     * one: published and not yet expired (a closing project takes no new HITs).
     */
    async findOpenGroup(
      key: { hitTypeId: string; questionSha256: string; maxAssignments: number },
      now: Date,
    ): Promise<{ project_id: string; expires_at: Date } | undefined> {
      return db
        .selectFrom('mturk_hit_groups as g')
        .innerJoin('projects as p', 'p.id', 'g.project_id')
        .select(['g.project_id', 'p.expires_at'])
        .where('g.hit_type_id', '=', key.hitTypeId)
        .where('g.question_sha256', '=', key.questionSha256)
        .where('g.max_assignments', '=', key.maxAssignments)
        .where('p.status', '=', 'published')
        .where('p.expires_at', '>', now)
        .orderBy('p.expires_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async insertGroup(group: {
      projectId: string;
      hitTypeId: string;
      question: string;
      questionSha256: string;
      maxAssignments: number;
    }): Promise<void> {
      await db
        .insertInto('mturk_hit_groups')
        .values({
          project_id: group.projectId,
          hit_type_id: group.hitTypeId,
          question: group.question,
          question_sha256: group.questionSha256,
          max_assignments: group.maxAssignments,
        })
        .execute();
    },

    async insertAnnotation(taskId: string, annotation: string): Promise<void> {
      await db
        .insertInto('mturk_hits')
        .values({ task_id: taskId, requester_annotation: annotation })
        .execute();
    },

    async setHitState(taskId: string, state: HitState): Promise<void> {
      await db
        .insertInto('mturk_hits')
        .values({ task_id: taskId, ...state })
        .onConflict((oc) => oc.column('task_id').doUpdateSet(state))
        .execute();
    },

    /** MTurk's rule for projects the API makes: rejected work consumes its slot. */
    async keepRejectedSlotsConsumed(projectId: string): Promise<void> {
      await db
        .updateTable('projects')
        .set({ rejected_slot_reopens: false })
        .where('id', '=', projectId)
        .execute();
    },

    async batchOfTask(taskId: string): Promise<string> {
      const row = await db
        .selectFrom('tasks')
        .select('batch_id')
        .where('id', '=', taskId)
        .executeTakeFirstOrThrow();
      return row.batch_id;
    },

    /** The first task of a batch: the HIT a CreateHIT made. */
    async taskOfBatch(batchId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('tasks')
        .select('id')
        .where('batch_id', '=', batchId)
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
      return row?.id;
    },

    /** The owner's HIT; inside `trx`, as that transaction sees it. */
    async findHit(
      ownerId: string,
      taskId: string,
      now: Date,
      trx: Db = db,
    ): Promise<HitRow | undefined> {
      return hitsOf(ownerId, now, trx).where('t.id', '=', taskId).executeTakeFirst();
    },

    /**
     * The owner's HITs in creation order, after `afterSeq`, one more than `limit` to look ahead.
     * `reviewable` keeps those that may be Reviewable (or, with `reviewing`, Reviewing): no work
     * in progress, not disposed, of this HIT type if one is named.
     */
    async listHits(
      ownerId: string,
      page: {
        afterSeq: number | undefined;
        limit: number;
        reviewable?: { reviewing: boolean; hitTypeId: string | undefined };
        requiringTypeId?: string | undefined;
      },
      now: Date,
    ): Promise<HitRow[]> {
      // A disposed HIT is left out of every list, as on MTurk; GetHIT still reads it.
      let query = hitsOf(ownerId, now).where('h.disposed_at', 'is', null);
      const filter = page.reviewable;
      if (filter) {
        query = query
          .where(sql<boolean>`coalesce(h.reviewing, false) = ${filter.reviewing}`)
          .where('p.status', '<>', 'cancelled')
          .where(
            sql<boolean>`not exists (select 1 from assignments a where a.task_id = t.id and ${effectiveStatusIn(['accepted'], now, 'a')})`,
          );
        if (filter.hitTypeId !== undefined) {
          query = query.where(
            sql<boolean>`coalesce(g.hit_type_id, p.id::text) = ${filter.hitTypeId}`,
          );
        }
      }
      if (page.requiringTypeId !== undefined) {
        const named = JSON.stringify([{ qualificationTypeId: page.requiringTypeId }]);
        query = query.where(sql<boolean>`p.qualification_requirements @> ${named}::jsonb`);
      }
      return keyOrderPage(query, 't.seq', 'asc', {
        limit: page.limit,
        after: page.afterSeq,
      }).execute();
    },
  };
}

export type HitsRepository = ReturnType<typeof createHitsRepository>;
