import type { IncomingMessage, ServerResponse } from 'node:http';
import { isOneOf } from '../../../shared/narrow.js';
import type Provider from 'oidc-provider';
import { errors, type Grant, type Interaction } from 'oidc-provider';
import { PROTOCOL_SCOPE_DESCRIPTIONS } from '../../../shared/api/oauth.js';
import {
  ADMIN_SCOPE,
  DELIBERATE_SCOPES,
  SCOPE_DESCRIPTIONS,
  SCOPES,
  type Scope,
} from '../../../shared/scopes.js';
import type { UserRow } from '../../db/types.js';
import { AppError } from '../../errors.js';
import type { OAuthClientRow, OAuthClientsRepository } from './oauth-clients.repository.js';
import { PROTOCOL_SCOPES } from './oauth.provider.js';
import { isNativeClient } from './oauth.service.js';

/** The browser request and response: the provider reads its interaction cookie from them. */
export type RawHttp = { req: IncomingMessage; res: ServerResponse };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function expired() {
  return new AppError(
    404,
    'interaction_not_found',
    'This sign-in request has expired or was started in another browser. Return to the app and start again.',
  );
}

/**
 * The consent step of an authorization (code or device flow): what the app asks for, and the
 * signed-in user's answer, handed back to the authorization server.
 */
export function createOAuthInteractionsService(deps: {
  provider: Pick<Provider, 'interactionDetails' | 'interactionResult' | 'Grant'>;
  clients: Pick<OAuthClientsRepository, 'findById'>;
  grantIds: (accountId: string, clientId: string) => Promise<string[]>;
  apiResource: string;
}) {
  const { provider, clients, apiResource } = deps;

  async function load(http: RawHttp, uid: string) {
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(http.req, http.res);
    } catch (error) {
      if (error instanceof errors.SessionNotFound) throw expired();
      throw error;
    }
    if (interaction.uid !== uid) throw expired();
    const client = await clients.findById(text(interaction.params.client_id));
    if (!client) throw expired();
    return { interaction, client };
  }

  /** What the app asked for, limited to what it may have (the provider refused anything else). */
  function requested(interaction: Interaction, client: OAuthClientRow) {
    const words = text(interaction.params.scope).split(' ');
    return {
      api: SCOPES.filter((s) => words.includes(s) && client.scopes.includes(s)),
      protocol: PROTOCOL_SCOPES.filter((s) => words.includes(s)),
    };
  }

  function covers(grant: Grant, scopes: ReturnType<typeof requested>) {
    const api = grant.getResourceScopeFiltered(apiResource, scopes.api).split(' ');
    const protocol = grant.getOIDCScopeFiltered(scopes.protocol).split(' ');
    return (
      scopes.api.every((s) => api.includes(s)) && scopes.protocol.every((s) => protocol.includes(s))
    );
  }

  /** The user's grant to this client to extend, if they have one. */
  async function existingGrant(interaction: Interaction, user: UserRow, clientId: string) {
    const ids = [interaction.grantId, ...(await deps.grantIds(user.id, clientId))];
    for (const id of ids) {
      if (!id) continue;
      const grant = await provider.Grant.find(id);
      if (grant?.accountId === user.id && grant.clientId === clientId) return grant;
    }
    return undefined;
  }

  async function abort(http: RawHttp, uid: string): Promise<string> {
    await load(http, uid);
    return provider.interactionResult(
      http.req,
      http.res,
      { error: 'access_denied', error_description: 'The user declined to connect the app.' },
      { mergeWithLastSubmission: false },
    );
  }

  return {
    async details(http: RawHttp, uid: string, viewer: UserRow | null) {
      const { interaction, client } = await load(http, uid);
      const scopes = requested(interaction, client);
      const grant = viewer ? await existingGrant(interaction, viewer, client.id) : undefined;
      return {
        uid,
        prompt: interaction.prompt.name,
        client: { clientId: client.id, name: client.name },
        scopes: [
          ...scopes.api.map((scope) => ({
            scope,
            description: SCOPE_DESCRIPTIONS[scope],
            optional: true,
            preselected: !DELIBERATE_SCOPES.includes(scope),
          })),
          ...scopes.protocol.map((scope) => ({
            scope,
            description: PROTOCOL_SCOPE_DESCRIPTIONS[scope],
            optional: false,
            preselected: true,
          })),
        ],
        needsConsent:
          interaction.prompt.name === 'consent' ||
          isNativeClient(client) ||
          text(interaction.params.prompt).split(' ').includes('consent') ||
          !grant ||
          !covers(grant, scopes),
        user: viewer && { id: viewer.id, displayName: viewer.display_name, email: viewer.email },
      };
    },

    /**
     * Signs the Tessera user in to the authorization server without granting anything new: for
     * apps the user already approved. If something is still missing the server asks for consent.
     */
    async login(http: RawHttp, uid: string, user: UserRow): Promise<string> {
      await load(http, uid);
      return provider.interactionResult(http.req, http.res, { login: { accountId: user.id } });
    },

    /**
     * Approves (recording the grant) or denies the request; returns where the browser goes.
     * `chosen` are the API scopes the person ticked; without it, everything asked for but admin
     * powers. What was asked for and not chosen is recorded as declined, so the app gets a token
     * without it instead of the consent page coming back.
     */
    async consent(
      http: RawHttp,
      uid: string,
      user: UserRow,
      answer: { approve: boolean; scopes?: readonly Scope[] | undefined },
    ): Promise<string> {
      const { interaction, client } = await load(http, uid);
      if (!answer.approve) return abort(http, uid);
      const scopes = requested(interaction, client);
      const chosen = answer.scopes ?? scopes.api.filter((s) => s !== ADMIN_SCOPE);
      const granted = scopes.api.filter((s) => chosen.includes(s));
      const declined = scopes.api.filter((s) => !chosen.includes(s));
      const grant =
        (await existingGrant(interaction, user, client.id)) ??
        new provider.Grant({ accountId: user.id, clientId: client.id });
      if (scopes.protocol.length) grant.addOIDCScope(scopes.protocol);
      const rejected = grant.rejected?.resources?.[apiResource];
      // A yes now overrides a no given before (the provider lets a rejection win over a grant).
      if (rejected !== undefined && grant.rejected?.resources) {
        grant.rejected.resources[apiResource] = rejected
          .split(' ')
          .filter((s) => !isOneOf(granted, s))
          .join(' ');
      }
      if (granted.length) grant.addResourceScope(apiResource, granted);
      if (declined.length) grant.rejectResourceScope(apiResource, declined);
      const grantId = await grant.save();
      return provider.interactionResult(http.req, http.res, {
        login: { accountId: user.id },
        consent: { grantId },
      });
    },

    abort,
  };
}

export type OAuthInteractionsService = ReturnType<typeof createOAuthInteractionsService>;
