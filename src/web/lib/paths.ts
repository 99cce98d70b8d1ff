/** The tabs of a requester's project page; each has its own address so it can be linked. */
export const PROJECT_TABS = [
  'design',
  'data',
  'settings',
  'preview',
  'review',
  'results',
  'workers',
  'pilot',
] as const;
export type ProjectTab = (typeof PROJECT_TABS)[number];

/** Every page's address, in one place, so links and routes cannot drift apart. */
export const paths = {
  landing: '/',
  signIn: '/signin',
  signUp: '/signup',
  forgotPassword: '/forgot-password',
  /** Where an emailed (or admin-issued) reset link lands; the token is in the fragment. */
  resetPassword: '/reset-password',
  /** Where an emailed verification link lands; the token is in the fragment. */
  verifyEmail: '/verify-email',
  /** The one-time link a server prints while it has no administrator. */
  setupPattern: '/setup/:token',
  settings: '/settings',
  notifications: '/notifications',
  messages: '/messages',
  thread: (id: string) => `/messages/${encodeURIComponent(id)}`,
  messagesPattern: '/messages/:threadId?',
  publicProfile: (handle: string) => `/u/${encodeURIComponent(handle)}`,
  publicProfilePattern: '/u/:handle',
  /** Collective rules: public, with the members' proposals. */
  rules: '/rules',
  proposal: (id: string) => `/rules/proposals/${encodeURIComponent(id)}`,
  proposalPattern: '/rules/proposals/:proposalId',
  worker: {
    findWork: '/work',
    myWork: '/my-work',
    earnings: '/earnings',
    projectPreview: (projectId: string) => `/work/projects/${encodeURIComponent(projectId)}`,
    projectPreviewPattern: '/work/projects/:projectId',
    assignment: (assignmentId: string) => `/work/${encodeURIComponent(assignmentId)}`,
    assignmentPattern: '/work/:assignmentId',
    /** A qualification test; `projectId` is the project it opens, to return to after passing. */
    qualificationTest: (typeId: string, projectId?: string) =>
      `/work/tests/${encodeURIComponent(typeId)}${projectId ? `?project=${encodeURIComponent(projectId)}` : ''}`,
    qualificationTestPattern: '/work/tests/:typeId',
  },
  requester: {
    projects: '/projects',
    newProject: '/projects/new',
    project: (id: string, tab?: ProjectTab) =>
      `/projects/${encodeURIComponent(id)}${tab ? `/${tab}` : ''}`,
    projectPattern: '/projects/:projectId/:tab?',
    qualifications: '/qualifications',
    qualificationTest: (typeId: string) => `/qualifications/${encodeURIComponent(typeId)}/test`,
    qualificationTestPattern: '/qualifications/:typeId/test',
    funds: '/funds',
    spending: '/spending',
  },
  admin: {
    users: '/admin/users',
    deposits: '/admin/deposits',
    payouts: '/admin/payouts',
    audit: '/admin/audit',
  },
} as const;

/**
 * Browsers drop tabs and line breaks from URLs and read a backslash as a slash, so
 * `/<tab>/evil.test` would mean `//evil.test`: such characters disqualify a `next` path.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_NEXT = /[\u0000-\u001f\u007f\\]/;

/** A `next` parameter is only followed within this app, never to another site. */
export function safeNextPath(next: string | null): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || UNSAFE_IN_NEXT.test(next)) {
    return undefined;
  }
  return next;
}

/** Why someone was sent to sign in, shown on the sign-in page. */
export type SignInReason = 'expired';

export function signInPathFor(next: string, reason?: SignInReason): string {
  const params = new URLSearchParams();
  if (reason) params.set('reason', reason);
  if (next !== paths.landing) params.set('next', next);
  const search = params.toString();
  return search ? `${paths.signIn}?${search}` : paths.signIn;
}
