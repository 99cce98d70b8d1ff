import { fromCursor, keysetPage, pageFrom, type CursorRequest } from '../../db/pagination.js';
import type { Clock } from '../../lib/clock.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { EarningsRepository } from './earnings.repository.js';

const DAY_MS = 24 * 3600 * 1000;
const RECENT_BONUSES = 10;

type Sums = Awaited<ReturnType<EarningsRepository['ledgerSums']>>;

/** Spending of one project (or all) from its ledger entries. */
function spendingFrom(sums: Sums, approvedCount: number) {
  const total = (pick: (s: Sums[number]) => boolean) =>
    sums.filter(pick).reduce((sum, s) => sum + s.cents, 0);
  return {
    escrowedCents: total((s) => s.account === 'requester_escrow'),
    paidToWorkersCents: total((s) => s.kind === 'payment' && s.account === 'worker_earnings'),
    feesCents: total((s) => s.account === 'platform_fees'),
    bonusesCents: total((s) => s.kind === 'bonus' && s.account === 'worker_earnings'),
    topUpsCents: total((s) => s.kind === 'top_up' && s.account === 'worker_earnings'),
    refundedCents: total((s) => s.kind === 'release' && s.account === 'requester_available'),
    approvedCount,
  };
}

export function createEarningsService(deps: {
  earnings: EarningsRepository;
  ledger: Pick<LedgerService, 'earningsCents'>;
  clock: Clock;
  payoutMinimumCents: number;
}) {
  const { earnings, ledger, clock } = deps;

  return {
    /** Totals for a worker; availableCents is the earnings account's balance. */
    async summary(workerId: string) {
      const [totals, availableCents, recentBonuses] = await Promise.all([
        earnings.workerTotals(workerId),
        ledger.earningsCents(workerId),
        earnings.recentBonuses(workerId, RECENT_BONUSES),
      ]);
      return {
        pendingCents: totals.pendingCents,
        approvedCents: totals.approvedRewardsCents + totals.topUpsCents + totals.bonusesCents,
        paidOutCents: totals.paidOutCents,
        availableCents,
        bonusesCents: totals.bonusesCents,
        topUpsCents: totals.topUpsCents,
        payoutsInFlightCents: totals.inFlightCents,
        payoutMinimumCents: deps.payoutMinimumCents,
        recentBonuses,
      };
    },

    /** One entry per UTC day of the last `days` days (today included), oldest first. */
    async daily(workerId: string, days: number) {
      const today = new Date(clock.now().toISOString().slice(0, 10));
      const from = new Date(today.getTime() - (days - 1) * DAY_MS);
      const byDay = new Map((await earnings.daily(workerId, from)).map((d) => [d.day, d]));
      return {
        days: Array.from({ length: days }, (_, i) => {
          const date = new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10);
          const found = byDay.get(date);
          return {
            date,
            approvedCents: found?.cents ?? 0,
            approvedCount: found?.count ?? 0,
            bonusesCents: found?.bonusesCents ?? 0,
          };
        }),
      };
    },

    async perProject(workerId: string, query: CursorRequest) {
      const rows = await earnings.perProject(workerId, fromCursor(query));
      return keysetPage(rows, query.limit, (row) => [row.last_accepted_at, row.project_id]);
    },

    /** Per project (a page of them, newest first) and totals over all of the requester's projects. */
    async spending(ownerId: string, query: CursorRequest) {
      const rows = await earnings.ownedProjects(ownerId, fromCursor(query));
      const { items: projects, nextCursor } = pageFrom(rows, query.limit);
      const projectIds = projects.map((p) => p.id);
      const [sums, counts, allSums, allCounts] = await Promise.all([
        earnings.ledgerSums({ projectIds }),
        earnings.approvedCounts({ projectIds }),
        earnings.ledgerSums({ ownerId }),
        earnings.approvedCounts({ ownerId }),
      ]);
      return {
        items: projects.map((p) => ({
          projectId: p.id,
          projectTitle: p.title,
          status: p.status,
          ...spendingFrom(
            sums.filter((s) => s.project_id === p.id),
            counts.get(p.id) ?? 0,
          ),
        })),
        nextCursor,
        totals: spendingFrom(
          allSums,
          [...allCounts.values()].reduce((a, b) => a + b, 0),
        ),
      };
    },
  };
}

export type EarningsService = ReturnType<typeof createEarningsService>;
