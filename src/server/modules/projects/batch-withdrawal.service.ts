import { slotEscrowCents } from '../../../shared/money.js';
import { NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { announceFeedChange } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import type { ProjectRow, ProjectsRepository, Trx } from './projects.repository.js';
import { invalidState, requireOwnedProject } from './projects.service.js';
import type { BatchRow, TasksRepository } from './tasks.repository.js';

/** Projects whose freed cancelled slots one sweep run handles. */
const SWEEP_PROJECTS = 100;

const LIVE: readonly ProjectRow['status'][] = ['published', 'paused'];

/**
 * Taking back data uploaded by mistake. A draft's batch is deleted with its tasks (nothing was
 * charged for it). A published or paused project's batch is cancelled instead: tasks nobody has
 * taken close and their escrow returns to the requester's available funds, while work already
 * accepted or submitted stays and is paid as usual. Each runs with the project row locked
 * (`FOR UPDATE`), which a claim's key-share lock conflicts with: a cancel and an accept of the
 * same task are never both in flight, so a slot is either given to a worker or refunded, never both.
 */
export function createBatchWithdrawal(deps: {
  projects: ProjectsRepository;
  tasks: TasksRepository;
  ledger: Pick<LedgerService, 'releaseEscrow'>;
  feePercent: number;
  clock: Clock;
  events: LiveEventPublisher;
}) {
  const { projects, tasks, ledger, clock } = deps;
  /** The escrow of these slots of a project holding `reserveCents` per slot for top-ups. */
  const centsOf = (
    slots: readonly { rewardCents: number; slots: number }[],
    reserveCents: number,
  ) =>
    slots.reduce(
      (sum, s) => sum + s.slots * slotEscrowCents(s.rewardCents, reserveCents, deps.feePercent),
      0,
    );

  async function lockedBatch(trx: Trx, ownerId: string, projectId: string, batchId: string) {
    const project = await requireOwnedProject(projects, projectId, ownerId, trx, { lock: true });
    const batch = await tasks.findProjectBatch(project.id, batchId, trx);
    if (!batch) throw new NotFoundError('Batch');
    return { project, batch };
  }

  return {
    /** A draft's batch and its tasks, gone; 409 `invalid_state` once the project is published. */
    async deleteDraftBatch(ownerId: string, projectId: string, batchId: string) {
      return projects.transaction(async (trx) => {
        const { project, batch } = await lockedBatch(trx, ownerId, projectId, batchId);
        if (project.status !== 'draft') {
          throw invalidState(project, 'delete a batch of', ['draft']);
        }
        const deletedTasks = await tasks.deleteBatch(batch, ownerId, trx);
        await projects.addTaskCount(project.id, -deletedTasks, trx);
        return { id: batch.id, deletedTasks };
      });
    },

    /**
     * Closes the batch's untaken slots and returns their escrow in one transaction. Cancelling a
     * cancelled batch answers it as it is and changes nothing.
     */
    async cancelBatch(ownerId: string, projectId: string, batchId: string): Promise<BatchRow> {
      const { batch, cancelled } = await projects.transaction(async (trx) => {
        const { project, batch } = await lockedBatch(trx, ownerId, projectId, batchId);
        if (batch.status === 'cancelled') return { batch, cancelled: false };
        if (!LIVE.includes(project.status)) {
          throw invalidState(
            project,
            project.status === 'draft'
              ? 'cancel a batch of (delete it instead)'
              : 'cancel a batch of',
            LIVE,
          );
        }
        const now = clock.now();
        const released = centsOf(
          await tasks.cancelBatchTasks(batch, now, trx),
          project.top_up_reserve_cents,
        );
        await ledger.releaseEscrow(trx, {
          requesterId: ownerId,
          projectId: project.id,
          amountCents: released,
          memo: `Cancelled batch ${batch.filename ? `“${batch.filename}” ` : ''}of “${project.title}”: tasks nobody had started`,
        });
        return {
          batch: await tasks.markBatchCancelled(batch.id, now, released, trx),
          cancelled: true,
        };
      });
      if (cancelled) announceFeedChange(deps.events, projectId, 'availability');
      return batch;
    },

    /**
     * Removes slots of cancelled tasks freed after the cancellation (returned, expired or
     * rejected work) and, while the project is open, returns their escrow; a closed project's
     * escrow is the settlement's. Safe on every instance at once: rows another run holds are
     * skipped. Returns how many projects changed.
     */
    async sweepFreedSlots(): Promise<number> {
      let changed = 0;
      for (const projectId of await tasks.projectsWithFreedCancelledSlots(SWEEP_PROJECTS)) {
        const did = await projects.transaction(async (trx) => {
          // Shared: claims go on; a cancel, completion or settlement of the project waits.
          const project = await projects.lockShared(projectId, trx);
          if (!project) return false;
          const removed = await tasks.removeFreedCancelledSlots(projectId, trx);
          if (removed.length === 0) return false;
          if (!LIVE.includes(project.status)) return true;
          const released = centsOf(removed, project.top_up_reserve_cents);
          await ledger.releaseEscrow(trx, {
            requesterId: project.owner_id,
            projectId,
            amountCents: released,
            memo: `Cancelled tasks of “${project.title}”: work given back after the cancellation`,
          });
          for (const batchId of new Set(removed.map((r) => r.batchId))) {
            await tasks.addReleasedCents(
              batchId,
              centsOf(
                removed.filter((r) => r.batchId === batchId),
                project.top_up_reserve_cents,
              ),
              trx,
            );
          }
          return true;
        });
        if (did) changed += 1;
      }
      return changed;
    },
  };
}

export type BatchWithdrawal = ReturnType<typeof createBatchWithdrawal>;
