import type { Db } from '../../db/database.js';
import type { ReputationRow } from './reputation.presenters.js';

export type RatingRow = {
  value: number;
  assignment_id: string;
  updated_at: Date;
};

export function createReputationRepository(db: Db) {
  return {
    async findReputation(userId: string, trx: Db = db): Promise<ReputationRow | undefined> {
      return trx
        .selectFrom('user_reputation')
        .select([
          'worker_approved',
          'worker_rejected',
          'gold_answered',
          'gold_correct',
          'requester_approved',
          'requester_rejected',
          'median_review_seconds',
          'effective_hourly_cents',
          'workers_paid',
          'ratings_up',
          'ratings_neutral',
          'ratings_down',
          'appeals_decided',
          'appeals_overturned',
        ])
        .where('user_id', '=', userId)
        .executeTakeFirst();
    },

    /** The kept counts of several users at once (review rows), by user id. */
    async reputationsOf(userIds: string[], trx: Db = db) {
      if (!userIds.length) return new Map<string, ReputationRow>();
      const rows = await trx
        .selectFrom('user_reputation')
        .selectAll()
        .where('user_id', 'in', userIds)
        .execute();
      return new Map(rows.map((r) => [r.user_id, r]));
    },

    /** The assignment a rating names, with the two sides of it. */
    async findAssignmentSides(assignmentId: string, trx: Db = db) {
      return trx
        .selectFrom('assignments as a')
        .innerJoin('projects as p', 'p.id', 'a.project_id')
        .select(['a.id', 'a.status', 'a.worker_id', 'p.owner_id'])
        .where('a.id', '=', assignmentId)
        .executeTakeFirst();
    },

    /** Sets the one current rating of the pair; the ratings trigger moves the ratee's counts. */
    async upsertRating(
      rating: { raterId: string; rateeId: string; value: number; assignmentId: string; now: Date },
      trx: Db = db,
    ): Promise<RatingRow> {
      return trx
        .insertInto('ratings')
        .values({
          rater_id: rating.raterId,
          ratee_id: rating.rateeId,
          value: rating.value,
          assignment_id: rating.assignmentId,
          created_at: rating.now,
          updated_at: rating.now,
        })
        .onConflict((oc) =>
          oc.columns(['rater_id', 'ratee_id']).doUpdateSet({
            value: rating.value,
            assignment_id: rating.assignmentId,
            updated_at: rating.now,
          }),
        )
        .returning(['value', 'assignment_id', 'updated_at'])
        .executeTakeFirstOrThrow();
    },

    async findRating(raterId: string, rateeId: string, trx: Db = db) {
      return trx
        .selectFrom('ratings')
        .select(['value', 'assignment_id', 'updated_at'])
        .where('rater_id', '=', raterId)
        .where('ratee_id', '=', rateeId)
        .executeTakeFirst();
    },
  };
}

export type ReputationRepository = ReturnType<typeof createReputationRepository>;
