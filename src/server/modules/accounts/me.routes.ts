import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  addRoleBodySchema,
  changePasswordBodySchema,
  createdTokenSchema,
  createTokenBodySchema,
  publicProfileSchema,
  tokenIdParamsSchema,
  tokenSchema,
  updateMeBodySchema,
  userSchema,
} from '../../../shared/api/accounts.js';
import { okSchema } from '../../../shared/api/common.js';
import { ForbiddenError } from '../../errors.js';
import { requireUser } from '../../plugins/auth.js';
import type { AccountsService } from './accounts.service.js';
import { presentPublicProfile, presentToken, presentUser } from './accounts.presenters.js';

export const meRoutes: FastifyPluginAsyncZod<{ accounts: AccountsService }> = async (app, opts) => {
  const { accounts } = opts;
  const tags = ['me'];
  const profile = { auth: { scope: 'profile' } } as const;
  // What an account whose email is not verified yet may still change (REQUIRE_EMAIL_VERIFICATION).
  const ownProfile = { ...profile, allowUnverifiedEmail: true } as const;

  app.get(
    '/me',
    {
      config: profile,
      schema: { tags, summary: 'The signed-in user', response: { 200: userSchema } },
    },
    async (request) => presentUser(await accounts.getUser(requireUser(request).user.id)),
  );

  app.patch(
    '/me',
    {
      config: ownProfile,
      schema: {
        tags,
        summary: 'Edit my profile',
        body: updateMeBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) =>
      presentUser(await accounts.updateProfile(requireUser(request).user.id, request.body)),
  );

  app.post(
    '/me/password',
    {
      config: ownProfile,
      schema: {
        tags,
        summary:
          'Change my password (signs out my other sessions; unless revokeTokens is false, also revokes my access tokens and disconnects my apps)',
        body: changePasswordBodySchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      const auth = requireUser(request);
      if (auth.via !== 'session') {
        throw new ForbiddenError(
          'Change your password from a signed-in browser session.',
          'session_required',
        );
      }
      await accounts.changePassword(auth.user.id, request.body, request.sessionToken);
      return { ok: true as const };
    },
  );

  app.post(
    '/me/roles',
    {
      config: profile,
      schema: {
        tags,
        summary: 'Add a role to my account',
        body: addRoleBodySchema,
        response: { 200: userSchema },
      },
    },
    async (request) =>
      presentUser(await accounts.addRole(requireUser(request).user.id, request.body.role)),
  );

  app.get(
    '/users/:idOrHandle',
    {
      config: { auth: 'optional' },
      schema: {
        tags: ['users'],
        summary: 'A public profile, by id or handle',
        params: z.strictObject({ idOrHandle: z.string().min(1).max(64) }),
        response: { 200: publicProfileSchema },
      },
    },
    async (request) =>
      presentPublicProfile(await accounts.getPublicProfile(request.params.idOrHandle)),
  );

  // Tokens are managed from a browser session only: a token must not mint wider tokens.
  function requireSession(request: Parameters<typeof requireUser>[0]) {
    const auth = requireUser(request);
    if (auth.via !== 'session') {
      throw new ForbiddenError(
        'Manage access tokens from a signed-in browser session.',
        'session_required',
      );
    }
    return auth;
  }

  app.post(
    '/me/tokens',
    {
      config: profile,
      schema: {
        tags: ['tokens'],
        summary: 'Create a personal access token (shown once)',
        body: createTokenBodySchema,
        response: { 201: createdTokenSchema },
      },
    },
    async (request, reply) => {
      const { row, token } = await accounts.createToken(
        requireSession(request).user.id,
        request.body,
      );
      return reply.status(201).send({ ...presentToken(row), token });
    },
  );

  app.get(
    '/me/tokens',
    {
      config: profile,
      schema: {
        tags: ['tokens'],
        summary: 'My personal access tokens',
        response: { 200: z.object({ items: z.array(tokenSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({
      items: (await accounts.listTokens(requireSession(request).user.id)).map(presentToken),
      nextCursor: null,
    }),
  );

  app.delete(
    '/me/tokens/:id',
    {
      config: profile,
      schema: {
        tags: ['tokens'],
        summary: 'Revoke a token',
        params: tokenIdParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await accounts.deleteToken(requireSession(request).user.id, request.params.id);
      return { ok: true as const };
    },
  );
};
