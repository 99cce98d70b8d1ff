import type { OAuthClient, OAuthGrant } from '../../../shared/api/oauth.js';
import type { OAuthClientRow } from './oauth-clients.repository.js';

export function presentClient(row: OAuthClientRow): OAuthClient {
  return {
    id: row.id,
    clientId: row.id,
    name: row.name,
    type: row.type,
    redirectUris: row.redirect_uris,
    scopes: row.scopes,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentGrant(grant: {
  clientId: string;
  clientName: string;
  scopes: string[];
  grantedAt: Date;
  expiresAt: Date | null;
}): OAuthGrant {
  return {
    clientId: grant.clientId,
    clientName: grant.clientName,
    scopes: grant.scopes,
    grantedAt: grant.grantedAt.toISOString(),
    expiresAt: grant.expiresAt?.toISOString() ?? null,
  };
}
