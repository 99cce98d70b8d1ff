import type { Role, User } from '../../shared/api/accounts.js';
import { paths } from './paths.js';

export const ROLE_LABELS: Record<Role, string> = {
  worker: 'Worker',
  requester: 'Requester',
  admin: 'Administrator',
};

/** Where a user lands after signing in: the first area their roles give them. */
export function homePathFor(user: Pick<User, 'roles'>): string {
  if (user.roles.includes('worker')) return paths.worker.findWork;
  if (user.roles.includes('requester')) return paths.requester.projects;
  if (user.roles.includes('admin')) return paths.admin.users;
  return paths.settings;
}
