import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { countrySchema } from './accounts.js';
import { okSchema, pagedList, pageQuerySchema, pageQueryWith } from './common.js';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';
import {
  qualificationTestDefinitionSchema,
  qualificationTestSchema,
} from './qualification-tests.js';

export const QUALIFICATION_LIMITS = {
  nameMax: 100,
  descriptionMax: 2_000,
  requirementsMax: 20,
  valuesMax: 30,
  /** Values are PostgreSQL `integer`s, like MTurk's IntegerValue. */
  valueMin: -2_147_483_648,
  valueMax: 2_147_483_647,
  retryDelayMax: 365 * 24 * 3600,
  reasonMax: 1_000,
} as const;

export const QUALIFICATION_VALUE_KINDS = ['integer', 'locale'] as const;
export type QualificationValueKind = (typeof QUALIFICATION_VALUE_KINDS)[number];

/**
 * Types every requester can use. Their ids are fixed (seeded by a migration), so a project may
 * name one either by id or by key; the server stores the id. Values are computed from the
 * worker's record, never granted.
 */
export const SYSTEM_QUALIFICATION_IDS = {
  approvalRate: '00000000-0000-4000-8000-000000000001',
  approvedCount: '00000000-0000-4000-8000-000000000002',
  country: '00000000-0000-4000-8000-000000000003',
} as const;

export const SYSTEM_QUALIFICATION_TYPES = [
  { id: SYSTEM_QUALIFICATION_IDS.approvalRate, key: 'system.approval_rate', valueKind: 'integer' },
  {
    id: SYSTEM_QUALIFICATION_IDS.approvedCount,
    key: 'system.approved_count',
    valueKind: 'integer',
  },
  { id: SYSTEM_QUALIFICATION_IDS.country, key: 'system.country', valueKind: 'locale' },
] as const satisfies readonly { id: string; key: string; valueKind: QualificationValueKind }[];

export type SystemQualificationType = (typeof SYSTEM_QUALIFICATION_TYPES)[number];

const SYSTEM_KEYS: readonly string[] = SYSTEM_QUALIFICATION_TYPES.map((t) => t.key);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function findSystemQualificationType(idOrKey: string): SystemQualificationType | undefined {
  const lower = idOrKey.toLowerCase();
  return SYSTEM_QUALIFICATION_TYPES.find((t) => t.id === lower || t.key === lower);
}

/** A system key becomes its id; any other id is returned lower-cased. */
export function canonicalQualificationTypeId(idOrKey: string): string {
  return findSystemQualificationType(idOrKey)?.id ?? idOrKey.toLowerCase();
}

/** A qualification type id, or the key of a system type such as `system.approval_rate`. */
export const qualificationTypeRefSchema = z
  .string()
  .max(64)
  .refine(
    (value) => UUID.test(value) || SYSTEM_KEYS.includes(value),
    `must be a qualification type id or a system key (${SYSTEM_KEYS.join(', ')})`,
  );

const NO_VALUE = ['Exists', 'DoesNotExist'] as const;
const ONE_VALUE = [
  'EqualTo',
  'NotEqualTo',
  'GreaterThan',
  'GreaterThanOrEqualTo',
  'LessThan',
  'LessThanOrEqualTo',
] as const;
/** Every comparator, in the order a requester is offered them: no value, one value, a set. */
export const COMPARATORS = [...NO_VALUE, ...ONE_VALUE, 'In', 'NotIn'] as const;
export type Comparator = (typeof COMPARATORS)[number];
/** The comparators that make sense for a country: equality and set membership. */
export const LOCALE_COMPARATORS: readonly Comparator[] = [
  'Exists',
  'DoesNotExist',
  'EqualTo',
  'NotEqualTo',
  'In',
  'NotIn',
];

const tooMany = `must hold at most ${QUALIFICATION_LIMITS.valuesMax} values`;

export const qualificationValueSchema = z
  .number({ message: 'must be an integer' })
  .int('must be an integer')
  .min(QUALIFICATION_LIMITS.valueMin, `must be at least ${QUALIFICATION_LIMITS.valueMin}`)
  .max(QUALIFICATION_LIMITS.valueMax, `must be at most ${QUALIFICATION_LIMITS.valueMax}`);

/**
 * One requirement of a project, as in MTurk's QualificationRequirement. The shape is checked here;
 * that the type exists, is the requester's own (or a system type) and holds this kind of value is
 * checked by the server, which knows the types.
 */
export const qualificationRequirementSchema = z
  .strictObject({
    qualificationTypeId: qualificationTypeRefSchema,
    comparator: z.enum(COMPARATORS, {
      message: `must be one of ${COMPARATORS.join(', ')}`,
    }),
    integerValues: z
      .array(qualificationValueSchema)
      .max(QUALIFICATION_LIMITS.valuesMax, tooMany)
      .optional(),
    localeValues: z.array(countrySchema).max(QUALIFICATION_LIMITS.valuesMax, tooMany).optional(),
  })
  .superRefine((requirement, ctx) => {
    for (const issue of requirementShapeIssues(requirement)) {
      ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
    }
  });
export type QualificationRequirement = z.infer<typeof qualificationRequirementSchema>;

export const qualificationRequirementsSchema = z
  .array(qualificationRequirementSchema)
  .max(
    QUALIFICATION_LIMITS.requirementsMax,
    `must have at most ${QUALIFICATION_LIMITS.requirementsMax} requirements`,
  );

export type ShapeIssue = {
  field: 'comparator' | 'integerValues' | 'localeValues';
  message: string;
};

/**
 * Why a requirement's values do not fit its comparator and, when known, the kind of value its
 * type holds (always known for system types; the server passes it for requester types).
 */
export function requirementShapeIssues(
  requirement: {
    qualificationTypeId: string;
    comparator: Comparator;
    integerValues?: readonly number[] | undefined;
    localeValues?: readonly string[] | undefined;
  },
  kind: QualificationValueKind | undefined = findSystemQualificationType(
    requirement.qualificationTypeId,
  )?.valueKind,
): ShapeIssue[] {
  const { comparator } = requirement;
  const ints = requirement.integerValues ?? [];
  const locales = requirement.localeValues ?? [];

  if (NO_VALUE.some((c) => c === comparator)) {
    const field = ints.length > 0 ? 'integerValues' : locales.length > 0 ? 'localeValues' : null;
    return field ? [{ field, message: `must be absent: ${comparator} compares no value` }] : [];
  }
  if (kind === 'locale') {
    if (!LOCALE_COMPARATORS.includes(comparator)) {
      return [
        {
          field: 'comparator',
          message: `cannot be ${comparator} for a country; use ${LOCALE_COMPARATORS.join(', ')}`,
        },
      ];
    }
    if (ints.length > 0) {
      return [
        {
          field: 'integerValues',
          message: 'must be absent: a country is compared with localeValues',
        },
      ];
    }
  }
  if (kind === 'integer' && locales.length > 0) {
    return [{ field: 'localeValues', message: 'must be absent: this type holds integers' }];
  }
  if (ints.length > 0 && locales.length > 0) {
    return [{ field: 'localeValues', message: 'must be absent when integerValues are given' }];
  }
  const field = kind === 'locale' || locales.length > 0 ? 'localeValues' : 'integerValues';
  const count = ints.length + locales.length;
  if (ONE_VALUE.some((c) => c === comparator)) {
    if (field === 'localeValues' && comparator !== 'EqualTo' && comparator !== 'NotEqualTo') {
      return [{ field, message: `must be absent: ${comparator} compares integers` }];
    }
    return count === 1 ? [] : [{ field, message: `must hold exactly one value for ${comparator}` }];
  }
  return count >= 1
    ? []
    : [
        {
          field,
          message: `must hold 1 to ${QUALIFICATION_LIMITS.valuesMax} values for ${comparator}`,
        },
      ];
}

export const qualificationTypeSchema = z.object({
  id: z.string(),
  /** Set on system types only, e.g. `system.country`. */
  key: z.string().nullable(),
  name: z.string(),
  description: z.string(),
  system: z.boolean(),
  valueKind: z.enum(QUALIFICATION_VALUE_KINDS),
  /** Workers holding it; null for system types, whose values are computed. */
  holderCount: z.number().int().nullable(),
  /** Whether workers can take a test to earn it. */
  hasTest: z.boolean(),
  /** Workers may ask for it (MTurk's IsRequestable); the owner grants or refuses each request. */
  requestable: z.boolean(),
  /** MTurk's QualificationTypeStatus Active; an inactive type cannot be requested. */
  active: z.boolean(),
  /** A request is granted at once, with `autoGrantedValue`. */
  autoGranted: z.boolean(),
  autoGrantedValue: z.number().int(),
  /** How long after a refused request the worker may ask again; null: they may ask only once. */
  retryDelaySeconds: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type QualificationType = z.infer<typeof qualificationTypeSchema>;

/** One type as its owner reads, creates or edits it: with its test (and answer key), if any. */
export const qualificationTypeDetailSchema = qualificationTypeSchema.extend({
  test: qualificationTestDefinitionSchema.nullable(),
});
export type QualificationTypeDetail = z.infer<typeof qualificationTypeDetailSchema>;

const nameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(QUALIFICATION_LIMITS.nameMax, `must be at most ${QUALIFICATION_LIMITS.nameMax} characters`);
const descriptionSchema = z
  .string()
  .trim()
  .max(
    QUALIFICATION_LIMITS.descriptionMax,
    `must be at most ${QUALIFICATION_LIMITS.descriptionMax} characters`,
  );

/** How workers may obtain a type by asking for it; the same fields on create and update. */
export const requestSettingsFields = {
  requestable: z.boolean().optional(),
  active: z.boolean().optional(),
  autoGranted: z.boolean().optional(),
  autoGrantedValue: qualificationValueSchema.optional(),
  retryDelaySeconds: z
    .number()
    .int('must be a whole number of seconds')
    .min(0, 'must not be negative')
    .max(QUALIFICATION_LIMITS.retryDelayMax, 'must be at most a year')
    .nullable()
    .optional(),
};

export const createQualificationTypeBodySchema = z.strictObject({
  name: nameSchema,
  description: descriptionSchema.default(''),
  /** A test workers take to earn the type (DESIGN §9). */
  test: qualificationTestSchema.optional(),
  ...requestSettingsFields,
});
export type CreateQualificationTypeBody = z.infer<typeof createQualificationTypeBodySchema>;

export const updateQualificationTypeBodySchema = z.strictObject({
  name: nameSchema.optional(),
  description: descriptionSchema.optional(),
  /** Replaces the test; null removes it. Attempts already started keep the version they got. */
  test: qualificationTestSchema.nullable().optional(),
  ...requestSettingsFields,
});
export type UpdateQualificationTypeBody = z.infer<typeof updateQualificationTypeBodySchema>;

export const qualificationTypeQuerySchema = pageQueryWith({
  /** Case-insensitive match anywhere in the name. */
  q: z.string().trim().max(LIMITS.searchMax).optional(),
  /** `me`: only my types; `system`: only system types; absent: both. */
  owner: z.enum(['me', 'system']).optional(),
});

export const qualificationTypeParamsSchema = z.strictObject({ id: qualificationTypeRefSchema });

export const qualificationGrantParamsSchema = z.strictObject({
  id: qualificationTypeRefSchema,
  /** A worker's id or public handle. */
  workerIdOrHandle: z.string().min(1).max(64),
});

export const grantQualificationBodySchema = z.strictObject({
  /** MTurk's default for AssociateQualificationWithWorker. */
  value: qualificationValueSchema.default(1),
});

export const qualificationHolderSchema = z.object({
  qualificationTypeId: z.string(),
  workerId: z.string(),
  handle: z.string(),
  displayName: z.string(),
  value: z.number().int(),
  grantedAt: z.string(),
  updatedAt: z.string(),
});
export type QualificationHolder = z.infer<typeof qualificationHolderSchema>;

export const qualificationHoldersQuerySchema = pageQuerySchema;

const { read, write } = readWriteAccess('qualifications', 'projects', ['requester']);

export const qualificationEndpoints = {
  createType: endpoint({
    ...write,
    method: 'POST',
    path: '/qualification-types',
    summary: 'Create a qualification type',
    body: createQualificationTypeBodySchema,
    response: qualificationTypeDetailSchema,
    status: 201,
  }),
  listTypes: endpoint({
    ...read,
    ...pagedList(qualificationTypeQuerySchema, qualificationTypeSchema),
    path: '/qualification-types',
    summary: 'My qualification types and the system types, newest first',
  }),
  getType: endpoint({
    ...read,
    method: 'GET',
    path: '/qualification-types/:id',
    summary: 'One of my qualification types, or a system type (by id or key)',
    params: qualificationTypeParamsSchema,
    response: qualificationTypeDetailSchema,
  }),
  updateType: endpoint({
    ...write,
    method: 'PATCH',
    path: '/qualification-types/:id',
    summary: 'Rename or describe one of my qualification types',
    params: qualificationTypeParamsSchema,
    body: updateQualificationTypeBodySchema,
    response: qualificationTypeDetailSchema,
  }),
  listHolders: endpoint({
    ...read,
    ...pagedList(qualificationHoldersQuerySchema, qualificationHolderSchema),
    path: '/qualification-types/:id/workers',
    summary: 'Workers holding one of my qualification types, most recently granted first',
    params: qualificationTypeParamsSchema,
  }),
  grant: endpoint({
    ...write,
    method: 'PUT',
    path: '/qualification-types/:id/workers/:workerIdOrHandle',
    summary: 'Grant a worker (by id or handle) a value, or change the value they hold',
    params: qualificationGrantParamsSchema,
    body: grantQualificationBodySchema,
    response: qualificationHolderSchema,
  }),
  revoke: endpoint({
    ...write,
    method: 'DELETE',
    path: '/qualification-types/:id/workers/:workerIdOrHandle',
    summary: 'Revoke a worker’s qualification',
    params: qualificationGrantParamsSchema,
    response: okSchema,
  }),
};
