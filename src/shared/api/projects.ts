import { z } from 'zod';
import { FORM_ITEM_TYPES, templateSchema } from '../templates/model.js';
import { readWriteAccess } from './access.js';
import { idSchema, pagedList, pageQuerySchema, pageQueryWith } from './common.js';
import { endpoint } from './endpoint.js';
import { hourlyPaySchema } from './fair-pay.js';
import { COMPARATORS, qualificationRequirementsSchema } from './qualifications.js';
import { flattenGoldRow, minWorkSecondsSchema, qualitySettingsSchema } from './quality.js';

export const PROJECT_LIMITS = {
  titleMax: 200,
  descriptionMax: 5_000,
  instructionsMax: 50_000,
  keywordsMax: 20,
  keywordMax: 50,
  /** $1,000 per assignment: far above any real task, low enough to catch a typo in cents. */
  rewardCentsMax: 100_000,
  assignmentsPerTaskMax: 100,
  timeAllottedSecondsMin: 30,
  timeAllottedSecondsMax: 7 * 24 * 3600,
  timeAllottedSecondsDefault: 3600,
  estimatedSecondsMin: 5,
  autoApproveSecondsMax: 30 * 24 * 3600,
  autoApproveSecondsDefault: 3 * 24 * 3600,
  /** A project may run for at most a year from now; the default is 30 days. */
  lifetimeDaysMax: 365,
  lifetimeDaysDefault: 30,
  batchBytes: 20 * 1024 * 1024,
  batchRows: 100_000,
  batchColumns: 100,
  columnNameMax: 128,
  cellMax: 65_536,
  filenameMax: 255,
} as const;

const P = PROJECT_LIMITS;

export const PROJECT_STATUSES = ['draft', 'published', 'paused', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const whole = (what: string) =>
  z
    .number({ message: `must be a whole number of ${what}` })
    .int(`must be a whole number of ${what}`);

export const rewardCentsSchema = whole('cents')
  .min(1, 'must be at least 1 cent')
  .max(P.rewardCentsMax, `must be at most ${P.rewardCentsMax} cents`);
export const assignmentsPerTaskSchema = whole('assignments')
  .min(1, 'must be at least 1')
  .max(P.assignmentsPerTaskMax, `must be at most ${P.assignmentsPerTaskMax}`);
/**
 * Adaptive overlap (DESIGN §9): each task first takes `min` workers; while its submitted answers
 * agree less than `agreementPercent` on a choice-like item, one more slot opens, up to `max`.
 * Escrow is held for `max`; the unused part returns as each task settles.
 */
export const overlapSchema = z
  .strictObject({
    min: assignmentsPerTaskSchema,
    max: assignmentsPerTaskSchema,
    agreementPercent: whole('percent')
      .min(1, 'must be between 1 and 100')
      .max(100, 'must be between 1 and 100'),
  })
  .superRefine((overlap, ctx) => {
    if (overlap.min > overlap.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['min'],
        message: `must be at most overlap.max (${overlap.max})`,
      });
    }
  });
export type Overlap = z.infer<typeof overlapSchema>;

/** `assignmentsPerTask` is a fixed overlap; `overlap` an adaptive one: a body names one of them. */
function oneOverlapKind(
  body: { assignmentsPerTask?: unknown; overlap?: unknown },
  ctx: z.RefinementCtx,
) {
  // `overlap: null` with `assignmentsPerTask` is consistent: a fixed overlap replacing one.
  if (
    body.assignmentsPerTask !== undefined &&
    body.overlap !== undefined &&
    body.overlap !== null
  ) {
    ctx.addIssue({
      code: 'custom',
      path: ['overlap'],
      message: 'cannot be set together with assignmentsPerTask: send one of them',
    });
  }
}

export const timeAllottedSecondsSchema = whole('seconds')
  .min(P.timeAllottedSecondsMin, `must be at least ${P.timeAllottedSecondsMin} seconds`)
  .max(P.timeAllottedSecondsMax, `must be at most ${P.timeAllottedSecondsMax} seconds (7 days)`);
export const autoApproveSecondsSchema = whole('seconds')
  .min(0, 'must not be negative')
  .max(P.autoApproveSecondsMax, `must be at most ${P.autoApproveSecondsMax} seconds (30 days)`);
/**
 * The requester's estimate of one assignment's work. Under 5 seconds is no real task; over the
 * allotted time (checked against it by the server) is a time no worker may take.
 */
export const estimatedSecondsSchema = whole('seconds')
  .min(P.estimatedSecondsMin, `must be at least ${P.estimatedSecondsMin} seconds`)
  .max(P.timeAllottedSecondsMax, `must be at most ${P.timeAllottedSecondsMax} seconds (7 days)`);
const expiresAtSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 date and time, e.g. 2026-12-31T23:59:59Z',
});
const keywordsSchema = z
  .array(text(P.keywordMax).min(1, 'must not be empty'))
  .max(P.keywordsMax, `must hold at most ${P.keywordsMax} keywords`);

/** Ratings steer new work (DESIGN §10): how long workers rated up have a project to themselves. */
export const EARLY_ACCESS_MINUTES_MAX = 7 * 24 * 60;
const earlyAccessMinutesSchema = z
  .number({ message: 'must be a whole number of minutes' })
  .int('must be a whole number of minutes')
  .min(0, 'must not be negative')
  .max(EARLY_ACCESS_MINUTES_MAX, `must be at most ${EARLY_ACCESS_MINUTES_MAX} (a week)`);

/**
 * Every field a requester sets on a project, with its checks: the create and update bodies are
 * built from this one table. A new field is a line here (and one in `projectSchema`, what is shown
 * back); it is optional when creating unless `createProjectFields` gives it a default.
 */
const editable = {
  title: text(P.titleMax).min(1, 'must not be empty'),
  description: text(P.descriptionMax),
  keywords: keywordsSchema,
  instructions: z
    .string()
    .max(P.instructionsMax, `must be at most ${P.instructionsMax} characters`),
  rewardCents: rewardCentsSchema,
  /**
   * A fixed overlap: 1 on a new project unless `overlap` is given; an update replaces an adaptive
   * one.
   */
  assignmentsPerTask: assignmentsPerTaskSchema,
  overlap: overlapSchema,
  timeAllottedSeconds: timeAllottedSecondsSchema,
  autoApproveSeconds: autoApproveSecondsSchema,
  /** A new project's defaults to 30 days from its creation. */
  expiresAt: expiresAtSchema,
  template: templateSchema,
  qualificationRequirements: qualificationRequirementsSchema,
  quality: qualitySettingsSchema,
  minWorkSeconds: minWorkSecondsSchema,
  /** Without one, the pay floor is checked against the allotted time, the longest work can take. */
  estimatedSeconds: estimatedSecondsSchema,
  topUpToFloor: z.boolean(),
  /** Minutes after publishing during which only workers I rated up may take its tasks. */
  earlyAccessMinutes: earlyAccessMinutesSchema,
  /** Offer the project to workers I rated down too (by default it is never offered to them). */
  includeRatedDown: z.boolean(),
};
const editableFields = z.object(editable);

/** The names of the fields a requester sets, in the order the API lists them. */
export const EDITABLE_PROJECT_FIELDS = editableFields.keyof().options;
export type EditableProjectField = (typeof EDITABLE_PROJECT_FIELDS)[number];

/** Any field not named here may be left out of a new project (and stays unset). */
const createProjectFields = z.strictObject({
  ...editableFields.partial().shape,
  title: editable.title,
  description: editable.description.default(''),
  keywords: editable.keywords.default([]),
  instructions: editable.instructions.default(''),
  rewardCents: editable.rewardCents,
  timeAllottedSeconds: editable.timeAllottedSeconds.default(P.timeAllottedSecondsDefault),
  autoApproveSeconds: editable.autoApproveSeconds.default(P.autoApproveSecondsDefault),
  /** Defaults to an empty form, to be designed before publishing. */
  template: editable.template.default({ kind: 'form', items: [] }),
  qualificationRequirements: editable.qualificationRequirements.default([]),
  /** Any setting left out keeps its default (no gold, no accuracy floor). */
  quality: editable.quality.partial().optional(),
  minWorkSeconds: editable.minWorkSeconds.default(0),
  topUpToFloor: editable.topUpToFloor.default(false),
  earlyAccessMinutes: editable.earlyAccessMinutes.default(0),
  includeRatedDown: editable.includeRatedDown.default(false),
});
export const createProjectBodySchema = createProjectFields.superRefine(oneOverlapKind);
export type CreateProjectBody = z.infer<typeof createProjectBodySchema>;

/**
 * A draft may change anything; a published or paused project only its texts, a later expiry and
 * its options' labels and values (a value change needs `acknowledgeOptionValueChanges`).
 */
const updateProjectFields = z.strictObject({
  ...editableFields.partial().shape,
  /** An adaptive overlap; null turns it off (keeping `min` slots per task). */
  overlap: editable.overlap.nullable().optional(),
  /** Only the settings named change. */
  quality: editable.quality.partial().optional(),
  /**
   * Confirms that changing option values of a published project's template is meant: answers
   * already given keep the old values, so exports will hold both.
   */
  acknowledgeOptionValueChanges: z.boolean().optional(),
});
export const updateProjectBodySchema = updateProjectFields.superRefine(oneOverlapKind);
export type UpdateProjectBody = z.infer<typeof updateProjectBodySchema>;

/** What may still change once a project is published. */
export const LIVE_EDITABLE_FIELDS = [
  'title',
  'description',
  'keywords',
  'instructions',
  'expiresAt',
  'quality',
  'minWorkSeconds',
  'estimatedSeconds',
  'earlyAccessMinutes',
  'includeRatedDown',
] as const;

export const projectProgressSchema = z.object({
  tasks: z.number().int(),
  assignmentsSubmitted: z.number().int(),
  assignmentsApproved: z.number().int(),
  /** Accepted and not yet submitted. */
  assignmentsOutstanding: z.number().int(),
  /**
   * Adaptive overlap's extra spending (null without overlap): assignments opened because answers
   * disagreed, and per answer count beyond `min`, how many tasks needed it.
   */
  overlap: z
    .object({
      extraAssignments: z.number().int(),
      tasksNeeding: z.array(z.object({ answers: z.number().int(), tasks: z.number().int() })),
    })
    .nullable(),
});

const requirementOutSchema = z.object({
  qualificationTypeId: z.string(),
  comparator: z.enum(COMPARATORS),
  integerValues: z.array(z.number().int()).optional(),
  localeValues: z.array(z.string()).optional(),
});

/**
 * A pilot run (DESIGN §10): the first `tasks` tasks open to at most `workers` distinct workers,
 * who answer a feedback question with each submission. Running while `endedAt` is null; ended when
 * the requester published the rest. Null for a project that never ran one.
 */
export const projectPilotSchema = z.object({
  tasks: z.number().int(),
  workers: z.number().int(),
  /** Distinct workers who took pilot work so far. */
  workersJoined: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type ProjectPilot = z.infer<typeof projectPilotSchema>;

export const projectSchema = z.object({
  id: z.string(),
  ownerId: z.string(),
  title: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  instructions: z.string(),
  status: z.enum(PROJECT_STATUSES),
  rewardCents: z.number().int(),
  /** With adaptive overlap, its `min`. */
  assignmentsPerTask: z.number().int(),
  overlap: z
    .object({ min: z.number().int(), max: z.number().int(), agreementPercent: z.number().int() })
    .nullable(),
  timeAllottedSeconds: z.number().int(),
  autoApproveSeconds: z.number().int(),
  expiresAt: z.string(),
  template: templateSchema,
  qualificationRequirements: z.array(requirementOutSchema),
  quality: qualitySettingsSchema,
  minWorkSeconds: z.number().int(),
  estimatedSeconds: z.number().int().nullable(),
  topUpToFloor: z.boolean(),
  /** The pay floor in force when it was published (0 before, or without a floor). */
  payFloorCents: z.number().int(),
  /** Escrowed per slot for its top-up, besides the reward (0 without topUpToFloor). */
  topUpReserveCents: z.number().int(),
  hourlyPay: hourlyPaySchema,
  earlyAccessMinutes: z.number().int(),
  includeRatedDown: z.boolean(),
  progress: projectProgressSchema,
  pilot: projectPilotSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
});
export type Project = z.infer<typeof projectSchema>;

export const projectParamsSchema = z.strictObject({ id: idSchema });
export const projectTaskParamsSchema = z.strictObject({ id: idSchema, taskId: idSchema });

export const projectListQuerySchema = pageQueryWith({
  status: z.enum(PROJECT_STATUSES).optional(),
});

// Batches and tasks ----------------------------------------------------------------------------

/** `cancelled`: a published project's batch withdrawn; its unstarted tasks are closed. */
export const BATCH_STATUSES = ['active', 'cancelled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const batchSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  filename: z.string().nullable(),
  rowCount: z.number().int(),
  columns: z.array(z.string()),
  status: z.enum(BATCH_STATUSES),
  /** What adding it moved into escrow: 0 while the project is a draft. */
  escrowCents: z.number().int(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
  /** Escrow its cancellation returned to the requester's available funds so far. */
  releasedCents: z.number().int(),
});
export type Batch = z.infer<typeof batchSchema>;

const cellSchema = z.union([
  z.string().max(P.cellMax, `must be at most ${P.cellMax} characters`),
  z.number(),
  z.boolean(),
  z.null(),
]);
/**
 * A row: its cells by column, or `{ data: {…cells}, gold: { answers, explanation? } }` for a gold
 * row, read as the cells plus `Gold.<item>` cells, as a CSV would carry them.
 */
export const jsonRowSchema = z.preprocess(
  flattenGoldRow,
  z.record(
    z
      .string()
      .min(1, 'column names must not be empty')
      .max(P.columnNameMax, `column names must be at most ${P.columnNameMax} characters`),
    cellSchema,
  ),
);
export const jsonRowsSchema = z
  .array(jsonRowSchema)
  .min(1, 'must hold at least one row')
  .max(P.batchRows, `must hold at most ${P.batchRows} rows`);

/** JSON rows as `{ rows: [...], filename? }`; the bare array of rows is accepted too. */
export const jsonBatchBodySchema = z.strictObject({
  rows: jsonRowsSchema,
  filename: text(P.filenameMax).optional(),
});

/** How a CSV's cells are separated; `auto` (the default) reads it from the header line. */
export const CSV_DELIMITERS = ['auto', 'comma', 'semicolon', 'tab'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export const batchQuerySchema = z.strictObject({
  /** The upload's file name, for CSV bodies (JSON bodies may carry it in `filename`). */
  filename: text(P.filenameMax).optional(),
  delimiter: z.enum(CSV_DELIMITERS).default('auto'),
});

export const batchParamsSchema = z.strictObject({ id: idSchema, batchId: idSchema });

/** What deleting a draft's batch removed. */
export const deletedBatchSchema = z.object({ id: z.string(), deletedTasks: z.number().int() });
export type DeletedBatch = z.infer<typeof deletedBatchSchema>;

export const batchListQuerySchema = pageQuerySchema;

export const taskSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  batchId: z.string(),
  /** The row's line in its own upload: restarts at 1 in every batch. */
  rowNumber: z.number().int(),
  /** The task's number in its project (#1, #2, …), in import order across batches; never changes. */
  number: z.number().int(),
  data: z.record(z.string(), z.string()),
  rewardCents: z.number().int(),
  createdAt: z.string(),
  /** Set when its batch was cancelled: it offers no more slots. */
  cancelledAt: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const taskListQuerySchema = pageQueryWith({
  batchId: idSchema.optional(),
});

// Preview --------------------------------------------------------------------------------------

export const previewQuerySchema = z.strictObject({ taskId: idSchema.optional() });

const filledFormItemSchema = z.looseObject({ type: z.enum(FORM_ITEM_TYPES), name: z.string() });

export const previewSchema = z.object({
  projectId: z.string(),
  title: z.string(),
  description: z.string(),
  instructions: z.string(),
  rewardCents: z.number().int(),
  timeAllottedSeconds: z.number().int(),
  /** The task shown; null while the project has no tasks (placeholders are then empty). */
  task: z
    .object({
      id: z.string(),
      rowNumber: z.number().int(),
      number: z.number().int(),
      data: z.record(z.string(), z.string()),
    })
    .nullable(),
  template: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('form'), items: z.array(filledFormItemSchema) }),
    z.object({
      kind: z.literal('html'),
      html: z.string(),
      /** Where the filled HTML is served for a sandboxed iframe; null without a task. */
      frameUrl: z.string().nullable(),
    }),
  ]),
});
export type Preview = z.infer<typeof previewSchema>;

// Endpoints -------------------------------------------------------------------------------------

const { read, write } = readWriteAccess('projects', 'projects', ['requester']);

/** A lifecycle move of one of my projects: no body, the project as it now is. */
const transition = {
  ...write,
  method: 'POST',
  params: projectParamsSchema,
  response: projectSchema,
} as const;

export const projectEndpoints = {
  create: endpoint({
    ...write,
    method: 'POST',
    path: '/projects',
    summary: 'Create a draft project',
    body: createProjectBodySchema,
    response: projectSchema,
    status: 201,
  }),
  list: endpoint({
    ...read,
    ...pagedList(projectListQuerySchema, projectSchema),
    path: '/projects',
    summary: 'My projects, newest first',
  }),
  get: endpoint({
    ...read,
    method: 'GET',
    path: '/projects/:id',
    summary: 'One of my projects',
    params: projectParamsSchema,
    response: projectSchema,
  }),
  update: endpoint({
    ...write,
    method: 'PATCH',
    path: '/projects/:id',
    summary: 'Edit a project (a draft fully; a published one only its texts and a later expiry)',
    params: projectParamsSchema,
    body: updateProjectBodySchema,
    response: projectSchema,
  }),
  publish: endpoint({
    ...transition,
    path: '/projects/:id/publish',
    summary:
      'Publish a draft (escrows reward × slots (+ fee) for every task), or the rest of a pilot run',
    description:
      'From draft: escrows every task and opens it. From a running pilot (`POST /projects/{id}/pilot`): escrows the held tasks, opens them to every worker and ends the pilot; pilot answers stay as results.',
  }),
  pause: endpoint({
    ...transition,
    path: '/projects/:id/pause',
    summary: 'Pause a published project (no new accepts)',
  }),
  resume: endpoint({
    ...transition,
    path: '/projects/:id/resume',
    summary: 'Resume a paused project',
  }),
  cancel: endpoint({
    ...transition,
    path: '/projects/:id/cancel',
    summary: 'Cancel a project; unused escrow returns once nothing is outstanding',
  }),
  preview: endpoint({
    ...read,
    method: 'GET',
    path: '/projects/:id/preview',
    summary: 'The task exactly as a worker will see it (the first task unless taskId is given)',
    params: projectParamsSchema,
    query: previewQuerySchema,
    response: previewSchema,
  }),
  taskFrame: endpoint({
    ...read,
    method: 'GET',
    path: '/projects/:id/tasks/:taskId/frame',
    summary: "An HTML task's filled page, for a sandboxed iframe (text/html)",
    params: projectTaskParamsSchema,
    response: z.string().describe('The filled HTML page'),
    produces: ['text/html'],
  }),
};
