import { slotEscrowCents } from '../../../shared/money.js';
import { afterCommit } from '../../db/after-commit.js';
import type { Db } from '../../db/database.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { announceFeedChange } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import { disagreement } from './agreement.js';
import type { OverlapRepository, OverlapTask, TaskAnswer } from './overlap.repository.js';

const OPEN = ['published', 'paused'];

/** What a task of an adaptive-overlap project does next. */
export type OverlapStep = 'wait' | 'open_slot' | 'settle';

/**
 * The rule (DESIGN §9), for a task that still holds reserve slots:
 * - until every open slot holds a submitted or approved answer: wait;
 * - then, when those answers agree less than the threshold on a choice-like item: open a slot;
 * - else, once every one of them is approved (none can still be rejected and reopen a slot):
 *   settle, returning the reserve.
 * A gold task is scored against its known answers, never aggregated: it never asks for more.
 */
export function overlapStep(
  task: OverlapTask,
  answers: readonly TaskAnswer[],
  disagrees: (answers: Record<string, unknown>[]) => boolean,
): OverlapStep {
  const holders = answers.filter((a) => a.holds_slot);
  const answered = holders.filter((a) => a.status !== 'accepted');
  if (answered.length < task.assignments_per_task) return 'wait';
  const given = answers.flatMap((a) => (a.status !== 'accepted' && a.answers ? [a.answers] : []));
  if (!task.gold && disagrees(given)) return 'open_slot';
  return answered.every((a) => a.status === 'approved') ? 'settle' : 'wait';
}

/**
 * Adaptive overlap: decides, inside the transaction that changed a task's answers (a submit, an
 * approval, a rejection, a reversal), whether the task opens one more slot or settles and returns
 * its unused escrow. The task row is locked `FOR UPDATE` before its answers are read, so two
 * concurrent submits of one task decide one after the other and open at most one slot between
 * them. Tasks without a reserve (every task of a project without overlap) cost one indexed read.
 */
export function createOverlapService(deps: {
  overlap: OverlapRepository;
  ledger: Pick<LedgerService, 'releaseEscrow'>;
  feePercent: number;
  events: LiveEventPublisher;
}) {
  const { overlap, ledger } = deps;

  return {
    overlapStep,

    /** Call after a change of these tasks' answers, in the same transaction. */
    async reconsider(trx: Db, taskIds: readonly string[]): Promise<void> {
      const candidates = await overlap.tasksWithReserve(trx, [...new Set(taskIds)]);
      if (candidates.length === 0) return;
      const projects = await overlap.lockProjects(trx, [
        ...new Set(candidates.map((c) => c.project_id)),
      ]);
      const tasks = await overlap.lockTasks(
        trx,
        candidates.map((c) => c.id),
      );
      const answers = await overlap.answersOf(
        trx,
        tasks.map((t) => t.id),
      );
      for (const project of projects) {
        const threshold = project.overlap_agreement_percent;
        // A closed project's escrow is its settlement's to return.
        if (!OPEN.includes(project.status) || threshold === null) continue;
        const disagrees = (given: Record<string, unknown>[]) =>
          disagreement(project.template, given, threshold) !== null;
        const settled: OverlapTask[] = [];
        let opened = false;
        for (const task of tasks.filter((t) => t.project_id === project.id)) {
          const step = overlapStep(
            task,
            answers.filter((a) => a.task_id === task.id),
            disagrees,
          );
          if (step === 'open_slot') {
            await overlap.openSlot(trx, task.id);
            opened = true;
          } else if (step === 'settle') settled.push(task);
        }
        if (settled.length > 0) {
          await overlap.dropReserve(
            trx,
            settled.map((t) => t.id),
          );
          await ledger.releaseEscrow(trx, {
            requesterId: project.owner_id,
            projectId: project.id,
            amountCents: settled.reduce(
              // Each reserve slot holds what any slot of the project does: reward, fee and the
              // pay-floor top-up reserve with its fee (shared/money.ts).
              (sum, t) =>
                sum +
                t.reserve_slots *
                  slotEscrowCents(t.reward_cents, project.top_up_reserve_cents, deps.feePercent),
              0,
            ),
            memo: `Adaptive overlap of “${project.title}”: unused slots of ${settled.length} settled task${settled.length === 1 ? '' : 's'}`,
          });
        }
        if (opened) {
          await afterCommit(trx, () => announceFeedChange(deps.events, project.id, 'availability'));
        }
      }
    },
  };
}

export type OverlapService = ReturnType<typeof createOverlapService>;
