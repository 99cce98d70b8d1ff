import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  governanceEndpoints as endpoints,
  type Proposal,
  type ProposalStatus,
  type ProposeBody,
  type Vote,
} from '../../shared/api/governance.js';
import { call, useCursorList } from './endpoints.js';

/** Every query of the rules and their proposals, in one place. */
export const governanceKeys = {
  all: ['governance'] as const,
  rules: () => [...governanceKeys.all, 'rules'] as const,
  proposals: (status: ProposalStatus | undefined) =>
    [...governanceKeys.all, 'proposals', status ?? 'all'] as const,
  proposal: (id: string) => [...governanceKeys.all, 'proposal', id] as const,
};

/** The rules in force, each with its history (public). */
export function useRules() {
  return useQuery({
    queryKey: governanceKeys.rules(),
    queryFn: ({ signal }) => call(endpoints.rules, {}, { signal }),
  });
}

export function useProposals(status: ProposalStatus | undefined) {
  return useCursorList(endpoints.list, {
    queryKey: governanceKeys.proposals(status),
    query: { limit: 20, status },
    keepPrevious: true,
  });
}

export function useProposal(id: string) {
  return useQuery({
    queryKey: governanceKeys.proposal(id),
    queryFn: ({ signal }) => call(endpoints.get, { params: { proposalId: id } }, { signal }),
  });
}

/** After a change: the proposal as answered, and every list and the rules read again. */
function useSettle() {
  const client = useQueryClient();
  return (proposal: Proposal) => {
    client.setQueryData(governanceKeys.proposal(proposal.id), proposal);
    void client.invalidateQueries({ queryKey: governanceKeys.all });
  };
}

export function usePropose() {
  const settle = useSettle();
  return useMutation({
    mutationFn: (body: ProposeBody) => call(endpoints.propose, { body }),
    onSuccess: settle,
  });
}

export function useVote(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (vote: Vote) =>
      call(endpoints.vote, { params: { proposalId: id }, body: { vote } }),
    onSuccess: settle,
  });
}

export function useVeto(id: string) {
  const settle = useSettle();
  return useMutation({
    mutationFn: (reason: string) =>
      call(endpoints.veto, { params: { proposalId: id }, body: { reason } }),
    onSuccess: settle,
  });
}
