import {
  RULE_KEYS,
  RULES,
  type Proposal,
  type Rule,
  type Vote,
} from '../../../shared/api/governance.js';
import type { ProposalRow, RuleValueRow } from './governance.repository.js';
import type { RuleValues } from './rules.service.js';

/** The caller's side of a proposal: their vote, and the houses their record places them in. */
export type Viewer = { vote: Vote | null; houses: { workers: boolean; requesters: boolean } };

/** A proposal's votes per house (the repository counts them: zeros when nobody voted). */
export function talliesOf(row: ProposalRow) {
  return {
    workers: { yes: row.workers_yes, no: row.workers_no },
    requesters: { yes: row.requesters_yes, no: row.requesters_no },
  };
}

export function presentProposal(row: ProposalRow, viewer: Viewer | null): Proposal {
  return {
    id: row.id,
    rule: row.rule,
    value: row.value,
    previousValue: row.previous_value,
    reason: row.reason,
    proposer: { id: row.proposer_id, displayName: row.proposer_name },
    status: row.status,
    createdAt: row.created_at.toISOString(),
    closesAt: row.closes_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    tallies: talliesOf(row),
    veto:
      row.veto_reason && row.decided_at
        ? {
            reason: row.veto_reason,
            by: { id: row.vetoed_by ?? '', displayName: row.vetoer_name },
            at: row.decided_at.toISOString(),
          }
        : null,
    me: viewer,
  };
}

export function presentRules(values: RuleValues, history: RuleValueRow[]): Rule[] {
  return RULE_KEYS.map((key) => ({
    key,
    ...RULES[key],
    value: values[key],
    history: history
      .filter((row) => row.rule === key)
      .map((row) => ({
        value: row.value,
        effectiveFrom: row.effective_from.toISOString(),
        source: row.source,
        proposalId: row.proposal_id,
      })),
  }));
}
