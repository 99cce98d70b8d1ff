import { formatCents, slotEscrowCents } from '../../../shared/money.js';
import { afterCommit } from '../../db/after-commit.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { announceFeedChange } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import type { WebhookOutbox } from '../webhooks/webhooks.module.js';
import { announce, links, type Notify } from '../notifications/notices.js';
import type { SettlementRepository } from './settlement.repository.js';

/** Projects read per page of a sweep run. */
const SWEEP_PAGE = 100;

/**
 * Closing projects and returning their unused escrow.
 *
 * What a project's escrow must cover (the ledger property test checks exactly this):
 * - while it is open (published or paused): every slot not yet taken by approved work that holds
 *   a slot, and every slot adaptive overlap may still open, i.e. Σ over tasks of (slots + reserve
 *   slots − approved slot holders) × (reward + fee + top-up reserve + its fee);
 * - once closed (cancelled or completed): only the work in progress, i.e. accepted and submitted
 *   assignments × (their reward + fee + top-up reserve + its fee).
 * A closed project's excess is returned here at once; what its work in progress still holds
 * comes back as that work settles (a rejection returns its share in the same transaction;
 * expiries and returns by the next run of the sweep).
 */
export function createSettlementService(deps: {
  db: Db;
  settlement: SettlementRepository;
  ledger: Pick<LedgerService, 'lockProjectEscrow' | 'releaseEscrow'>;
  clock: Clock;
  feePercent: number;
  notify?: Notify | undefined;
  events: LiveEventPublisher;
  outbox?: Pick<WebhookOutbox, 'projectFinished'> | undefined;
}) {
  const { db, settlement, ledger, clock } = deps;

  async function outstandingCents(trx: Db, projectId: string): Promise<number> {
    const rows = await settlement.outstandingByReward(trx, projectId);
    return rows.reduce(
      (sum, r) => sum + r.count * slotEscrowCents(r.rewardCents, r.reserveCents, deps.feePercent),
      0,
    );
  }

  /**
   * Completes an open project that is past its expiry or fully approved, and returns a closed
   * project's escrow beyond what its work in progress still needs. Idempotent: a second run
   * changes nothing. Returns whether anything changed.
   */
  async function settle(
    trx: Db,
    projectId: string,
    options: { skipLocked: boolean } = { skipLocked: false },
  ): Promise<boolean> {
    const project = await settlement.lockProject(trx, projectId, options);
    if (!project?.published_at || project.settled_at) return false;
    const now = clock.now();
    let changed = false;
    if (project.status === 'published' || project.status === 'paused') {
      const expired = project.expires_at <= now;
      if (!expired && !(await settlement.allSlotsApproved(trx, projectId))) return false;
      await settlement.markCompleted(trx, projectId, now);
      changed = true;
      await deps.outbox?.projectFinished(trx, projectId, project.owner_id);
      await afterCommit(trx, () => {
        announceFeedChange(deps.events, projectId, 'closed');
        deps.events.publish(
          { type: 'project.progress', projectId, change: 'completed' },
          { userId: project.owner_id },
        );
      });
      await announce(deps.notify, trx, [
        {
          userId: project.owner_id,
          kind: 'project_finished',
          title: `“${project.title}” is finished`,
          body: expired
            ? 'It reached its expiry time; no new work will be accepted.'
            : 'Every assignment of every task has been approved.',
          link: links.project(projectId),
        },
      ]);
    }
    const held = await ledger.lockProjectEscrow(trx, project.owner_id, projectId);
    const owed = await outstandingCents(trx, projectId);
    const excess = held - owed;
    if (excess > 0) {
      await ledger.releaseEscrow(trx, {
        requesterId: project.owner_id,
        projectId,
        amountCents: excess,
        memo: `Unused escrow of ${project.status === 'cancelled' ? 'cancelled' : 'finished'} project “${project.title}”`,
      });
      changed = true;
      await announce(deps.notify, trx, [
        {
          userId: project.owner_id,
          kind: 'escrow_returned',
          title: `${formatCents(excess)} returned to your funds`,
          body: `Unused escrow of “${project.title}” is available again.`,
          link: links.funds,
        },
      ]);
    }
    if (owed === 0 && held - Math.max(excess, 0) === 0) {
      await settlement.markSettled(trx, projectId, now);
      changed = true;
    }
    return changed;
  }

  return {
    settle,

    /**
     * Settles every project that may need it, one short transaction each, paging through all of
     * them (closed projects still waiting on work never crowd out the rest). Safe to run from
     * every instance at once: a project another run holds is skipped.
     */
    async sweep(): Promise<number> {
      const now = clock.now();
      let changed = 0;
      let afterId: string | undefined;
      for (;;) {
        const ids = await settlement.candidates(now, { limit: SWEEP_PAGE, afterId });
        for (const id of ids) {
          const did = await db
            .transaction()
            .execute((trx) => settle(trx, id, { skipLocked: true }));
          if (did) changed += 1;
        }
        if (ids.length < SWEEP_PAGE) return changed;
        afterId = ids[ids.length - 1];
      }
    },
  };
}

export type SettlementService = ReturnType<typeof createSettlementService>;
