import { fromCursor, keysetPage, type CursorRequest } from '../../db/pagination.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { ProfilesRepository } from './profiles.repository.js';

/**
 * A user's public track record: jobs completed (and pay earned, when the worker chose to show
 * it) as a worker; projects published and what each paid workers as a requester. Only approved
 * work and published projects count, so nothing a user has not made public (drafts, work under
 * review, earnings they keep private) shows.
 */
export function createProfilesService(deps: {
  profiles: ProfilesRepository;
  accounts: Pick<AccountsService, 'getPublicProfile'>;
}) {
  const { profiles, accounts } = deps;

  return {
    async record(idOrHandle: string) {
      const user = await accounts.getPublicProfile(idOrHandle);
      const [worker, requester] = await Promise.all([
        user.roles.includes('worker') ? profiles.workerRecord(user.id) : null,
        user.roles.includes('requester') ? profiles.requesterRecord(user.id) : null,
      ]);
      if (!worker || user.show_earnings) return { worker, requester };
      const { jobsCompleted, projectsWorkedOn } = worker;
      return { worker: { jobsCompleted, projectsWorkedOn }, requester };
    },

    /** A requester's published projects; empty for a user who is not a requester. */
    async projects(idOrHandle: string, query: CursorRequest) {
      const user = await accounts.getPublicProfile(idOrHandle);
      if (!user.roles.includes('requester')) return { items: [], nextCursor: null };
      const rows = await profiles.publishedProjects(user.id, fromCursor(query));
      return keysetPage(rows, query.limit, (row) => [row.published_at, row.id]);
    },
  };
}

export type ProfilesService = ReturnType<typeof createProfilesService>;
