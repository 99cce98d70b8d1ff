import {
  RULES,
  ruleValueProblem,
  type ProposalStatus,
  type ProposeBody,
  type Vote,
} from '../../../shared/api/governance.js';
import {
  ConflictError,
  fieldProblems,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import { pageFrom } from '../../db/pagination.js';
import type { GovernanceRepository, ProposalRow, Trx } from './governance.repository.js';
import { presentProposal, presentRules, talliesOf, type Viewer } from './governance.presenters.js';
import type { RulesService } from './rules.service.js';

const DAY_MS = 86_400_000;

type Tally = { yes: number; no: number };

/**
 * Two houses: a change passes only with more yes than no among the voting workers AND among the
 * voting requesters. A house where nobody voted has no majority, so the change fails.
 */
export function passes(houses: { workers: Tally; requesters: Tally }): boolean {
  return houses.workers.yes > houses.workers.no && houses.requesters.yes > houses.requesters.no;
}

const NO_RECORD =
  'Only members with a record take part: approved work as a worker, or work you reviewed as a requester.';

/** Proposals, votes, vetoes and the sweep that closes voting windows (DESIGN §11). */
export function createGovernanceService(deps: {
  governance: GovernanceRepository;
  rules: RulesService;
  audit: Pick<AuditService, 'record'>;
  clock: Clock;
  voteDays: number;
}) {
  const { governance, rules, audit, clock } = deps;

  async function viewerOf(userId: string | undefined, proposalIds: string[]) {
    if (!userId) return () => null;
    const [record, votes] = await Promise.all([
      governance.recordOf(userId),
      governance.votesOf(userId, proposalIds),
    ]);
    return (proposalId: string): Viewer => ({
      vote: votes.get(proposalId) ?? null,
      houses: { workers: record.worker, requesters: record.requester },
    });
  }

  async function view(id: string, userId: string | undefined) {
    const row = await governance.findProposal(id);
    if (!row) throw new NotFoundError('Proposal');
    return presentProposal(row, (await viewerOf(userId, [id]))(id));
  }

  /** Closes one proposal whose window has passed: tallies, outcome, and the rule if it passed. */
  async function close(row: ProposalRow, trx: Trx) {
    const tallies = talliesOf(row);
    const status: ProposalStatus = passes(tallies) ? 'passed' : 'failed';
    const now = clock.now();
    await governance.decide(row.id, { status, at: now }, trx);
    const target = { type: 'governance_proposal', id: row.id };
    await audit.record(
      {
        actorId: null,
        action: `governance.proposal_${status}`,
        target,
        details: { rule: row.rule, value: row.value, tallies },
        at: now,
      },
      trx,
    );
    if (status !== 'passed') return;
    // In force from the moment the window closed, however late the sweep came.
    await governance.insertRuleValue(
      {
        rule: row.rule,
        value: row.value,
        effectiveFrom: row.closes_at,
        source: 'proposal',
        proposalId: row.id,
        now,
      },
      trx,
    );
    await audit.record(
      {
        actorId: null,
        action: 'governance.rule_changed',
        target,
        details: { rule: row.rule, from: row.previous_value, to: row.value },
        at: now,
      },
      trx,
    );
  }

  return {
    async rules() {
      const [values, history] = await Promise.all([rules.snapshot(), rules.history()]);
      return { items: presentRules(values, history) };
    },

    async propose(userId: string, body: ProposeBody) {
      const problem = ruleValueProblem(body.rule, body.value);
      if (problem) {
        throw new ValidationError(
          `Invalid input — value: ${problem} for ${body.rule}`,
          fieldProblems({ value: problem }),
        );
      }
      const record = await governance.recordOf(userId);
      if (!record.worker && !record.requester) throw new ForbiddenError(NO_RECORD, 'no_record');
      const previousValue = await rules.current(body.rule);
      if (previousValue === body.value) {
        throw new ValidationError(
          `Invalid input — value: ${body.rule} is already ${body.value}`,
          fieldProblems({ value: 'is the value in force already' }),
        );
      }
      const now = clock.now();
      const id = await governance.transaction(async (trx) => {
        const inserted = await governance.insertProposal(
          {
            rule: body.rule,
            value: body.value,
            previousValue,
            reason: body.reason,
            proposerId: userId,
            now,
            closesAt: new Date(now.getTime() + deps.voteDays * DAY_MS),
          },
          trx,
        );
        if (!inserted) {
          throw new ConflictError(
            'proposal_open',
            `A proposal for ${body.rule} (${RULES[body.rule].title}) is already open for votes: vote on it, or propose once it closes.`,
            { rule: body.rule },
          );
        }
        await audit.record(
          {
            actorId: userId,
            action: 'governance.proposal_created',
            target: { type: 'governance_proposal', id: inserted },
            details: { rule: body.rule, value: body.value, previousValue, reason: body.reason },
            at: now,
          },
          trx,
        );
        return inserted;
      });
      return view(id, userId);
    },

    async list(
      userId: string | undefined,
      query: { status?: ProposalStatus | undefined; cursor?: string | undefined; limit: number },
    ) {
      const page = pageFrom(await governance.listProposals(query), query.limit);
      const viewer = await viewerOf(
        userId,
        page.items.map((row) => row.id),
      );
      return {
        items: page.items.map((row) => presentProposal(row, viewer(row.id))),
        nextCursor: page.nextCursor,
      };
    },

    get: (userId: string | undefined, id: string) => view(id, userId),

    async vote(userId: string, id: string, vote: Vote) {
      const record = await governance.recordOf(userId);
      if (!record.worker && !record.requester) throw new ForbiddenError(NO_RECORD, 'no_record');
      await governance.transaction(async (trx) => {
        const proposal = await governance.lockProposal(id, 'share', trx);
        if (!proposal) throw new NotFoundError('Proposal');
        const now = clock.now();
        if (proposal.status !== 'voting' || now >= proposal.closes_at) {
          throw new ConflictError(
            'voting_closed',
            `Voting on this proposal closed at ${proposal.closes_at.toISOString()}.`,
            { status: proposal.status, closesAt: proposal.closes_at.toISOString() },
          );
        }
        const cast = await governance.insertVote(
          {
            proposalId: id,
            voterId: userId,
            vote,
            asWorker: record.worker,
            asRequester: record.requester,
            now,
          },
          trx,
        );
        if (!cast) {
          throw new ConflictError('already_voted', 'You have already voted on this proposal.');
        }
      });
      return view(id, userId);
    },

    async veto(adminId: string, id: string, reason: string) {
      await governance.transaction(async (trx) => {
        const proposal = await governance.lockProposal(id, 'update', trx);
        if (!proposal) throw new NotFoundError('Proposal');
        if (proposal.status !== 'voting') {
          throw new ConflictError(
            'not_open',
            `Only a proposal still being voted on can be vetoed; this one is ${proposal.status}.`,
            { status: proposal.status },
          );
        }
        const now = clock.now();
        await governance.decide(
          id,
          { status: 'vetoed', at: now, vetoReason: reason, vetoedBy: adminId },
          trx,
        );
        await audit.record(
          {
            actorId: adminId,
            action: 'governance.proposal_vetoed',
            subjectUserId: proposal.proposer_id,
            target: { type: 'governance_proposal', id },
            details: { rule: proposal.rule, value: proposal.value, reason },
            at: now,
          },
          trx,
        );
      });
      return view(id, adminId);
    },

    /** Closes every proposal whose window has passed (how many); safe with every instance sweeping. */
    async sweepClosed() {
      let closed = 0;
      await governance.transaction(async (trx) => {
        for (const { id } of await governance.dueProposalIds(clock.now(), trx)) {
          const row = await governance.findProposal(id, trx);
          if (row) await close(row, trx);
          closed += 1;
        }
      });
      if (closed > 0) rules.invalidate();
      return closed;
    },
  };
}

export type GovernanceService = ReturnType<typeof createGovernanceService>;
