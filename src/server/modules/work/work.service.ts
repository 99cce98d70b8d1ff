import { validateAnswers } from '../../../shared/templates/index.js';
import { scoreGold } from '../../../shared/templates/gold.js';
import { parseTaskAnswers, TASK_ANSWERS_FIELD } from '../../../shared/templates/task-answers.js';
import {
  effectiveStatus as statusAt,
  type AssignmentStatusRow,
} from '../../db/assignment-status.js';
import type { Db } from '../../db/database.js';
import { belowGoldFloor } from '../../db/gold-record.js';
import { isRetryable, isUniqueViolation } from '../../db/pg-errors.js';
import { fromCursor, keysetPage } from '../../db/pagination.js';
import type { AssignmentStatus } from '../../db/types.js';
import {
  ConflictError,
  invalidAnswers,
  fieldProblems,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../errors.js';
import { sameJson } from '../../lib/canonical-json.js';
import type { Clock } from '../../lib/clock.js';
import { filledTemplate } from '../../lib/task-frame.js';
import { previewTurkParams } from '../../lib/turk-frame.js';
import type { OverlapService } from '../overlap/overlap.service.js';
import type { QualificationsService } from '../qualifications/qualifications.service.js';
import { announceAssignmentChanges, type AssignmentChange } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import { withOutbox, type WebhookOutbox } from '../webhooks/webhooks.module.js';
import type { FeedService } from './feed.service.js';
import type { WorkRepository } from './work.repository.js';

/** How often a claim retries when every open task was held by a concurrent claim. */
const CLAIM_ATTEMPTS = 25;
/** Lazily expired per accept, so one accept never does a sweep's work. */
const LAZY_EXPIRY_LIMIT = 100;

type Qualifications = Pick<QualificationsService, 'unmetRequirements'>;
type WorkProject = NonNullable<Awaited<ReturnType<WorkRepository['findProject']>>>;
/** One of my assignments with its project and task, as `GET /assignments/{id}` reads it. */
export type AssignmentDetailRow = NonNullable<
  Awaited<ReturnType<WorkRepository['findAssignment']>>
>;
/** A submitted assignment, and the feedback on a wrong gold answer when the project gives it. */
export type SubmitResult = {
  row: AssignmentDetailRow;
  goldFeedback?:
    { correct: false; explanation: string | null; expected: Record<string, unknown> } | undefined;
};
type ExpiredAssignment = Awaited<ReturnType<WorkRepository['expireOverdue']>>[number];

/** HTML templates post whatever their form holds: strings (or lists of them) keyed by field. */
function htmlAnswerProblems(answers: Record<string, unknown>): { item: string; message: string }[] {
  const problems: { item: string; message: string }[] = [];
  const entries = Object.entries(answers);
  if (entries.length > 200) problems.push({ item: 'answers', message: 'has more than 200 fields' });
  for (const [name, value] of entries) {
    // crowd-form's one JSON field: larger than a text field, and it must have MTurk's shape.
    if (name === TASK_ANSWERS_FIELD) {
      const parsed = parseTaskAnswers(value);
      if (!parsed.ok) problems.push({ item: name, message: parsed.message });
      continue;
    }
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
  /** Adaptive overlap: a submit may open the task's next slot. */
  overlap: Pick<OverlapService, 'reconsider'>;
  clock: Clock;
  events: LiveEventPublisher;
  /** Where each change queues its webhook deliveries, in its own transaction. */
  outbox?: WebhookOutbox | undefined;
}) {
  const { db, work, clock, events, outbox } = deps;

  /** One assignment's change; accepting or returning moves a slot. */
  function changeOf(
    who: Pick<AssignmentChange, 'assignmentId' | 'projectId' | 'workerId' | 'ownerId'>,
    status: 'accepted' | 'submitted' | 'returned',
  ): AssignmentChange {
    return { ...who, status, availability: status !== 'submitted' };
  }

  /** Announces a committed change of one assignment (its webhook deliveries are queued already). */
  function announce(change: AssignmentChange) {
    announceAssignmentChanges(events, [change]);
  }

  const expiredChanges = (expired: ExpiredAssignment[]) =>
    expired.map((row): AssignmentChange => ({
      assignmentId: row.id,
      projectId: row.project_id,
      workerId: row.worker_id,
      ownerId: row.owner_id,
      status: 'expired',
      availability: true,
    }));

  /** Expires overdue work with its webhook deliveries, and announces it once committed. */
  async function expireOverdue(args: Parameters<WorkRepository['expireOverdue']>[0]) {
    const expired = await withOutbox(
      db,
      outbox,
      (trx) => work.expireOverdue(args, trx),
      expiredChanges,
    );
    if (expired.length) announceAssignmentChanges(events, expiredChanges(expired));
    return expired;
  }

  /** Why a worker may not take work from this project now, or nothing when they may. */
  async function assertEligible(project: WorkProject, workerId: string, trx?: Db) {
    if (project.owner_id === workerId) {
      // Working on one's own tasks would inflate one's public record and turn escrow into pay.
      throw new ForbiddenError('You cannot work on a project you posted.', 'own_project');
    }
    if (project.blocked) {
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
    assertOfferedByRatings(project);
    assertAboveGoldFloor(project);
    if (
      project.pilot_running &&
      !project.pilot_joined &&
      (project.pilot_workers_joined ?? 0) >= (project.pilot_workers ?? 0)
    ) {
      throw pilotFull();
    }
    const unmet = await deps.qualifications.unmetRequirements(
      workerId,
      project.owner_id,
      project.qualification_requirements,
      trx,
    );
    if (unmet.length) {
      throw new ForbiddenError(
        `You do not meet this project’s qualification requirements. ${unmet.map((u) => u.hint).join(' ')}`,
        'not_qualified',
        { unmet },
      );
    }
  }

  /**
   * A running pilot's seats are all taken (DESIGN §10): said the same way by preview and accept,
   * before and at the claim.
   */
  function pilotFull() {
    return new ConflictError(
      'pilot_full',
      'This project is running a pilot with a few workers, and all of their places are taken. It opens to everyone when its requester publishes the rest.',
    );
  }

  /**
   * One claim of a project running a pilot: in a transaction that holds the pilot's accepts one
   * at a time, so that no more than its `workers` distinct workers ever take pilot work, even
   * when many accept at once; the assignment is marked as pilot work in the same transaction.
   */
  async function claimInPilot(trx: Db, args: Parameters<WorkRepository['claimNext']>[0]) {
    const inTransaction = <T>(run: (t: Db) => Promise<T>) =>
      trx.isTransaction ? run(trx) : trx.transaction().execute(run);
    return inTransaction(async (t) => {
      const seat = await work.pilotSeat(t, args.projectId, args.workerId);
      if (seat.running && !seat.seated) throw pilotFull();
      const claim = await work.claimNext(args, t);
      if (seat.running && claim.assignment) await work.markPilot(t, claim.assignment.id);
      return { ...claim, pilot: seat.running };
    });
  }

  /**
   * A requester's ratings steer their work (DESIGN §10): never to a worker they rated down unless
   * the project includes them, and for `earlyAccessMinutes` after publishing only to workers they
   * rated up. The feed leaves such projects out by the same rule.
   */
  function assertOfferedByRatings(project: WorkProject) {
    if (project.requester_rating === -1 && !project.include_rated_down) {
      throw new ForbiddenError(
        'This requester does not offer this project to workers they rated down.',
        'rated_down',
      );
    }
    const published = project.published_at;
    if (project.early_access_minutes === 0 || !published || project.requester_rating === 1) return;
    const opensAt = new Date(published.getTime() + project.early_access_minutes * 60_000);
    if (opensAt <= clock.now()) return;
    throw new ConflictError(
      'early_access',
      `Until ${opensAt.toISOString()} this project is open only to workers its requester rated up.`,
      { opensAt: opensAt.toISOString() },
    );
  }

  /**
   * After `minGoldAnswered` scored gold answers, accuracy below the project's minimum stops the
   * worker here. The reason names the rate and the floor, never which tasks were gold.
   */
  function assertAboveGoldFloor(project: WorkProject) {
    const minimum = project.min_gold_accuracy_percent;
    const answered = project.gold_answered ?? 0;
    const correct = project.gold_correct ?? 0;
    const standing = {
      answered,
      correct,
      minimumPercent: minimum,
      minAnswered: project.min_gold_answered,
    };
    if (!belowGoldFloor(standing)) return;
    const accuracyPercent = Math.floor((correct * 100) / answered);
    throw new ForbiddenError(
      `This project no longer gives you tasks: your accuracy on its known-answer checks is ${accuracyPercent}%, below the requester's minimum of ${minimum}%.`,
      'quality_too_low',
      { accuracyPercent, minimumPercent: minimum },
    );
  }

  /** What a worker is told after a gold answer they got wrong, when the project gives feedback. */
  async function goldFeedbackOf(row: AssignmentDetailRow) {
    if (!row.gold_feedback || row.gold_correct !== false) return undefined;
    const gold = await work.findGold(row.task_id);
    if (!gold) return undefined;
    return { correct: false as const, explanation: gold.explanation, expected: gold.answers };
  }

  async function requireOwnAssignment(id: string, workerId: string) {
    const row = await work.findAssignment(id);
    if (!row || row.worker_id !== workerId) throw new NotFoundError('Assignment');
    return row;
  }

  /** Overdue accepted work reads as expired, whether or not the sweep has run. */
  function effectiveStatus(row: AssignmentStatusRow) {
    return statusAt(row, clock.now());
  }

  return {
    effectiveStatus,
    assertEligible,

    /**
     * Claims the next free slot of the project for this worker: one statement per try. When every
     * open task is held by concurrent claims, the next try waits for them instead of skipping, so
     * a slot is never reported gone while one is free. Answers the new assignment as
     * `GET /assignments/{id}` would, without reading it back.
     */
    async accept(workerId: string, projectId: string): Promise<AssignmentDetailRow> {
      const project = await work.findProject(projectId, workerId);
      if (!project) throw new NotFoundError('Project');
      await assertEligible(project, workerId);
      for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
        const now = clock.now();
        const accepted = (id: string) =>
          changeOf(
            { assignmentId: id, projectId, workerId, ownerId: project.owner_id },
            'accepted',
          );
        const claim: Awaited<ReturnType<WorkRepository['claimNext']>> & { pilot: boolean } =
          await withOutbox(
            db,
            outbox,
            (trx) => {
              const args = {
                projectId,
                workerId,
                now,
                deadline: new Date(now.getTime() + project.time_allotted_seconds * 1000),
                skipLocked: attempt === 0,
              };
              return project.pilot_running
                ? claimInPilot(trx, args)
                : work.claimNext(args, trx).then((claim) => ({ ...claim, pilot: false }));
            },
            (result) => (result.assignment ? [accepted(result.assignment.id)] : []),
          )
            // A concurrent claim by the same worker took this task first: try the next one. Or two
            // waiting claims deadlocked: a claim whose gold was due locks gold before ordinary
            // tasks, one whose gold was not the other way round, and a row that filled up while
            // it waited stays locked though passed over. PostgreSQL aborts one; it tries again.
            .catch((error: unknown) => {
              if (isUniqueViolation(error) || isRetryable(error))
                return { open: true, pilot: false };
              throw error;
            });
        if (!claim.open) {
          throw new ConflictError(
            'project_not_available',
            'This project no longer takes new work.',
          );
        }
        const { assignment } = claim;
        if (assignment) {
          announce(accepted(assignment.id));
          return {
            ...assignment,
            project_id: projectId,
            worker_id: workerId,
            status: 'accepted',
            submitted_at: null,
            reviewed_at: null,
            feedback: null,
            answers: null,
            work_seconds: null,
            active_seconds: null,
            top_up_cents: 0,
            pilot: claim.pilot,
            pilot_feedback: null,
            gold_correct: null,
            gold_results: null,
            gold_feedback: false,
            project_title: project.title,
            owner_id: project.owner_id,
            instructions: project.instructions,
            template: project.template,
            time_allotted_seconds: project.time_allotted_seconds,
            auto_approve_seconds: project.auto_approve_seconds,
            overlap_max: project.overlap_max,
            estimated_seconds: project.estimated_seconds,
            work_seconds_median: project.work_seconds_median,
            work_samples: project.work_samples,
          };
        }
        // Work past its deadline still holds its slot until a sweep frees it: free it now, waiting
        // for a sweep that holds it, so that the check below sees the slots that sweep freed.
        const freed = await expireOverdue({
          now,
          projectId,
          limit: LAZY_EXPIRY_LIMIT,
          waitForLocked: true,
        });
        if (freed.length === 0 && !(await work.nextOpenTaskFor(projectId, workerId))) break;
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
    async submit(
      id: string,
      workerId: string,
      answers: Record<string, unknown>,
      signals: { activeSeconds?: number | undefined; feedback?: string | undefined } = {},
    ): Promise<SubmitResult> {
      const row = await requireOwnAssignment(id, workerId);
      if (signals.feedback && !row.pilot) {
        throw new ValidationError(
          'Invalid input — feedback: only pilot work asks for feedback',
          fieldProblems({ feedback: 'only pilot work asks for feedback' }),
        );
      }
      const status = effectiveStatus(row);
      if (status !== 'accepted') {
        if (row.status !== 'accepted' && row.answers !== null && sameJson(row.answers, answers)) {
          return { row, goldFeedback: await goldFeedbackOf(row) };
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
      const template = row.template;
      const problems =
        template.kind === 'form' ? validateAnswers(template, answers) : htmlAnswerProblems(answers);
      if (problems.length) {
        throw invalidAnswers(problems);
      }
      const now = clock.now();
      const gold = await work.findGold(row.task_id);
      const goldResults = gold ? scoreGold(gold.answers, answers) : null;
      const workSeconds = Math.max(
        0,
        Math.round((now.getTime() - row.accepted_at.getTime()) / 1000),
      );
      // The page's own count cannot exceed the time the server saw pass.
      const activeSeconds =
        signals.activeSeconds === undefined ? null : Math.min(signals.activeSeconds, workSeconds);
      const change = changeOf(
        { assignmentId: id, projectId: row.project_id, workerId, ownerId: row.owner_id },
        'submitted',
      );
      const submission = {
        id,
        workerId,
        answers,
        now,
        autoApproveAt: new Date(now.getTime() + row.auto_approve_seconds * 1000),
        goldResults,
        workSeconds,
        activeSeconds,
        pilotFeedback: signals.feedback || null,
      };
      const submitIn = async (trx: Db) => {
        const done = await work.submit(submission, trx);
        if (done && row.overlap_max !== null) await deps.overlap.reconsider(trx, [row.task_id]);
        return done;
      };
      // One statement: in a transaction only with the webhook deliveries it calls for, or with
      // adaptive overlap, whose decision on the task's next slot commits with the submission.
      const submitted =
        row.overlap_max === null
          ? await withOutbox(db, outbox, submitIn, (done) => (done ? [change] : []))
          : await db.transaction().execute(async (trx) => {
              const done = await submitIn(trx);
              if (done && outbox) await outbox.assignmentsChanged(trx, [change]);
              return done;
            });
      if (!submitted) {
        // Lost a race with another submit, a return or the deadline: answer as that state says.
        return this.submit(id, workerId, answers, signals);
      }
      announce(change);
      const done: AssignmentDetailRow = {
        ...row,
        status: 'submitted',
        answers,
        submitted_at: now,
        work_seconds: workSeconds,
        active_seconds: activeSeconds,
        pilot_feedback: submission.pilotFeedback,
        gold_correct: goldResults && Object.values(goldResults).every(Boolean),
        gold_results: goldResults,
      };
      return { row: done, goldFeedback: await goldFeedbackOf(done) };
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
      const change = changeOf(
        { assignmentId: id, projectId: row.project_id, workerId, ownerId: row.owner_id },
        'returned',
      );
      const returned = await db.transaction().execute(async (trx) => {
        const done = await work.returnAssignment(trx, { id, workerId, now: clock.now() });
        if (done) await outbox?.assignmentsChanged(trx, [change]);
        return done;
      });
      if (!returned) return this.returnAssignment(id, workerId);
      announce(change);
      return id;
    },

    /** The project as the feed shows it and its next task filled, without reserving anything. */
    async preview(workerId: string, projectId: string) {
      const project = await work.findProject(projectId, workerId);
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
        preview: filledTemplate(project.template, task.data, null, previewTurkParams(task.id)),
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
      const now = clock.now();
      const rows = await work.listForWorker(workerId, {
        ...fromCursor(query),
        status: query.status,
        projectId: query.projectId,
        now,
      });
      const totals = await work.totalsForWorker(workerId, now);
      const cents = (s: AssignmentStatus) => totals.find((t) => t.status === s)?.cents ?? 0;
      return {
        ...keysetPage(rows, query.limit, (row) => [row.accepted_at, row.id]),
        totals: {
          pendingCents: cents('submitted'),
          approvedCents: cents('approved'),
          counts: Object.fromEntries(totals.map((t) => [t.status, t.n])),
        },
      };
    },

    async sweepExpired(): Promise<number> {
      const expired = await expireOverdue({ now: clock.now(), limit: 5_000 });
      return expired.length;
    },

    /**
     * Folds the open-task changes that claims and releases appended into their projects' counts
     * (db/open-tasks.ts). Reports nothing: one statement moves every row there is, and under
     * steady work there are always new ones, which the runner would otherwise rerun and log.
     */
    async foldOpenTaskCounts(): Promise<number> {
      await work.foldOpenTaskChanges();
      return 0;
    },
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
