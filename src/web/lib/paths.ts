/** Every page's address, in one place, so links and routes cannot drift apart. */
export const paths = {
  landing: '/',
  signIn: '/signin',
  signUp: '/signup',
  settings: '/settings',
  publicProfile: (handle: string) => `/u/${encodeURIComponent(handle)}`,
  publicProfilePattern: '/u/:handle',
  worker: { findWork: '/work', myWork: '/my-work', earnings: '/earnings' },
  requester: { projects: '/projects', qualifications: '/qualifications', funds: '/funds' },
  admin: { users: '/admin/users' },
} as const;

/** A `next` parameter is only followed within this app, never to another site. */
export function safeNextPath(next: string | null): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return undefined;
  }
  return next;
}

export function signInPathFor(next: string): string {
  return next === paths.landing ? paths.signIn : `${paths.signIn}?next=${encodeURIComponent(next)}`;
}
