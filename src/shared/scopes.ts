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
  'admin',
] as const;

export type Scope = (typeof SCOPES)[number];

/**
 * Every admin-only route needs this scope besides the admin role, so an administrator's token or
 * connected app holds admin powers only when they were asked for by name. Only an admin's own
 * tokens and apps may hold it.
 */
export const ADMIN_SCOPE = 'admin' satisfies Scope;

/** What a token or app gets when nothing is named: everything but admin powers. */
export const DEFAULT_SCOPES: readonly Scope[] = SCOPES.filter((s) => s !== ADMIN_SCOPE);

/** The scopes an account may put on its tokens and apps. */
export function grantableScopes(roles: readonly string[]): readonly Scope[] {
  return roles.includes('admin') ? SCOPES : DEFAULT_SCOPES;
}

/** Scopes a consent screen never ticks for the user: moving money and admin powers. */
export const DELIBERATE_SCOPES: readonly Scope[] = ['money:write', ADMIN_SCOPE];

export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  profile: 'Read and edit your profile',
  'work:read': 'See work you can do and work you have done',
  'work:write': 'Accept, submit and return tasks',
  'projects:read': 'See your projects, batches and results',
  'projects:write': 'Create, edit, fund and publish projects',
  'review:write': 'Approve, reject and bonus submitted work',
  'money:read': 'See balances, ledger, earnings and spending',
  'money:write': 'Deposit funds and request payouts',
  admin: 'Act as a platform administrator: users, offline deposits and payouts',
};
