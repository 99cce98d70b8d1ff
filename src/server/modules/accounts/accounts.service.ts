import { randomBytes } from 'node:crypto';
import { ADMIN_SCOPE, SCOPES, type Scope } from '../../../shared/scopes.js';
import type { Db } from '../../db/database.js';
import type { Role, UserRow, UserStatus } from '../../db/types.js';
import { pageFrom } from '../../db/pagination.js';
import { isUniqueViolation } from '../../db/pg-errors.js';
import {
  ConflictError,
  FieldProblems,
  fieldProblems,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
  ValidationError,
} from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { newSecret, sha256 } from '../../lib/secrets.js';
import type { AuditService } from '../audit/audit.service.js';
import type { AccountsRepository } from './accounts.repository.js';
import { admitLoginAttempt, type LoginThrottleSettings } from './login-throttle.js';
import type { LoginThrottlesRepository } from './login-throttles.repository.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import type { SessionsRepository } from './sessions.repository.js';
import type { TokenCache } from './token-cache.js';
import type { TokensRepository } from './tokens.repository.js';

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
const TOKEN_PREFIX = 'tsr_pat_';
/** How stale a token's "last used" time may be. */
const LAST_USED_PRECISION_MS = 60_000;

export type AuthenticatedUser = {
  user: UserRow;
  scopes: readonly Scope[];
  via: 'session' | 'token';
  /** Set when an OAuth client's token authenticated the request (rate limits key on it). */
  oauthClientId?: string;
};

/** An administrator made by the operator (the first-admin link, or `tessera create-admin`). */
export type NewAdmin = { email: string; password: string; displayName: string };

/** A readable, unique-enough starting handle: "ada-lovelace-3f9c". */
function suggestHandle(displayName: string): string {
  const base = displayName
    .normalize('NFKD')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 20);
  return `${base || 'user'}-${randomBytes(2).toString('hex')}`;
}

export function createAccountsService(deps: {
  accounts: AccountsRepository;
  sessions: SessionsRepository;
  tokens: TokensRepository;
  /** The OAuth grants (connected apps) of an account, with every code and token issued under them. */
  appGrants: { deleteAllGrants: (userId: string) => Promise<number> };
  loginThrottles: LoginThrottlesRepository;
  loginThrottle: LoginThrottleSettings;
  clock: Clock;
  /** Tokens resolved in the last seconds (a server's; the CLI and seeding read every time). */
  tokenCache?: TokenCache | undefined;
  /**
   * Called once a change to what an account's tokens may do has committed, so every instance's
   * token cache forgets them (credential-changes.ts); by default only this cache forgets.
   */
  credentialsChanged?: ((userId: string) => Promise<void>) | undefined;
  /** Role changes, suspensions, tokens and admins made are written to the audit log. */
  audit: AuditService;
}) {
  const { accounts, sessions, tokens, appGrants, loginThrottles, clock, tokenCache, audit } = deps;
  const credentialsChanged =
    deps.credentialsChanged ?? (async (userId: string) => tokenCache?.forgetUser(userId));

  /** Throttled per normalised email, known or not, so a 429 says nothing about who has an account. */
  const throttleKey = (email: string) => sha256(`login:${email.trim().toLowerCase()}`);

  async function admitLogin(keyHash: string) {
    const now = clock.now();
    const refusedForMs = await loginThrottles.decide(keyHash, now, (current) => {
      const admission = admitLoginAttempt(current, now, deps.loginThrottle);
      return admission.admitted
        ? { next: admission.next, result: undefined }
        : { result: admission.retryAfterMs };
    });
    if (refusedForMs !== undefined) {
      const seconds = Math.ceil(refusedForMs / 1000);
      throw new TooManyRequestsError(
        'too_many_attempts',
        `Too many sign-in attempts for this email. Try again in ${seconds} seconds.`,
        seconds,
      );
    }
  }

  async function startSession(userId: string, userAgent: string | null) {
    const token = newSecret();
    const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_MS);
    await sessions.insert({ idHash: sha256(token), userId, expiresAt, userAgent });
    return { token, expiresAt };
  }

  async function requireUser(id: string): Promise<UserRow> {
    const user = await accounts.findUserById(id);
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /**
   * Only an administrator's tokens and apps may hold the admin scope: a token made before its
   * owner became an admin must not turn into an admin token on promotion.
   */
  async function assertMayHoldScopes(userId: string, scopes: readonly Scope[], field: string) {
    const index = scopes.indexOf(ADMIN_SCOPE);
    if (index === -1) return;
    const user = await requireUser(userId);
    if (user.roles.includes('admin')) return;
    const message = `"${ADMIN_SCOPE}" is only for administrators' accounts`;
    throw new ValidationError(
      `${field}.${index}: ${message}`,
      new FieldProblems([{ field: `${field}.${index}`, message }]),
    );
  }

  /**
   * Inserts an administrator and audits who made it (`by`), in the caller's transaction. An
   * admin's address counts as verified: whoever made the account typed it on the server.
   */
  async function insertAdmin(input: NewAdmin, passwordHash: string, by: string, trx: Db) {
    const inserted = await accounts.insertUser(
      {
        email: input.email,
        password_hash: passwordHash,
        display_name: input.displayName,
        handle: suggestHandle(input.displayName),
        roles: ['admin'],
        email_verified_at: clock.now(),
      },
      trx,
    );
    await audit.record(
      {
        actorId: null,
        action: 'user.admin_created',
        subjectUserId: inserted.id,
        details: { by },
        at: clock.now(),
      },
      trx,
    );
    return inserted;
  }

  return {
    assertMayHoldScopes,

    async signup(
      input: { email: string; password: string; displayName: string; roles: Role[] },
      userAgent: string | null,
    ) {
      const passwordHash = await hashPassword(input.password);
      let user: UserRow | undefined;
      for (let attempt = 0; !user; attempt++) {
        try {
          user = await accounts.insertUser({
            email: input.email,
            password_hash: passwordHash,
            display_name: input.displayName,
            handle: suggestHandle(input.displayName),
            roles: [...new Set(input.roles)].sort(),
          });
        } catch (error) {
          if (isUniqueViolation(error, 'users_email_key')) {
            throw new ConflictError('email_taken', 'An account with this email already exists.');
          }
          if (isUniqueViolation(error, 'users_handle_key') && attempt < 5) continue;
          throw error;
        }
      }
      const session = await startSession(user.id, userAgent);
      return { user, session };
    },

    /**
     * `signedInUserId` is the account this browser already holds a live session of: its owner is
     * never locked out by someone else's guesses, so their attempts skip the throttle.
     */
    async login(
      input: { email: string; password: string },
      userAgent: string | null,
      signedInUserId?: string,
    ) {
      const user = await accounts.findUserByEmail(input.email);
      const key = throttleKey(input.email);
      if (!user || user.id !== signedInUserId) await admitLogin(key);
      const ok = await verifyPassword(
        user?.password_hash ?? (await decoyPasswordHash()),
        input.password,
      );
      if (!user || !ok)
        throw new UnauthorizedError('Email or password is incorrect.', 'invalid_credentials');
      await loginThrottles.clear(key);
      if (user.status === 'suspended') {
        throw new ForbiddenError(
          'This account is suspended. Contact the platform administrators.',
          'account_suspended',
        );
      }
      const session = await startSession(user.id, userAgent);
      return { user, session };
    },

    async logout(sessionToken: string) {
      await sessions.delete(sha256(sessionToken));
    },

    async authenticateSession(sessionToken: string): Promise<AuthenticatedUser | undefined> {
      const user = await sessions.findActiveWithUser(sha256(sessionToken), clock.now());
      return user ? { user, scopes: SCOPES, via: 'session' } : undefined;
    },

    async authenticateToken(bearer: string): Promise<AuthenticatedUser | undefined> {
      if (!bearer.startsWith(TOKEN_PREFIX)) return undefined;
      const hash = sha256(bearer);
      const now = clock.now();
      let found = tokenCache?.get(hash, now);
      if (!found) {
        const epoch = tokenCache?.epoch() ?? 0;
        found = await tokens.findActive(hash, now);
        if (found) tokenCache?.set(hash, found, now, epoch);
      }
      // Writing the last use on every request made every API read a durable write.
      if (
        found &&
        (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS)
      ) {
        found.lastUsedAt = now;
        await tokens.markUsed(found.tokenId, now);
      }
      return found ? { user: found.user, scopes: found.scopes, via: 'token' } : undefined;
    },

    credentialsChanged,

    getUser: requireUser,

    /** For other modules that act on an account which may be gone (undefined then). */
    findUser: (id: string) => accounts.findUserById(id),

    /** For other modules that act on an account by its address (case-insensitive). */
    findUserByEmail: (email: string) => accounts.findUserByEmail(email),

    async getPublicProfile(idOrHandle: string): Promise<UserRow> {
      const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(
        idOrHandle,
      );
      const user = isId
        ? await accounts.findUserById(idOrHandle)
        : await accounts.findUserByHandle(idOrHandle);
      if (!user || user.status !== 'active') throw new NotFoundError('User');
      return user;
    },

    async updateProfile(
      userId: string,
      patch: {
        displayName?: string | undefined;
        handle?: string | undefined;
        bio?: string | undefined;
        country?: string | null | undefined;
        timezone?: string | null | undefined;
        showEarnings?: boolean | undefined;
        emailDigest?: boolean | undefined;
      },
    ) {
      try {
        return await accounts.updateUser(userId, {
          ...(patch.displayName !== undefined && { display_name: patch.displayName }),
          ...(patch.handle !== undefined && { handle: patch.handle }),
          ...(patch.bio !== undefined && { bio: patch.bio }),
          ...(patch.country !== undefined && { country: patch.country }),
          ...(patch.timezone !== undefined && { timezone: patch.timezone }),
          ...(patch.showEarnings !== undefined && { show_earnings: patch.showEarnings }),
          ...(patch.emailDigest !== undefined && { email_digest: patch.emailDigest }),
        });
      } catch (error) {
        if (isUniqueViolation(error, 'users_handle_key')) {
          throw new ConflictError(
            'handle_taken',
            'That handle is already taken.',
            fieldProblems({ handle: 'is already taken' }),
          );
        }
        throw error;
      }
    },

    /**
     * Changing the password signs out every other session: a stolen session dies with the old
     * password. Unless `revokeTokens` is false, personal access tokens and connected apps go too
     * (revoked before the password changes, so a failure leaves the safer state).
     */
    async changePassword(
      userId: string,
      input: { currentPassword: string; newPassword: string; revokeTokens: boolean },
      currentSessionToken: string | undefined,
    ) {
      const user = await requireUser(userId);
      if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
        throw new ValidationError(
          'currentPassword: is not your current password',
          fieldProblems({ currentPassword: 'is not your current password' }),
          'wrong_password',
        );
      }
      if (input.revokeTokens) {
        await tokens.deleteAllForUser(userId);
        await credentialsChanged(userId);
        await appGrants.deleteAllGrants(userId);
      }
      await accounts.updateUser(userId, { password_hash: await hashPassword(input.newPassword) });
      await sessions.deleteForUser(
        userId,
        currentSessionToken ? sha256(currentSessionToken) : undefined,
      );
    },

    /**
     * A password set through a reset link: whoever had the old one (or a session, token or app
     * made with it) loses it all. Tokens and apps go first, so a failure leaves the safer state.
     */
    async replacePasswordEverywhere(userId: string, newPassword: string) {
      const passwordHash = await hashPassword(newPassword);
      await tokens.deleteAllForUser(userId);
      await credentialsChanged(userId);
      await appGrants.deleteAllGrants(userId);
      await accounts.updateUser(userId, { password_hash: passwordHash });
      await sessions.deleteForUser(userId);
    },

    /** For accounts an operator made on the server (demo data): no link could ever reach them. */
    async markEmailVerifiedByOperator(userId: string) {
      const user = await accounts.transaction(async (trx) => {
        const updated = await accounts.updateUser(userId, { email_verified_at: clock.now() }, trx);
        await audit.record(
          {
            actorId: null,
            action: 'user.email_verified_by_operator',
            subjectUserId: userId,
            at: clock.now(),
          },
          trx,
        );
        return updated;
      });
      await credentialsChanged(userId);
      return user;
    },

    async addRole(userId: string, role: 'worker' | 'requester') {
      const user = await accounts.transaction(async (trx) => {
        const { user: updated, added } = await accounts.addRole(userId, role, trx);
        if (added) {
          await audit.record(
            {
              actorId: userId,
              action: 'user.role_added',
              subjectUserId: userId,
              details: { role },
              at: clock.now(),
            },
            trx,
          );
        }
        return updated;
      });
      await credentialsChanged(userId);
      return user;
    },

    async createToken(
      userId: string,
      input: { name: string; scopes: Scope[]; expiresInDays?: number | undefined },
    ) {
      await assertMayHoldScopes(userId, input.scopes, 'scopes');
      const token = `${TOKEN_PREFIX}${newSecret()}`;
      const expiresAt = input.expiresInDays
        ? new Date(clock.now().getTime() + input.expiresInDays * 86_400_000)
        : null;
      const row = await accounts.transaction(async (trx) => {
        const inserted = await tokens.insert(
          {
            userId,
            name: input.name,
            tokenHash: sha256(token),
            prefix: token.slice(0, TOKEN_PREFIX.length + 4),
            scopes: [...new Set(input.scopes)],
            expiresAt,
          },
          trx,
        );
        await audit.record(
          {
            actorId: userId,
            action: 'token.created',
            subjectUserId: userId,
            target: { type: 'token', id: inserted.id },
            details: {
              name: inserted.name,
              scopes: inserted.scopes,
              prefix: inserted.token_prefix,
            },
            at: clock.now(),
          },
          trx,
        );
        return inserted;
      });
      return { row, token };
    },

    listTokens: (userId: string) => tokens.listForUser(userId),

    async deleteToken(userId: string, tokenId: string) {
      await accounts.transaction(async (trx) => {
        if (!(await tokens.deleteForUser(userId, tokenId, trx))) throw new NotFoundError('Token');
        await audit.record(
          {
            actorId: userId,
            action: 'token.deleted',
            subjectUserId: userId,
            target: { type: 'token', id: tokenId },
            at: clock.now(),
          },
          trx,
        );
      });
      await credentialsChanged(userId);
    },

    async listUsers(filter: {
      q?: string | undefined;
      status?: UserStatus | undefined;
      role?: Role | undefined;
      cursor?: string | undefined;
      limit: number;
    }) {
      return pageFrom(await accounts.listUsers(filter), filter.limit);
    },

    /** Suspension ends every session at once; tokens stop working because the user is not active. */
    async setStatus(actorId: string, userId: string, status: UserStatus) {
      if (actorId === userId) {
        throw new ConflictError(
          'cannot_suspend_self',
          'You cannot change your own account status.',
        );
      }
      const user = await accounts.transaction(async (trx) => {
        const updated = await accounts.setStatus(userId, status, trx);
        if (!updated) throw new NotFoundError('User');
        await audit.record(
          {
            actorId,
            action: status === 'suspended' ? 'user.suspended' : 'user.reinstated',
            subjectUserId: userId,
            at: clock.now(),
          },
          trx,
        );
        return updated;
      });
      await credentialsChanged(userId);
      if (status === 'suspended') await sessions.deleteForUser(userId);
      return user;
    },

    /** Used by `tessera create-admin`: creates the account, or makes an existing one an admin. */
    async createAdmin(input: NewAdmin) {
      const existing = await accounts.findUserByEmail(input.email);
      if (existing) {
        const user = await accounts.transaction(async (trx) => {
          const { user: updated, added } = await accounts.addRole(existing.id, 'admin', trx);
          if (!added) return updated;
          await audit.record(
            {
              actorId: null,
              action: 'user.role_added',
              subjectUserId: existing.id,
              details: { role: 'admin', by: 'command line' },
              at: clock.now(),
            },
            trx,
          );
          return updated;
        });
        await credentialsChanged(existing.id);
        return { user, created: false };
      }
      const passwordHash = await hashPassword(input.password);
      const user = await accounts.transaction((trx) =>
        insertAdmin(input, passwordHash, 'command line', trx),
      );
      return { user, created: true };
    },

    /**
     * Creates an administrator in one transaction with `admit`, which runs first and may refuse
     * by throwing: the first-admin setup uses up its one-time link there, so an account refused
     * (its email is taken) leaves the link unused, and two links cannot make two admins.
     */
    async createAdminIf(input: NewAdmin, admit: (trx: Db) => Promise<void>): Promise<UserRow> {
      // Hashing is slow on purpose: done before the transaction so it holds no locks meanwhile.
      const passwordHash = await hashPassword(input.password);
      return accounts.transaction(async (trx) => {
        await admit(trx);
        if (await accounts.findUserByEmail(input.email, trx)) {
          throw new ConflictError('email_taken', 'An account with this email already exists.');
        }
        return insertAdmin(input, passwordHash, 'first-admin setup link', trx);
      });
    },

    sweepExpiredSessions: () => sessions.deleteExpired(clock.now()),

    sweepQuietLoginThrottles: () =>
      loginThrottles.deleteQuietSince(
        new Date(clock.now().getTime() - deps.loginThrottle.windowMs),
      ),
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
