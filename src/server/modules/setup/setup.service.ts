import type { UserRow } from '../../db/types.js';
import { ConflictError, ForbiddenError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { newSecret, sha256 } from '../../lib/secrets.js';
import type { AccountsRepository } from '../accounts/accounts.repository.js';
import { suggestHandle } from '../accounts/accounts.service.js';
import { hashPassword } from '../accounts/passwords.js';
import type { SetupRepository } from './setup.repository.js';

/** How long a printed setup link works; a restart prints a new one while no admin exists. */
export const SETUP_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export function createSetupService(deps: {
  setup: SetupRepository;
  accounts: AccountsRepository;
  clock: Clock;
}) {
  const { setup, accounts, clock } = deps;
  return {
    /** A new one-time token for creating the first admin, or nothing when an admin exists. */
    async issueToken(): Promise<string | undefined> {
      if (await setup.adminExists()) return undefined;
      const token = newSecret();
      await setup.insertToken(sha256(token), new Date(clock.now().getTime() + SETUP_LINK_TTL_MS));
      return token;
    },

    async createFirstAdmin(input: {
      token: string;
      email: string;
      password: string;
      displayName: string;
    }): Promise<UserRow> {
      // Hashing is slow on purpose: done before the transaction so it holds no locks meanwhile.
      const passwordHash = await hashPassword(input.password);
      return setup.transaction(async (trx) => {
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
        if (await accounts.findUserByEmail(input.email, trx)) {
          throw new ConflictError('email_taken', 'An account with this email already exists.');
        }
        return accounts.insertUser(
          {
            email: input.email,
            password_hash: passwordHash,
            display_name: input.displayName,
            handle: suggestHandle(input.displayName),
            roles: ['admin'],
            // Typed by whoever holds the link the server printed: the operator.
            email_verified_at: clock.now(),
          },
          trx,
        );
      });
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
