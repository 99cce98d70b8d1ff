import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idSchema, pagedList } from './common.js';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';
import {
  QUALIFICATION_LIMITS,
  qualificationTypeParamsSchema,
  qualificationValueSchema,
} from './qualifications.js';

/** A worker's request for a requestable qualification type: open, then granted or refused. */
export const QUALIFICATION_REQUEST_STATUSES = ['pending', 'granted', 'refused'] as const;
export type QualificationRequestStatus = (typeof QUALIFICATION_REQUEST_STATUSES)[number];

export const qualificationRequestSchema = z.object({
  id: z.string(),
  qualificationTypeId: z.string(),
  qualificationTypeName: z.string(),
  workerId: z.string(),
  workerHandle: z.string(),
  workerDisplayName: z.string(),
  status: z.enum(QUALIFICATION_REQUEST_STATUSES),
  /** The value granted; null until granted. */
  value: z.number().int().nullable(),
  /** Why the requester refused; null unless refused. */
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /**
   * For the worker, after a refusal: from when they may ask again; null when the type allows one
   * request only, or when the request is not refused.
   */
  requestAgainAt: z.string().nullable(),
});
export type QualificationRequest = z.infer<typeof qualificationRequestSchema>;

const pageFields = {
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  cursor: z.string().max(200).optional(),
};

export const qualificationRequestsQuerySchema = z.strictObject({
  /** Only the requests for this one of my types. */
  qualificationTypeId: idSchema.optional(),
  status: z.enum(QUALIFICATION_REQUEST_STATUSES).optional(),
  ...pageFields,
});

export const myQualificationRequestsQuerySchema = z.strictObject({
  qualificationTypeId: idSchema.optional(),
  ...pageFields,
});

export const qualificationRequestParamsSchema = z.strictObject({ requestId: idSchema });

export const grantRequestBodySchema = z.strictObject({
  /** MTurk's AcceptQualificationRequest grants 1 when no IntegerValue is given. */
  value: qualificationValueSchema.default(1),
});

export const refuseRequestBodySchema = z.strictObject({
  /** Shown to the worker. */
  reason: z
    .string()
    .trim()
    .max(
      QUALIFICATION_LIMITS.reasonMax,
      `must be at most ${QUALIFICATION_LIMITS.reasonMax} characters`,
    )
    .default(''),
});

const worker = readWriteAccess('qualifications', 'work', ['worker']);
const requester = readWriteAccess('qualifications', 'projects', ['requester']);

export const qualificationRequestEndpoints = {
  request: endpoint({
    ...worker.write,
    method: 'POST',
    path: '/qualification-types/:id/requests',
    summary:
      'Ask for a requestable qualification type; granted at once when the type is auto-granted',
    params: qualificationTypeParamsSchema,
    response: qualificationRequestSchema,
    status: 201,
  }),
  mine: endpoint({
    ...worker.read,
    ...pagedList(myQualificationRequestsQuerySchema, qualificationRequestSchema),
    path: '/me/qualification-requests',
    summary: 'My qualification requests, newest first',
  }),
  list: endpoint({
    ...requester.read,
    ...pagedList(qualificationRequestsQuerySchema, qualificationRequestSchema),
    path: '/qualification-requests',
    summary: 'Workers’ requests for my qualification types, newest first',
  }),
  grant: endpoint({
    ...requester.write,
    method: 'POST',
    path: '/qualification-requests/:requestId/grant',
    summary: 'Grant a pending request with a value',
    params: qualificationRequestParamsSchema,
    body: grantRequestBodySchema,
    response: qualificationRequestSchema,
  }),
  refuse: endpoint({
    ...requester.write,
    method: 'POST',
    path: '/qualification-requests/:requestId/refuse',
    summary: 'Refuse a pending request, with a reason the worker sees',
    params: qualificationRequestParamsSchema,
    body: refuseRequestBodySchema,
    response: qualificationRequestSchema,
  }),
};
