import { topUpReserveCents } from '../../../shared/fair-pay.js';
import { slotEscrowCents } from '../../../shared/money.js';
import { isAnswerItem } from '../../../shared/templates/model.js';
import { placeholdersOf } from '../../../shared/templates/fill.js';
import { ConflictError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { announceFeedChange } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import type { SettlementService } from '../review/settlement.service.js';
import { assertPayTerms } from './pay-floor.js';
import { assertPilotFits, isPilotRunning } from './pilot-rules.js';
import type { PilotRepository } from './pilot.repository.js';
import type { ProjectRow, ProjectsRepository, Trx } from './projects.repository.js';
import {
  invalidState,
  requireOwnedProject,
  reserveSlotsOf,
  templateOf,
} from './projects.service.js';
import type { TasksRepository } from './tasks.repository.js';

/** What each action does to the marketplace. */
const FEED_CHANGE_OF = {
  publish: 'published',
  'run a pilot of': 'published',
  pause: 'paused',
  resume: 'resumed',
  cancel: 'closed',
} as const;

export type ProjectLedger = Pick<LedgerService, 'escrowForProject'>;
/** Closes projects and returns unused escrow (the review module's settlement). */
export type ProjectSettlement = Pick<SettlementService, 'settle'>;

/**
 * What one row of a project costs in escrow: every slot's reward and top-up reserve, each with
 * the platform's fee; for adaptive overlap every slot that may open (`max`).
 */
export function escrowPerRowCents(project: ProjectRow, feePercent: number): number {
  return (
    (project.overlap_max ?? project.assignments_per_task) *
    slotEscrowCents(project.reward_cents, project.top_up_reserve_cents, feePercent)
  );
}

/**
 * draft → published ⇄ paused → cancelled (completion comes with the sweeps). Money moves in the
 * same transaction as the status, with the project row locked, so a publish, an upload and a
 * cancel of one project never interleave.
 */
export function createLifecycleService(deps: {
  projects: ProjectsRepository;
  tasks: TasksRepository;
  pilots: PilotRepository;
  ledger: ProjectLedger;
  settlement: ProjectSettlement;
  feePercent: number;
  /** The pay floor in force (the `minHourlyCents` rule): 0 for no floor. */
  minHourlyCents: () => Promise<number>;
  clock: Clock;
  events: LiveEventPublisher;
}) {
  const { projects, tasks, pilots, ledger, feePercent, clock } = deps;

  async function whyNotPublishable(project: ProjectRow, trx: Trx): Promise<string[]> {
    const problems: string[] = [];
    if (project.task_count === 0) problems.push('it has no tasks yet: upload a batch of data');
    const template = templateOf(project);
    if (template.kind === 'form' && !template.items.some(isAnswerItem)) {
      problems.push('its form has no question for workers to answer');
    }
    const needed = placeholdersOf(template);
    for (const batch of await tasks.batchColumns(project.id, trx)) {
      const missing = needed.filter((column) => !batch.columns.includes(column));
      if (missing.length > 0) {
        problems.push(
          `batch ${batch.id} lacks the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')} that the template uses`,
        );
      }
    }
    if (project.expires_at.getTime() <= clock.now().getTime()) {
      problems.push('its expiresAt has passed: set a later one');
    }
    return problems;
  }

  /**
   * Returns a cancelled project's escrow beyond what its work in progress (accepted and submitted
   * assignments) may still earn; the rest comes back as that work settles.
   */
  async function settleCancelledProject(trx: Trx, project: ProjectRow): Promise<boolean> {
    return deps.settlement.settle(trx, project.id);
  }

  async function transition(
    ownerId: string,
    id: string,
    action: keyof typeof FEED_CHANGE_OF,
    allowed: readonly ProjectRow['status'][],
    apply: (project: ProjectRow, trx: Trx) => Promise<ProjectRow>,
  ): Promise<ProjectRow> {
    const changed = await projects.transaction(async (trx) => {
      const project = await requireOwnedProject(projects, id, ownerId, trx, { lock: true });
      // Publishing a running pilot (published or paused) publishes its rest.
      const admitted =
        allowed.includes(project.status) || (action === 'publish' && isPilotRunning(project));
      if (!admitted) throw invalidState(project, action, allowed);
      return apply(project, trx);
    });
    // Committed: workers refetch their feed (a draft's cancel changes nothing they could see).
    if (changed.published_at) announceFeedChange(deps.events, changed.id, FEED_CHANGE_OF[action]);
    return changed;
  }

  async function assertPublishable(project: ProjectRow, trx: Trx): Promise<void> {
    const problems = await whyNotPublishable(project, trx);
    if (problems.length > 0) {
      throw new ConflictError(
        'not_publishable',
        `This project cannot be published yet: ${problems.join('; ')}.`,
        { problems },
      );
    }
  }

  /**
   * A draft that may open to workers, with the pay terms it opens with (pilot or publish), under
   * `floor`: the pay floor rule in force, read before the transaction (PGlite has one connection).
   */
  async function readyToOpen(project: ProjectRow, floor: number, trx: Trx): Promise<ProjectRow> {
    await assertPublishable(project, trx);
    assertPayTerms(project, floor);
    // The floor in force now is the one its top-ups are paid to, and escrowed for.
    return projects.update(
      project.id,
      {
        pay_floor_cents: floor,
        top_up_reserve_cents: project.top_up_to_floor
          ? topUpReserveCents(project.reward_cents, project.time_allotted_seconds, floor)
          : 0,
      },
      trx,
    );
  }

  /**
   * The rest of a running pilot: escrows the held-back tasks at the terms the pilot opened with
   * (they cannot change while it runs), gives them their slots and ends the pilot.
   */
  async function publishRest(project: ProjectRow, trx: Trx): Promise<ProjectRow> {
    await assertPublishable(project, trx);
    const perRow = escrowPerRowCents(project, feePercent);
    const opened = await pilots.openRest(
      {
        projectId: project.id,
        // Set with the pilot (projects_pilot_together).
        lastPilotSeq: Number(project.pilot_last_seq),
        assignmentsPerTask: project.assignments_per_task,
        reserveSlots: reserveSlotsOf(project),
        centsPerRow: perRow,
      },
      trx,
    );
    if (opened > 0) {
      await ledger.escrowForProject(trx, {
        requesterId: project.owner_id,
        projectId: project.id,
        amountCents: opened * perRow,
        memo: `Publish the rest of "${project.title}" after its pilot: ${opened} tasks × ${project.overlap_max === null ? '' : 'up to '}${project.overlap_max ?? project.assignments_per_task} assignments`,
      });
    }
    return projects.update(project.id, { status: 'published', pilot_ended_at: clock.now() }, trx);
  }

  return {
    settleCancelledProject,

    /**
     * Escrows every slot of every task, then opens the project to workers; or, for a project
     * running a pilot, the tasks the pilot held back.
     */
    publish: async (ownerId: string, id: string) => {
      const floor = await deps.minHourlyCents();
      return transition(ownerId, id, 'publish', ['draft'], async (project, trx) => {
        if (project.status !== 'draft') return publishRest(project, trx);
        const priced = await readyToOpen(project, floor, trx);
        const perRow = escrowPerRowCents(priced, feePercent);
        await ledger.escrowForProject(trx, {
          requesterId: ownerId,
          projectId: project.id,
          amountCents: project.task_count * perRow,
          memo: `Publish "${project.title}": ${project.task_count} tasks × ${project.overlap_max === null ? '' : 'up to '}${project.overlap_max ?? project.assignments_per_task} assignments`,
        });
        await tasks.setDraftBatchEscrow(project.id, perRow, trx);
        return projects.update(project.id, { status: 'published', published_at: clock.now() }, trx);
      });
    },

    /**
     * Publishes a draft as a pilot (DESIGN §10): escrows and opens only its first `tasks` tasks,
     * for at most `workers` distinct workers; the rest waits for `publish`.
     */
    runPilot: async (ownerId: string, id: string, size: { tasks: number; workers: number }) => {
      const floor = await deps.minHourlyCents();
      return transition(ownerId, id, 'run a pilot of', ['draft'], async (project, trx) => {
        const priced = await readyToOpen(project, floor, trx);
        assertPilotFits(priced, size);
        const perRow = escrowPerRowCents(priced, feePercent);
        await ledger.escrowForProject(trx, {
          requesterId: ownerId,
          projectId: project.id,
          amountCents: size.tasks * perRow,
          memo: `Pilot of "${project.title}": ${size.tasks} of ${project.task_count} tasks × ${project.overlap_max === null ? '' : 'up to '}${project.overlap_max ?? project.assignments_per_task} assignments`,
        });
        const lastSeq = await pilots.holdBackRest(project.id, size.tasks, perRow, trx);
        const now = clock.now();
        return projects.update(
          project.id,
          {
            status: 'published',
            published_at: now,
            pilot_tasks: size.tasks,
            pilot_workers: size.workers,
            pilot_last_seq: lastSeq,
            pilot_started_at: now,
          },
          trx,
        );
      });
    },

    pause: (ownerId: string, id: string) =>
      transition(ownerId, id, 'pause', ['published'], (project, trx) =>
        projects.update(project.id, { status: 'paused' }, trx),
      ),

    resume: (ownerId: string, id: string) =>
      transition(ownerId, id, 'resume', ['paused'], (project, trx) =>
        projects.update(project.id, { status: 'published' }, trx),
      ),

    /** Stops new accepts at once; the unused escrow goes back once nothing is outstanding. */
    cancel: (ownerId: string, id: string) =>
      transition(ownerId, id, 'cancel', ['draft', 'published', 'paused'], async (project, trx) => {
        const cancelled = await projects.update(
          project.id,
          { status: 'cancelled', cancelled_at: clock.now() },
          trx,
        );
        if (project.published_at) await settleCancelledProject(trx, cancelled);
        return cancelled;
      }),
  };
}

export type LifecycleService = ReturnType<typeof createLifecycleService>;
