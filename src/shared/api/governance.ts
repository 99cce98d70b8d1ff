import { z } from 'zod';
import { idSchema, pagedList, pageQuerySchema } from './common.js';
import { adminOnly } from './access.js';
import { endpoint } from './endpoint.js';
import { PROJECT_LIMITS } from './projects.js';

/**
 * Collective rules (DESIGN §11): the platform's rules are records with a history, changed by the
 * members' vote in two houses (workers and requesters).
 */
export const RULE_KEYS = [
  'minHourlyCents',
  'maxAutoApproveSeconds',
  'appealDays',
  'appealResponseDays',
  'flagRejectionPercent',
] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

/** What each rule means, its unit and the values it may take (inclusive). */
export const RULES: Record<
  RuleKey,
  { title: string; description: string; unit: string; min: number; max: number; whole: boolean }
> = {
  minHourlyCents: {
    title: 'Pay floor',
    description:
      'The least a project may pay per hour of estimated work (cents); 0 for no floor. Checked at publish and when pay changes.',
    unit: 'cents per hour',
    min: 0,
    max: 100_000,
    whole: true,
  },
  maxAutoApproveSeconds: {
    title: 'Longest auto-approve window',
    description:
      'The longest a requester may let submitted work wait before it is approved automatically. At least the default window (3 days), so a project that sets none always meets it.',
    unit: 'seconds',
    min: PROJECT_LIMITS.autoApproveSecondsDefault,
    max: PROJECT_LIMITS.autoApproveSecondsMax,
    whole: true,
  },
  appealDays: {
    title: 'Appeal window',
    description: 'How long a worker has to appeal a rejection.',
    unit: 'days',
    min: 0.0001,
    max: 90,
    whole: false,
  },
  appealResponseDays: {
    title: 'Appeal response window',
    description:
      'How long a requester has to answer an appeal before the rejection is overturned and paid.',
    unit: 'days',
    min: 0.0001,
    max: 90,
    whole: false,
  },
  flagRejectionPercent: {
    title: 'Rejection rate that flags a requester',
    description:
      'A requester who rejects more than this percentage of decided work is shown flagged on their reputation.',
    unit: 'percent',
    min: 0,
    max: 100,
    whole: true,
  },
};

export const PROPOSAL_STATUSES = ['voting', 'passed', 'failed', 'vetoed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const VOTES = ['yes', 'no'] as const;
export type Vote = (typeof VOTES)[number];

/** Where a rule's value came from: the environment at first boot, or a vote. */
export const RULE_SOURCES = ['initial', 'proposal'] as const;
export type RuleSource = (typeof RULE_SOURCES)[number];

export const GOVERNANCE_LIMITS = { reasonMax: 2000 } as const;

/** Why a value is not allowed for a rule, or null when it is. */
export function ruleValueProblem(rule: RuleKey, value: number): string | null {
  const { min, max, whole, unit } = RULES[rule];
  if (!Number.isFinite(value)) return 'must be a number';
  if (whole && !Number.isInteger(value)) return `must be a whole number of ${unit}`;
  if (value < min || value > max) return `must be between ${min} and ${max} ${unit}`;
  return null;
}

const reasonSchema = z
  .string({ message: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(GOVERNANCE_LIMITS.reasonMax, `must be at most ${GOVERNANCE_LIMITS.reasonMax} characters`);

const personSchema = z.object({ id: z.string(), displayName: z.string().nullable() });

export const ruleChangeSchema = z.object({
  value: z.number(),
  effectiveFrom: z.string(),
  /** `initial`: from the environment at first boot; `proposal`: voted in. */
  source: z.enum(RULE_SOURCES),
  proposalId: z.string().nullable(),
});
export type RuleChange = z.infer<typeof ruleChangeSchema>;

export const ruleSchema = z.object({
  key: z.enum(RULE_KEYS),
  title: z.string(),
  description: z.string(),
  unit: z.string(),
  min: z.number(),
  max: z.number(),
  whole: z.boolean(),
  value: z.number(),
  /** Newest first, the value in force first. */
  history: z.array(ruleChangeSchema),
});
export type Rule = z.infer<typeof ruleSchema>;

export const rulesSchema = z.object({ items: z.array(ruleSchema) });

const tallySchema = z.object({ yes: z.number().int(), no: z.number().int() });

export const proposalSchema = z.object({
  id: z.string(),
  rule: z.enum(RULE_KEYS),
  value: z.number(),
  /** The rule's value when the proposal was made. */
  previousValue: z.number(),
  reason: z.string(),
  proposer: personSchema,
  status: z.enum(PROPOSAL_STATUSES),
  createdAt: z.string(),
  closesAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Per house: workers (members with approved work), requesters (members who reviewed work). */
  tallies: z.object({ workers: tallySchema, requesters: tallySchema }),
  veto: z.object({ reason: z.string(), by: personSchema, at: z.string() }).nullable(),
  /** The caller's vote and the houses they may vote in (null when signed out). */
  me: z
    .object({
      vote: z.enum(VOTES).nullable(),
      houses: z.object({ workers: z.boolean(), requesters: z.boolean() }),
    })
    .nullable(),
});
export type Proposal = z.infer<typeof proposalSchema>;

export const proposeBodySchema = z.strictObject({
  rule: z.enum(RULE_KEYS, { message: `must be one of ${RULE_KEYS.join(', ')}` }),
  value: z.number({ message: 'must be a number' }),
  reason: reasonSchema,
});
export type ProposeBody = z.infer<typeof proposeBodySchema>;

export const voteBodySchema = z.strictObject({
  vote: z.enum(VOTES, { message: 'must be "yes" or "no"' }),
});
export const vetoBodySchema = z.strictObject({ reason: reasonSchema });
export const proposalParamsSchema = z.strictObject({ proposalId: idSchema });
export const proposalsQuerySchema = pageQuerySchema.extend({
  status: z.enum(PROPOSAL_STATUSES).optional(),
});

const governance = { tag: 'governance' } as const;
const member = { ...governance, auth: { scope: 'profile' } } as const;

export const governanceEndpoints = {
  rules: endpoint({
    ...governance,
    auth: 'public',
    method: 'GET',
    path: '/governance/rules',
    summary: 'The rules in force, each with its history',
    response: rulesSchema,
  }),
  propose: endpoint({
    ...member,
    method: 'POST',
    path: '/governance/proposals',
    summary: 'Propose a new value for a rule (members with a record)',
    description:
      'Only members with a record may propose: approved work as a worker, or work they reviewed as a requester. One open proposal per rule at a time. Voting is open for GOVERNANCE_VOTE_DAYS.',
    body: proposeBodySchema,
    response: proposalSchema,
    status: 201,
  }),
  list: endpoint({
    ...governance,
    auth: 'optional',
    ...pagedList(proposalsQuerySchema, proposalSchema),
    path: '/governance/proposals',
    summary: 'Proposals, newest first (filter by status)',
  }),
  get: endpoint({
    ...governance,
    auth: 'optional',
    method: 'GET',
    path: '/governance/proposals/:proposalId',
    summary: 'A proposal with its tallies per house',
    params: proposalParamsSchema,
    response: proposalSchema,
  }),
  vote: endpoint({
    ...member,
    method: 'POST',
    path: '/governance/proposals/:proposalId/votes',
    summary: 'Vote yes or no while the proposal is open (once)',
    description:
      'A member with approved work votes in the workers’ house; one who reviewed work votes in the requesters’ house; a member with both records counts in both houses.',
    params: proposalParamsSchema,
    body: voteBodySchema,
    response: proposalSchema,
  }),
  veto: endpoint({
    ...governance,
    auth: adminOnly.auth,
    method: 'POST',
    path: '/governance/proposals/:proposalId/veto',
    summary: 'Veto a proposal still being voted on, with a public reason (admins)',
    params: proposalParamsSchema,
    body: vetoBodySchema,
    response: proposalSchema,
  }),
};
