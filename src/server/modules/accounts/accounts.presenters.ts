import type { ApiToken, PublicProfile, User } from '../../../shared/api/accounts.js';
import type { UserRow } from '../../db/types.js';
import type { TokenRow } from './tokens.repository.js';

export function presentUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    handle: row.handle,
    roles: row.roles,
    status: row.status,
    bio: row.bio,
    country: row.country,
    timezone: row.timezone,
    showEarnings: row.show_earnings,
    emailVerified: row.email_verified_at !== null,
    emailDigest: row.email_digest,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentPublicProfile(row: UserRow): PublicProfile {
  return {
    id: row.id,
    displayName: row.display_name,
    handle: row.handle,
    roles: row.roles,
    bio: row.bio,
    country: row.country,
    memberSince: row.created_at.toISOString(),
  };
}

export function presentToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.token_prefix,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}
