import type {
  CreateProjectBody,
  Preview,
  ProjectStatus,
  UpdateProjectBody,
} from '../../../shared/api/projects.js';
import { LIVE_EDITABLE_FIELDS, PROJECT_LIMITS } from '../../../shared/api/projects.js';
import type { QualificationRequirement } from '../../../shared/api/qualifications.js';
import { publishedTemplateChange } from '../../../shared/templates/published-changes.js';
import type { Db } from '../../db/database.js';
import { pageFrom } from '../../db/pagination.js';
import { ConflictError, fieldProblems, NotFoundError, ValidationError } from '../../errors.js';
import { sameJson } from '../../lib/canonical-json.js';
import type { Clock } from '../../lib/clock.js';
import { filledTemplate, frameHtml, frameUrls } from '../../lib/task-frame.js';
import type { QualificationsService } from '../qualifications/qualifications.service.js';
import { assertPayTerms } from './pay-floor.js';
import { isPilotRunning } from './pilot-rules.js';
import { plainColumns } from './project-columns.js';
import type { ProjectRow, ProjectsRepository, ProjectUpdate } from './projects.repository.js';
import type { TasksRepository } from './tasks.repository.js';

const DAY_MS = 24 * 3600 * 1000;

/** The quality settings named in a body as columns (absent: kept, or the default on create). */
function qualityColumns(body: Pick<UpdateProjectBody, 'quality'>) {
  const quality = body.quality ?? {};
  return {
    gold_percent: quality.goldPercent,
    min_gold_accuracy_percent: quality.minGoldAccuracyPercent,
    min_gold_answered: quality.minGoldAnswered,
    gold_feedback: quality.goldFeedback,
  };
}

/**
 * The overlap a body names as columns: `assignmentsPerTask` is a fixed one (clearing an adaptive
 * one), `overlap` an adaptive one (its `min` is the slots every task starts with), `overlap: null`
 * keeps the slots and drops the adaptive part; absent: kept.
 */
function overlapColumns(body: Pick<UpdateProjectBody, 'assignmentsPerTask' | 'overlap'>) {
  if (body.overlap) {
    return {
      assignments_per_task: body.overlap.min,
      overlap_max: body.overlap.max,
      overlap_agreement_percent: body.overlap.agreementPercent,
    };
  }
  if (body.overlap === null || body.assignmentsPerTask !== undefined) {
    return { overlap_max: null, overlap_agreement_percent: null };
  }
  return {};
}

/** A project's adaptive overlap, or null when every task takes a fixed number of answers. */
export function overlapOf(
  row: Pick<ProjectRow, 'assignments_per_task' | 'overlap_max' | 'overlap_agreement_percent'>,
) {
  if (row.overlap_max === null || row.overlap_agreement_percent === null) return null;
  return {
    min: row.assignments_per_task,
    max: row.overlap_max,
    agreementPercent: row.overlap_agreement_percent,
  };
}

/** Slots each new task holds in escrow beyond the ones it starts with (adaptive overlap's room). */
export function reserveSlotsOf(row: Pick<ProjectRow, 'assignments_per_task' | 'overlap_max'>) {
  return row.overlap_max === null ? 0 : row.overlap_max - row.assignments_per_task;
}

/** The stored template: validated on the way in, so it is read back as is. */
export const templateOf = (row: ProjectRow) => row.template;

export async function requireOwnedProject(
  projects: ProjectsRepository,
  id: string,
  ownerId: string,
  trx?: Db,
  options: { lock?: boolean } = {},
): Promise<ProjectRow> {
  const project = await projects.findOwned(id, ownerId, trx, options);
  // Someone else's project is "not found": its existence is not the caller's business.
  if (!project) throw new NotFoundError('Project');
  return project;
}

export function invalidState(
  project: ProjectRow,
  action: string,
  allowed: readonly ProjectStatus[],
) {
  return new ConflictError(
    'invalid_state',
    `Cannot ${action} a ${project.status} project (only ${allowed.join(' or ')}).`,
    { status: project.status, allowed },
  );
}

function expiryFrom(iso: string, now: Date): Date {
  const expiresAt = new Date(iso);
  const problem =
    expiresAt.getTime() <= now.getTime()
      ? 'must be in the future'
      : expiresAt.getTime() > now.getTime() + PROJECT_LIMITS.lifetimeDaysMax * DAY_MS
        ? `must be at most ${PROJECT_LIMITS.lifetimeDaysMax} days from now`
        : undefined;
  if (problem) {
    throw new ValidationError(
      `Invalid input — expiresAt: ${problem}`,
      fieldProblems({ expiresAt: problem }),
    );
  }
  return expiresAt;
}

/** The collective rules in force that a project's terms must meet (DESIGN §11). */
export type ProjectRules = {
  /** The pay floor, cents per hour: 0 for no floor. */
  minHourlyCents: () => Promise<number>;
  /** The longest auto-approve window a project may set. */
  maxAutoApproveSeconds: () => Promise<number>;
};

/** 400 when `autoApproveSeconds` is longer than the members' rule allows. */
function assertAutoApproveAllowed(max: number, seconds: number | undefined) {
  if (seconds === undefined || seconds <= max) return;
  const problem = `must be at most ${max} seconds (${+(max / 86_400).toFixed(2)} days): the maxAutoApproveSeconds rule in force`;
  throw new ValidationError(
    `Invalid input — autoApproveSeconds: ${problem}`,
    fieldProblems({ autoApproveSeconds: problem }),
  );
}

export function createProjectsService(deps: {
  projects: ProjectsRepository;
  tasks: TasksRepository;
  qualifications: Pick<QualificationsService, 'assertRequirementsUsable'>;
  clock: Clock;
  rules: ProjectRules;
}) {
  const { projects, tasks, qualifications, clock } = deps;

  /**
   * A published template keeps its structure: workers may have answered it. Options may be
   * reworded; changing what an option stores splits the answers between two values, so the
   * caller must say they mean it.
   */
  function assertLiveTemplateEdit(project: ProjectRow, body: UpdateProjectBody) {
    if (body.template === undefined) return;
    const change = publishedTemplateChange(templateOf(project), body.template);
    if (change.kind === 'structure') {
      throw new ConflictError(
        'not_editable',
        `template cannot change once a project is published, except its options' labels and values; only ${LIVE_EDITABLE_FIELDS.join(', ')} can.`,
        { field: 'template' },
      );
    }
    if (
      change.kind === 'options' &&
      change.valueChanges.length > 0 &&
      body.acknowledgeOptionValueChanges !== true
    ) {
      throw new ConflictError(
        'option_values_changed',
        'This project is published: answers already given keep the old option values, so exports would mix old and new values. Send acknowledgeOptionValueChanges: true to change them anyway.',
        { field: 'template', changes: change.valueChanges },
      );
    }
  }

  /** The published-project rule: fields other than texts and a later expiry stay as they are. */
  function assertLiveEdit(
    project: ProjectRow,
    body: UpdateProjectBody,
    requirements: QualificationRequirement[] | undefined,
  ) {
    const current: Record<string, unknown> = {
      rewardCents: project.reward_cents,
      assignmentsPerTask: project.assignments_per_task,
      overlap: overlapOf(project),
      timeAllottedSeconds: project.time_allotted_seconds,
      autoApproveSeconds: project.auto_approve_seconds,
      qualificationRequirements: project.qualification_requirements,
      // Its escrow was sized by it at publish.
      topUpToFloor: project.top_up_to_floor,
    };
    // A pilot exists to find what to change before the rest is published: its template may still
    // change shape (its answers stay as given, under the old template's names).
    if (!isPilotRunning(project)) assertLiveTemplateEdit(project, body);
    const { template: _checkedAbove, acknowledgeOptionValueChanges: _flag, ...fields } = body;
    const wanted: Record<string, unknown> = { ...fields, qualificationRequirements: requirements };
    for (const [field, value] of Object.entries(wanted)) {
      if (value === undefined || LIVE_EDITABLE_FIELDS.some((editable) => editable === field))
        continue;
      if (!sameJson(value, current[field])) {
        throw new ConflictError(
          'not_editable',
          `${field} cannot change once a project is published; only ${LIVE_EDITABLE_FIELDS.join(', ')} can.`,
          { field },
        );
      }
    }
    if (body.expiresAt !== undefined && new Date(body.expiresAt) < project.expires_at) {
      throw new ConflictError(
        'not_editable',
        'expiresAt of a published project can only move later.',
        { field: 'expiresAt' },
      );
    }
  }

  return {
    async create(ownerId: string, body: CreateProjectBody): Promise<ProjectRow> {
      const now = clock.now();
      const expiresAt = body.expiresAt
        ? expiryFrom(body.expiresAt, now)
        : new Date(now.getTime() + PROJECT_LIMITS.lifetimeDaysDefault * DAY_MS);
      // A draft is work in progress: the floor is checked when its pay changes and at publish.
      assertPayTerms(
        {
          reward_cents: body.rewardCents,
          estimated_seconds: body.estimatedSeconds ?? null,
          time_allotted_seconds: body.timeAllottedSeconds,
        },
        0,
      );
      assertAutoApproveAllowed(await deps.rules.maxAutoApproveSeconds(), body.autoApproveSeconds);
      const requirements = await qualifications.assertRequirementsUsable(
        ownerId,
        body.qualificationRequirements,
      );
      return projects.insert({
        owner_id: ownerId,
        ...plainColumns(body),
        assignments_per_task: body.assignmentsPerTask ?? 1,
        ...overlapColumns(body),
        ...qualityColumns(body),
        expires_at: expiresAt,
        template: JSON.stringify(body.template),
        qualification_requirements: JSON.stringify(requirements),
      });
    },

    get: (ownerId: string, id: string) => requireOwnedProject(projects, id, ownerId),

    async list(
      ownerId: string,
      query: { status?: ProjectStatus | undefined; cursor?: string | undefined; limit: number },
    ) {
      return pageFrom(await projects.listOwned(ownerId, query), query.limit);
    },

    /** `within`, if given, runs in the update's transaction (an MTurk HITExtended notification). */
    async update(
      ownerId: string,
      id: string,
      body: UpdateProjectBody,
      within?: (trx: Db) => Promise<void>,
    ): Promise<ProjectRow> {
      const requirements =
        body.qualificationRequirements &&
        (await qualifications.assertRequirementsUsable(ownerId, body.qualificationRequirements));
      const now = clock.now();
      // Read before the transaction: rules are read outside it (and PGlite has one connection).
      const floor = await deps.rules.minHourlyCents();
      const maxAutoApprove = await deps.rules.maxAutoApproveSeconds();
      return projects.transaction(async (trx) => {
        const project = await requireOwnedProject(projects, id, ownerId, trx, { lock: true });
        // A value kept as it was stays allowed after the rule is lowered.
        if (body.autoApproveSeconds !== project.auto_approve_seconds) {
          assertAutoApproveAllowed(maxAutoApprove, body.autoApproveSeconds);
        }
        if (project.status === 'cancelled' || project.status === 'completed') {
          throw invalidState(project, 'edit', ['draft', 'published', 'paused']);
        }
        if (project.status !== 'draft') assertLiveEdit(project, body, requirements);
        const patch: ProjectUpdate = {
          ...plainColumns(body),
          ...overlapColumns(body),
          ...qualityColumns(body),
          expires_at: body.expiresAt === undefined ? undefined : expiryFrom(body.expiresAt, now),
          template: body.template === undefined ? undefined : JSON.stringify(body.template),
          qualification_requirements:
            requirements === undefined ? undefined : JSON.stringify(requirements),
        };
        const payChanged =
          body.rewardCents !== undefined ||
          body.estimatedSeconds !== undefined ||
          body.timeAllottedSeconds !== undefined;
        assertPayTerms(
          {
            reward_cents: body.rewardCents ?? project.reward_cents,
            estimated_seconds: body.estimatedSeconds ?? project.estimated_seconds,
            time_allotted_seconds: body.timeAllottedSeconds ?? project.time_allotted_seconds,
          },
          payChanged ? floor : 0,
        );
        const updated = await projects.update(id, patch, trx);
        if (
          updated.estimated_seconds !== project.estimated_seconds ||
          updated.min_work_seconds !== project.min_work_seconds
        ) {
          // Both bound which work times are plausible.
          await projects.refreshWorkTimes(id, trx);
        }
        if (
          updated.reward_cents !== project.reward_cents ||
          updated.assignments_per_task !== project.assignments_per_task ||
          updated.overlap_max !== project.overlap_max
        ) {
          await projects.setTaskTerms(
            id,
            {
              rewardCents: updated.reward_cents,
              assignmentsPerTask: updated.assignments_per_task,
              reserveSlots: reserveSlotsOf(updated),
            },
            trx,
          );
        }
        await within?.(trx);
        return updated;
      });
    },

    /** Exactly what a worker will be shown for one task (the first when none is named). */
    async preview(ownerId: string, id: string, taskId: string | undefined): Promise<Preview> {
      const project = await requireOwnedProject(projects, id, ownerId);
      const task = taskId ? await tasks.findTask(id, taskId) : await tasks.firstTask(id);
      if (taskId && !task) throw new NotFoundError('Task');
      const data = task?.data ?? {};
      const template = templateOf(project);
      return {
        projectId: project.id,
        title: project.title,
        description: project.description,
        instructions: project.instructions,
        rewardCents: project.reward_cents,
        timeAllottedSeconds: project.time_allotted_seconds,
        task: task
          ? { id: task.id, rowNumber: task.row_number, number: task.number, data: task.data }
          : null,
        template: filledTemplate(
          template,
          data,
          task ? frameUrls.projectTask(project.id, task.id) : null,
        ),
      };
    },

    /** The filled HTML of one task, for the sandboxed frame. */
    async taskFrame(ownerId: string, id: string, taskId: string): Promise<string> {
      const project = await requireOwnedProject(projects, id, ownerId);
      const task = await tasks.findTask(id, taskId);
      if (!task) throw new NotFoundError('Task');
      return frameHtml(templateOf(project), task.data);
    },
  };
}

export type ProjectsService = ReturnType<typeof createProjectsService>;
