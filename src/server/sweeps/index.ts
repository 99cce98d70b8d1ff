import type { createServices } from '../app.js';
import type { Sweep } from './runner.js';

type Services = ReturnType<typeof createServices>;

/** Every background sweep the server runs, with how often. */
export function createSweeps(services: Services): Sweep[] {
  return [
    {
      name: 'expired-sessions',
      intervalMs: 10 * 60_000,
      run: () => services.accounts.sweepExpiredSessions(),
    },
    {
      // Attempt counts quiet for longer than the window count for nothing any more.
      name: 'quiet-login-throttles',
      intervalMs: 10 * 60_000,
      run: () => services.accounts.sweepQuietLoginThrottles(),
    },
    {
      // Claims append their change of a project's open tasks instead of taking turns on its row;
      // readers add what is not folded yet, so this only keeps that remainder small.
      name: 'open-task-counts',
      intervalMs: 1_000,
      run: () => services.work.foldOpenTaskCounts(),
    },
    {
      // Reads already treat overdue work as expired; the sweep records it and frees the slots.
      name: 'expired-assignments',
      intervalMs: 15_000,
      run: () => services.work.sweepExpired(),
    },
    {
      // Exactly once per submission even with every instance sweeping: rows are claimed with
      // FOR UPDATE SKIP LOCKED and changed only while still submitted.
      name: 'auto-approve',
      intervalMs: 30_000,
      run: () => services.review.review.sweepAutoApprove(),
    },
    {
      // Appeals unanswered past their response window, overturned and paid: each row is locked
      // with SKIP LOCKED and changed only while open, so a racing decision never pays twice.
      name: 'unanswered-appeals',
      intervalMs: 60_000,
      run: () => services.appeals.sweepUnanswered(),
    },
    {
      // Slots of cancelled batches freed by returns, expiries and rejections: closed, escrow back.
      name: 'cancelled-batch-slots',
      intervalMs: 60_000,
      run: () => services.projects.withdrawal.sweepFreedSlots(),
    },
    {
      // Completes expired and fully approved projects and returns unused escrow.
      name: 'settle-projects',
      intervalMs: 60_000,
      run: () => services.review.settlement.sweep(),
    },
    {
      // Once per user per UTC day, whichever instance claims the day's row first.
      name: 'email-digests',
      intervalMs: 10 * 60_000,
      run: () => services.digest.sweep(),
    },
    {
      // Projects whose work changed and then stayed quiet a moment, each under a lease.
      name: 'aggregate-answers',
      intervalMs: 5_000,
      run: () => services.aggregation.sweep(),
    },
    {
      // Proposals whose voting window closed: tallied, decided and applied under FOR UPDATE
      // SKIP LOCKED, so each closes once with every instance sweeping. Often, for short windows.
      name: 'governance-proposals',
      intervalMs: 5_000,
      run: () => services.governance.sweepClosed(),
    },
    {
      // Claimed with FOR UPDATE SKIP LOCKED and a lease, so each attempt is made by one instance.
      name: 'webhook-deliveries',
      intervalMs: 5_000,
      run: () => services.webhooks.sweepDue(),
    },
  ];
}
