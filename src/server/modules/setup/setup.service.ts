import type { UserRow } from '../../db/types.js';
import { ConflictError, ForbiddenError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { newSecret, sha256 } from '../../lib/secrets.js';
import type { AccountsService, NewAdmin } from '../accounts/accounts.service.js';
import type { SetupRepository } from './setup.repository.js';

/** How long a printed setup link works; a restart prints a new one while no admin exists. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;

/** Issues the one-time links; the server does it at start, before any other service exists. */
export function createSetupLinks(deps: { setup: SetupRepository; clock: Clock }) {
  const { setup, clock } = deps;
  return {
    /** A new one-time token for creating the first admin, or nothing when an admin exists. */
    async issueToken(): Promise<string | undefined> {
      if (await setup.adminExists()) return undefined;
      const token = newSecret();
      await setup.insertToken(sha256(token), new Date(clock.now().getTime() + SETUP_LINK_TTL_MS));
      return token;
    },
  };
}

export function createSetupService(deps: {
  setup: SetupRepository;
  accounts: Pick<AccountsService, 'createAdminIf'>;
  clock: Clock;
}) {
  const { setup, accounts, clock } = deps;
  return {
    ...createSetupLinks(deps),

    async createFirstAdmin(input: NewAdmin & { token: string }): Promise<UserRow> {
      return accounts.createAdminIf(input, async (trx) => {
        const live = await setup.useAllLiveTokens(clock.now(), trx);
        if (!live.includes(sha256(input.token))) {
          throw new ForbiddenError(
            'This setup link does not work: it was used already, has expired or is mistyped. ' +
              'Restarting the server prints a new one while no administrator exists.',
            'setup_link_invalid',
          );
        }
        if (await setup.adminExists(trx)) {
          throw new ConflictError(
            'admin_exists',
            'An administrator exists already; an administrator gives the role to others.',
          );
        }
      });
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
