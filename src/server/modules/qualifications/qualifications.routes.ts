import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { okSchema, pageOf } from '../../../shared/api/common.js';
import {
  createQualificationTypeBodySchema,
  grantQualificationBodySchema,
  qualificationGrantParamsSchema,
  qualificationHolderSchema,
  qualificationHoldersQuerySchema,
  qualificationTypeParamsSchema,
  qualificationTypeQuerySchema,
  qualificationTypeSchema,
  updateQualificationTypeBodySchema,
} from '../../../shared/api/qualifications.js';
import { requireUser } from '../../plugins/auth.js';
import { presentHolder, presentQualificationType } from './qualifications.presenters.js';
import type { QualificationsService } from './qualifications.service.js';

export const qualificationsRoutes: FastifyPluginAsyncZod<{
  qualifications: QualificationsService;
}> = async (app, opts) => {
  const { qualifications } = opts;
  const tags = ['qualifications'];
  const read = { auth: { scope: 'projects:read', roles: ['requester'] } } as const;
  const write = { auth: { scope: 'projects:write', roles: ['requester'] } } as const;

  app.post(
    '/qualification-types',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a qualification type',
        body: createQualificationTypeBodySchema,
        response: { 201: qualificationTypeSchema },
      },
    },
    async (request, reply) => {
      const type = await qualifications.createType(requireUser(request).user.id, request.body);
      return reply.status(201).send(presentQualificationType(type));
    },
  );

  app.get(
    '/qualification-types',
    {
      config: read,
      schema: {
        tags,
        summary: 'My qualification types and the system types, newest first',
        querystring: qualificationTypeQuerySchema,
        response: { 200: pageOf(qualificationTypeSchema) },
      },
    },
    async (request) => {
      const page = await qualifications.listTypes(requireUser(request).user.id, request.query);
      return { items: page.items.map(presentQualificationType), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/qualification-types/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'One of my qualification types, or a system type (by id or key)',
        params: qualificationTypeParamsSchema,
        response: { 200: qualificationTypeSchema },
      },
    },
    async (request) =>
      presentQualificationType(
        await qualifications.getType(requireUser(request).user.id, request.params.id),
      ),
  );

  app.patch(
    '/qualification-types/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rename or describe one of my qualification types',
        params: qualificationTypeParamsSchema,
        body: updateQualificationTypeBodySchema,
        response: { 200: qualificationTypeSchema },
      },
    },
    async (request) =>
      presentQualificationType(
        await qualifications.updateType(
          requireUser(request).user.id,
          request.params.id,
          request.body,
        ),
      ),
  );

  app.get(
    '/qualification-types/:id/workers',
    {
      config: read,
      schema: {
        tags,
        summary: 'Workers holding one of my qualification types, most recently granted first',
        params: qualificationTypeParamsSchema,
        querystring: qualificationHoldersQuerySchema,
        response: { 200: pageOf(qualificationHolderSchema) },
      },
    },
    async (request) => {
      const page = await qualifications.listHolders(
        requireUser(request).user.id,
        request.params.id,
        request.query,
      );
      return { items: page.items.map(presentHolder), nextCursor: page.nextCursor };
    },
  );

  app.put(
    '/qualification-types/:id/workers/:workerIdOrHandle',
    {
      config: write,
      schema: {
        tags,
        summary: 'Grant a worker (by id or handle) a value, or change the value they hold',
        params: qualificationGrantParamsSchema,
        body: grantQualificationBodySchema,
        response: { 200: qualificationHolderSchema },
      },
    },
    async (request) =>
      presentHolder(
        await qualifications.grant(
          requireUser(request).user.id,
          request.params.id,
          request.params.workerIdOrHandle,
          request.body.value,
        ),
      ),
  );

  app.delete(
    '/qualification-types/:id/workers/:workerIdOrHandle',
    {
      config: write,
      schema: {
        tags,
        summary: 'Revoke a worker’s qualification',
        params: qualificationGrantParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) => {
      await qualifications.revoke(
        requireUser(request).user.id,
        request.params.id,
        request.params.workerIdOrHandle,
      );
      return { ok: true as const };
    },
  );
};
