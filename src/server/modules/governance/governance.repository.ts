import { sql, type Transaction } from 'kysely';
import type { ProposalStatus, RuleKey, RuleSource, Vote } from '../../../shared/api/governance.js';
import type { Db } from '../../db/database.js';
import { fromCursor, newestFirstPage } from '../../db/pagination.js';
import type { Database } from '../../db/types.js';

export type Trx = Transaction<Database>;

/** How many of one house voted this way among votes `v` (a user in both houses counts in each). */
const tally = (house: 'as_worker' | 'as_requester', vote: Vote) =>
  sql<number>`count(*) filter (where ${sql.ref(`v.${house}`)} and v.vote = ${vote})::int`;

/** The rules, their proposals and votes (DESIGN §11). */
export function createGovernanceRepository(db: Db) {
  /** A proposal with the names of its proposer and vetoer and its tallies per house. */
  const proposals = (trx: Db) =>
    trx
      .selectFrom('governance_proposals as p')
      .innerJoin('users as proposer', 'proposer.id', 'p.proposer_id')
      .leftJoin('users as vetoer', 'vetoer.id', 'p.vetoed_by')
      // The four tallies in one pass over the proposal's votes (an aggregate without GROUP BY:
      // one row, zeros when nobody voted).
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('governance_votes as v')
            .whereRef('v.proposal_id', '=', 'p.id')
            .select([
              tally('as_worker', 'yes').as('workers_yes'),
              tally('as_worker', 'no').as('workers_no'),
              tally('as_requester', 'yes').as('requesters_yes'),
              tally('as_requester', 'no').as('requesters_no'),
            ])
            .as('tally'),
        (join) => join.onTrue(),
      )
      .select([
        'p.id',
        'p.rule',
        'p.value',
        'p.previous_value',
        'p.reason',
        'p.proposer_id',
        'proposer.display_name as proposer_name',
        'p.status',
        'p.created_at',
        'p.closes_at',
        'p.decided_at',
        'p.veto_reason',
        'p.vetoed_by',
        'vetoer.display_name as vetoer_name',
        'tally.workers_yes',
        'tally.workers_no',
        'tally.requesters_yes',
        'tally.requesters_no',
      ]);

  return {
    transaction<T>(work: (trx: Trx) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    /** Records each rule's first value once; later boots (and other instances) change nothing. */
    async seedInitial(values: Record<RuleKey, number>, now: Date) {
      await db
        .insertInto('rule_values')
        .values(
          Object.entries(values).map(([rule, value]) => ({
            // Object.entries widens the keys to string; they are the RuleKey record's keys.
            rule: rule as RuleKey,
            value,
            source: 'initial' as const,
            effective_from: now,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.column('rule').where('source', '=', 'initial').doNothing())
        .execute();
    },

    /** Every value every rule has had, newest first per rule. */
    ruleValues(trx: Db = db) {
      return trx
        .selectFrom('rule_values')
        .select(['rule', 'value', 'effective_from', 'source', 'proposal_id'])
        .orderBy('rule')
        .orderBy('effective_from', 'desc')
        .orderBy('created_at', 'desc')
        .execute();
    },

    async insertRuleValue(
      row: {
        rule: RuleKey;
        value: number;
        effectiveFrom: Date;
        source: RuleSource;
        proposalId: string;
        now: Date;
      },
      trx: Db,
    ) {
      await trx
        .insertInto('rule_values')
        .values({
          rule: row.rule,
          value: row.value,
          effective_from: row.effectiveFrom,
          source: row.source,
          proposal_id: row.proposalId,
          created_at: row.now,
        })
        .execute();
    },

    /**
     * The member's record: approved work as a worker, work they reviewed as a requester. Each an
     * existence check that stops at the first row.
     */
    async recordOf(userId: string, trx: Db = db) {
      const row = await trx
        .selectNoFrom((eb) => [
          eb
            .exists(
              eb
                .selectFrom('assignments')
                .select(sql`1`.as('one'))
                .where('worker_id', '=', userId)
                .where('status', '=', 'approved'),
            )
            .as('worker'),
          eb
            .exists(
              eb
                .selectFrom('assignments')
                .select(sql`1`.as('one'))
                .where('reviewed_by', '=', userId),
            )
            .as('requester'),
        ])
        .executeTakeFirstOrThrow();
      return { worker: Boolean(row.worker), requester: Boolean(row.requester) };
    },

    async insertProposal(
      row: {
        rule: RuleKey;
        value: number;
        previousValue: number;
        reason: string;
        proposerId: string;
        now: Date;
        closesAt: Date;
      },
      trx: Db = db,
    ) {
      const inserted = await trx
        .insertInto('governance_proposals')
        .values({
          rule: row.rule,
          value: row.value,
          previous_value: row.previousValue,
          reason: row.reason,
          proposer_id: row.proposerId,
          created_at: row.now,
          closes_at: row.closesAt,
        })
        .onConflict((oc) => oc.column('rule').where('status', '=', 'voting').doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted?.id;
    },

    findProposal(id: string, trx: Db = db) {
      return proposals(trx).where('p.id', '=', id).executeTakeFirst();
    },

    async listProposals(filter: {
      status?: ProposalStatus | undefined;
      cursor?: string | undefined;
      limit: number;
    }) {
      let query = proposals(db);
      if (filter.status) query = query.where('p.status', '=', filter.status);
      return newestFirstPage(query, ['p.created_at', 'p.id'], fromCursor(filter)).execute();
    },

    /** Holds the proposal's row for the transaction: votes share it, closing and vetoes own it. */
    lockProposal(id: string, mode: 'share' | 'update', trx: Trx) {
      const query = trx
        .selectFrom('governance_proposals')
        .select(['id', 'rule', 'value', 'status', 'closes_at', 'proposer_id'])
        .where('id', '=', id);
      return (mode === 'share' ? query.forShare() : query.forUpdate()).executeTakeFirst();
    },

    /** False when the member had already voted. */
    async insertVote(
      row: {
        proposalId: string;
        voterId: string;
        vote: Vote;
        asWorker: boolean;
        asRequester: boolean;
        now: Date;
      },
      trx: Db,
    ) {
      const inserted = await trx
        .insertInto('governance_votes')
        .values({
          proposal_id: row.proposalId,
          voter_id: row.voterId,
          vote: row.vote,
          as_worker: row.asWorker,
          as_requester: row.asRequester,
          created_at: row.now,
        })
        .onConflict((oc) => oc.columns(['proposal_id', 'voter_id']).doNothing())
        .returning('voter_id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    /** The caller's votes on these proposals, by proposal id. */
    async votesOf(voterId: string, proposalIds: string[]) {
      if (proposalIds.length === 0) return new Map<string, Vote>();
      const rows = await db
        .selectFrom('governance_votes')
        .select(['proposal_id', 'vote'])
        .where('voter_id', '=', voterId)
        .where('proposal_id', 'in', proposalIds)
        .execute();
      return new Map(rows.map((row) => [row.proposal_id, row.vote]));
    },

    /** Open proposals whose window has closed, locked; another instance skips them. */
    dueProposalIds(now: Date, trx: Trx) {
      return trx
        .selectFrom('governance_proposals')
        .select('id')
        .where('status', '=', 'voting')
        .where('closes_at', '<=', now)
        .orderBy('closes_at')
        .limit(100)
        .forUpdate()
        .skipLocked()
        .execute();
    },

    async decide(
      id: string,
      change: {
        status: Exclude<ProposalStatus, 'voting'>;
        at: Date;
        vetoReason?: string;
        vetoedBy?: string;
      },
      trx: Db,
    ) {
      await trx
        .updateTable('governance_proposals')
        .set({
          status: change.status,
          decided_at: change.at,
          veto_reason: change.vetoReason ?? null,
          vetoed_by: change.vetoedBy ?? null,
        })
        .where('id', '=', id)
        .where('status', '=', 'voting')
        .execute();
    },
  };
}

export type GovernanceRepository = ReturnType<typeof createGovernanceRepository>;
export type ProposalRow = NonNullable<Awaited<ReturnType<GovernanceRepository['findProposal']>>>;
export type RuleValueRow = Awaited<ReturnType<GovernanceRepository['ruleValues']>>[number];
