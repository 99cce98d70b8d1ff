/** What a token may do. The session cookie holds them all. */
export const SCOPES = [
  'profile',
  'work:read',
  'work:write',
  'projects:read',
  'projects:write',
  'review:write',
  'money:read',
  'money:write',
] as const;

export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  profile: 'Read and edit your profile',
  'work:read': 'See work you can do and work you have done',
  'work:write': 'Accept, submit and return tasks',
  'projects:read': 'See your projects, batches and results',
  'projects:write': 'Create, edit, fund and publish projects',
  'review:write': 'Approve, reject and bonus submitted work',
  'money:read': 'See balances, ledger, earnings and spending',
  'money:write': 'Deposit funds and request payouts',
};
