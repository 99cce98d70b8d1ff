import type { Preview } from '../../../shared/api/projects.js';
import type { QualificationRequirement } from '../../../shared/api/qualifications.js';
import {
  fillFormTemplate,
  fillHtmlTemplate,
  templateSchema,
  validateAnswers,
  type Template,
} from '../../../shared/templates/index.js';
import { afterCommit } from '../../db/after-commit.js';
import type { Db } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../../db/pagination.js';
import type { AssignmentStatus } from '../../db/types.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { QualificationsService } from '../qualifications/qualifications.service.js';
import { requirementTypeIds, unmetRequirements } from '../qualifications/requirements.js';
import { announceAssignmentChanges, type AssignmentChange } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import type { FeedService } from './feed.service.js';
import type { WorkRepository } from './work.repository.js';

/** How often a claim retries when every open task was held by a concurrent claim. */
const CLAIM_ATTEMPTS = 25;
/** Lazily expired per accept, so one accept never does a sweep's work. */
const LAZY_EXPIRY_LIMIT = 100;

type Qualifications = Pick<QualificationsService, 'workerQualificationValues'>;
type ExpiredAssignment = Awaited<ReturnType<WorkRepository['expireOverdue']>>[number];

export function templateOf(raw: unknown): Template {
  return templateSchema.parse(raw);
}

/** The task as the worker sees it; the HTML kind is served in a sandboxed frame. */
export function filledTemplate(
  raw: unknown,
  data: Record<string, string>,
  frameUrl: string | null,
): Preview['template'] {
  const template = templateOf(raw);
  return template.kind === 'form'
    ? fillFormTemplate(template, data)
    : { kind: 'html', html: fillHtmlTemplate(template.html, data), frameUrl };
}

function sameAnswers(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** HTML templates post whatever their form holds: strings (or lists of them) keyed by field. */
function htmlAnswerProblems(answers: Record<string, unknown>): { item: string; message: string }[] {
  const problems: { item: string; message: string }[] = [];
  const entries = Object.entries(answers);
  if (entries.length > 200) problems.push({ item: 'answers', message: 'has more than 200 fields' });
  for (const [name, value] of entries) {
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v !== 'string' || v.length > 10_000) || values.length > 100) {
      problems.push({
        item: name,
        message: 'must be text of at most 10000 characters (or a list of such)',
      });
    }
  }
  return problems;
}

export function createWorkService(deps: {
  db: Db;
  work: WorkRepository;
  qualifications: Qualifications;
  feed: Pick<FeedService, 'one'>;
  clock: Clock;
  events: LiveEventPublisher;
}) {
  const { db, work, clock, events } = deps;

  /** Announces a committed change of one assignment; accepting or returning moves a slot. */
  function announce(
    who: Pick<AssignmentChange, 'assignmentId' | 'projectId' | 'workerId' | 'ownerId'>,
    status: 'accepted' | 'submitted' | 'returned',
  ) {
    announceAssignmentChanges(events, [{ ...who, status, availability: status !== 'submitted' }]);
  }

  /** Announces work that expired (freeing its slot) once the transaction that expired it commits. */
  async function announceExpired(trx: Db, expired: ExpiredAssignment[]) {
    if (!expired.length) return;
    const changes = expired.map((row): AssignmentChange => ({
      assignmentId: row.id,
      projectId: row.project_id,
      workerId: row.worker_id,
      ownerId: row.owner_id,
      status: 'expired',
      availability: true,
    }));
    await afterCommit(trx, () => announceAssignmentChanges(events, changes));
  }

  /** Why a worker may not take work from this project now, or nothing when they may. */
  async function assertEligible(
    project: NonNullable<Awaited<ReturnType<WorkRepository['findProject']>>>,
    workerId: string,
    trx?: Db,
  ) {
    if (await work.isBlocked(project.owner_id, workerId, trx)) {
      // Looks like any project the worker cannot see.
      throw new NotFoundError('Project');
    }
    if (project.status !== 'published' || project.expires_at <= clock.now()) {
      const reason =
        project.status === 'published'
          ? 'expired'
          : project.status === 'draft'
            ? 'not published'
            : project.status;
      if (project.status === 'draft') throw new NotFoundError('Project');
      throw new ConflictError(
        'project_not_available',
        `This project is ${reason} and takes no new work.`,
        {
          status: project.status,
        },
      );
    }
    const requirements = project.qualification_requirements as QualificationRequirement[];
    if (requirements.length) {
      const values = await deps.qualifications.workerQualificationValues(
        workerId,
        requirementTypeIds(requirements),
        trx,
      );
      const unmet = unmetRequirements(requirements, values);
      if (unmet.length) {
        throw new ForbiddenError(
          'You do not meet this project’s qualification requirements.',
          'not_qualified',
          {
            unmet: unmet.map((index) => ({
              index,
              qualificationTypeId: requirements[index]?.qualificationTypeId,
              comparator: requirements[index]?.comparator,
            })),
          },
        );
      }
    }
  }

  async function requireOwnAssignment(id: string, workerId: string) {
    const row = await work.findAssignment(id);
    if (!row || row.worker_id !== workerId) throw new NotFoundError('Assignment');
    return row;
  }

  /** Overdue accepted work reads as expired, whether or not the sweep has run. */
  function effectiveStatus<T extends { status: string; deadline: Date }>(row: T) {
    return row.status === 'accepted' && row.deadline <= clock.now() ? 'expired' : row.status;
  }

  return {
    effectiveStatus,
    assertEligible,

    /**
     * Claims the next free slot of the project for this worker: one short transaction per try.
     * When every open task is held by concurrent claims, the next try waits for them instead of
     * skipping, so a slot is never reported gone while one is free.
     */
    async accept(workerId: string, projectId: string): Promise<string> {
      const project = await work.findProject(projectId);
      if (!project) throw new NotFoundError('Project');
      await assertEligible(project, workerId);
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
        const now = clock.now();
        const assignmentId = await db
          .transaction()
          .execute(async (trx) => {
            // Under a lock a cancel or completion waits for, so escrow is never returned for a
            // slot that is being taken at the same moment.
            if (!(await work.lockOpenProject(trx, projectId, now))) {
              throw new ConflictError(
                'project_not_available',
                'This project no longer takes new work.',
              );
            }
            let task = await work.claimTask(trx, {
              projectId,
              workerId,
              skipLocked: attempt === 0,
            });
            if (!task) {
              const freed = await work.expireOverdue(
                { now, projectId, limit: LAZY_EXPIRY_LIMIT },
                trx,
              );
              await announceExpired(trx, freed);
              if (freed.length > 0)
                task = await work.claimTask(trx, { projectId, workerId, skipLocked: true });
            }
            if (!task) return undefined;
            return work.insertAssignment(trx, {
              taskId: task.id,
              projectId,
              workerId,
              rewardCents: task.reward_cents,
              acceptedAt: now,
              deadline: new Date(now.getTime() + project.time_allotted_seconds * 1000),
            });
          })
          .catch((error: unknown) => {
            // A concurrent claim by the same worker took this task first: try the next one.
            if ((error as { code?: string }).code === '23505') return undefined;
            throw error;
          });
        if (assignmentId) {
          announce({ assignmentId, projectId, workerId, ownerId: project.owner_id }, 'accepted');
          return assignmentId;
        }
        if (!(await work.nextOpenTaskFor(projectId, workerId))) break;
      }
      throw new ConflictError(
        'no_task_available',
        'There is no task left in this project for you.',
      );
    },

    async get(id: string, workerId: string) {
      return requireOwnAssignment(id, workerId);
    },

    /** Any assignment, for a caller that decides itself who may see it. */
    find: (id: string) => work.findAssignment(id),

    /**
     * Submits answers checked against the template. A retry with the same answers gets the same
     * result; different answers after a submit are a conflict.
     */
    async submit(id: string, workerId: string, answers: Record<string, unknown>): Promise<string> {
      const row = await requireOwnAssignment(id, workerId);
      const status = effectiveStatus(row);
      if (status !== 'accepted') {
        if (
          row.status !== 'accepted' &&
          row.answers !== null &&
          sameAnswers(row.answers, answers)
        ) {
          return row.id;
        }
        if (row.submitted_at) {
          throw new ConflictError(
            'already_submitted',
            'This assignment was already submitted with other answers.',
          );
        }
        throw new ConflictError(
          status,
          `This assignment is ${status} and can no longer be submitted.`,
          { status },
        );
      }
      const template = templateOf(row.template);
      const problems =
        template.kind === 'form' ? validateAnswers(template, answers) : htmlAnswerProblems(answers);
      if (problems.length) {
        throw new ValidationError(
          `Invalid answers — ${problems.map((p) => `${p.item}: ${p.message}`).join('; ')}`,
          problems.map((p) => ({ path: `body.answers.${p.item}`, message: p.message })),
          'invalid_answers',
        );
      }
      const now = clock.now();
      const submitted = await db.transaction().execute((trx) =>
        work.submit(trx, {
          id,
          workerId,
          answers,
          now,
          autoApproveAt: new Date(now.getTime() + row.auto_approve_seconds * 1000),
        }),
      );
      if (!submitted) {
        // Lost a race with another submit, a return or the deadline: answer as that state says.
        return this.submit(id, workerId, answers);
      }
      announce(
        { assignmentId: id, projectId: row.project_id, workerId, ownerId: row.owner_id },
        'submitted',
      );
      return id;
    },

    async returnAssignment(id: string, workerId: string): Promise<string> {
      const row = await requireOwnAssignment(id, workerId);
      if (row.status === 'returned') return id;
      const status = effectiveStatus(row);
      if (status !== 'accepted') {
        throw new ConflictError(status, `This assignment is ${status} and cannot be returned.`, {
          status,
        });
      }
      const returned = await db
        .transaction()
        .execute((trx) => work.returnAssignment(trx, { id, workerId, now: clock.now() }));
      if (!returned) return this.returnAssignment(id, workerId);
      announce(
        { assignmentId: id, projectId: row.project_id, workerId, ownerId: row.owner_id },
        'returned',
      );
      return id;
    },

    /** The project as the feed shows it and its next task filled, without reserving anything. */
    async preview(workerId: string, projectId: string) {
      const project = await work.findProject(projectId);
      if (!project) throw new NotFoundError('Project');
      await assertEligible(project, workerId);
      const found = await deps.feed.one(workerId, project.id);
      const task = await work.nextOpenTaskFor(project.id, workerId);
      if (!found || !task) {
        throw new ConflictError(
          'no_task_available',
          'There is no task left in this project for you.',
        );
      }
      return {
        project: { ...found.item, instructions: found.instructions },
        // Not yet accepted, so no frame is served: an HTML preview is shown from `html`.
        preview: filledTemplate(project.template, task.data, null),
      };
    },

    /** My assignments, newest first, and totals by the status I see. */
    async listMine(
      workerId: string,
      query: {
        status?: AssignmentStatus | undefined;
        projectId?: string | undefined;
        limit: number;
        cursor?: string | undefined;
      },
    ) {
      const before = decodeCursor(query.cursor);
      const now = clock.now();
      const rows = await work.listForWorker(workerId, {
        status: query.status,
        projectId: query.projectId,
        limit: query.limit,
        now,
        before: before ? { t: new Date(before.t), id: before.id } : undefined,
      });
      const items = rows.slice(0, query.limit);
      const last = items[items.length - 1];
      const totals = await work.totalsForWorker(workerId, now);
      const cents = (s: AssignmentStatus) => totals.find((t) => t.status === s)?.cents ?? 0;
      return {
        items,
        nextCursor:
          rows.length > query.limit && last ? encodeCursor(last.accepted_at, last.id) : null,
        totals: {
          pendingCents: cents('submitted'),
          approvedCents: cents('approved'),
          counts: Object.fromEntries(totals.map((t) => [t.status, t.n])) as Partial<
            Record<AssignmentStatus, number>
          >,
        },
      };
    },

    async sweepExpired(): Promise<number> {
      // One statement, committed on its own: announced as soon as it returns.
      const expired = await work.expireOverdue({ now: clock.now(), limit: 5_000 });
      await announceExpired(db, expired);
      return expired.length;
    },
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
