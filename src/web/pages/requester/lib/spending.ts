import type { z } from 'zod';
import type { projectSpendingSchema } from '../../../../shared/api/earnings.js';

export type ProjectSpending = z.infer<typeof projectSpendingSchema>;
type Figures = Pick<
  ProjectSpending,
  'paidToWorkersCents' | 'bonusesCents' | 'topUpsCents' | 'feesCents'
>;

/** What workers received: approved rewards, their pay-floor top-ups and bonuses. */
export function paidOutCents(
  row: Pick<Figures, 'paidToWorkersCents' | 'bonusesCents' | 'topUpsCents'>,
): number {
  return row.paidToWorkersCents + row.topUpsCents + row.bonusesCents;
}

/** Money that left the requester for good: what workers received and the platform's fees. */
export function spentCents(row: Figures): number {
  return paidOutCents(row) + row.feesCents;
}

/** Spending rows by project, from pages fetched so far. */
export function spendingByProject(
  pages: readonly { items: readonly ProjectSpending[] }[] | undefined,
): Map<string, ProjectSpending> {
  return new Map((pages ?? []).flatMap((page) => page.items).map((row) => [row.projectId, row]));
}
