import { z } from 'zod';
import {
  idSchema,
  pagedList,
  pageOf,
  pageQuerySchema,
  pageQueryWith,
  personSchema,
} from './common.js';
import { access, adminOnly } from './access.js';
import { endpoint } from './endpoint.js';
import { centsSchema, idempotencyHeadersSchema } from './money.js';
import { payoutDestinationSchema } from './payout-methods.js';
import { bonusSchema } from './review.js';

/** `GET /me/earnings`: the names of the first four are fixed by the API's contract. */
export const earningsSchema = z.object({
  /** Rewards of submitted work not reviewed yet. */
  pendingCents: z.number().int(),
  /** All time: approved rewards, their pay-floor top-ups and bonuses. */
  approvedCents: z.number().int(),
  /** Payouts requested (and not cancelled): that money has left the earnings balance. */
  paidOutCents: z.number().int(),
  /** The earnings balance: approvedCents − paidOutCents. */
  availableCents: z.number().int(),
  bonusesCents: z.number().int(),
  /** Top-ups to the pay floor paid with approvals (topUpToFloor projects). */
  topUpsCents: z.number().int(),
  /** Part of paidOutCents an administrator has not marked paid yet. */
  payoutsInFlightCents: z.number().int(),
  /** The smallest payout this server makes. */
  payoutMinimumCents: z.number().int(),
  recentBonuses: z.array(bonusSchema),
});
export type Earnings = z.infer<typeof earningsSchema>;

export const dailyEarningsQuerySchema = z.strictObject({
  days: z.coerce
    .number({ message: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1')
    .max(366, 'must be at most 366')
    .default(30),
});

export const dailyEarningsSchema = z.object({
  /** Oldest first, one entry per UTC day including days without earnings. */
  days: z.array(
    z.object({
      date: z.string(),
      approvedCents: z.number().int(),
      approvedCount: z.number().int(),
      bonusesCents: z.number().int(),
    }),
  ),
});

export const projectEarningsSchema = z.object({
  projectId: z.string(),
  projectTitle: z.string(),
  requester: personSchema,
  approvedCount: z.number().int(),
  approvedCents: z.number().int(),
  pendingCount: z.number().int(),
  pendingCents: z.number().int(),
  rejectedCount: z.number().int(),
  bonusesCents: z.number().int(),
  lastAcceptedAt: z.string(),
});

export const projectSpendingSchema = z.object({
  projectId: z.string(),
  projectTitle: z.string(),
  status: z.string(),
  /** Still held in escrow for this project now. */
  escrowedCents: z.number().int(),
  /** Rewards paid to workers for approved work. */
  paidToWorkersCents: z.number().int(),
  /** Platform fees on rewards and bonuses. */
  feesCents: z.number().int(),
  bonusesCents: z.number().int(),
  /** Top-ups to the pay floor paid to workers (topUpToFloor projects). */
  topUpsCents: z.number().int(),
  /** Unused escrow returned to available funds. */
  refundedCents: z.number().int(),
  approvedCount: z.number().int(),
});

const spendingTotalsSchema = projectSpendingSchema.omit({
  projectId: true,
  projectTitle: true,
  status: true,
});

export const spendingSchema = pageOf(projectSpendingSchema).extend({
  /** Over all of my projects, not only this page. */
  totals: spendingTotalsSchema,
});

export const PAYOUT_STATUSES = ['requested', 'paid', 'cancelled'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export const payoutBodySchema = z.strictObject({
  /** Defaults to all available earnings. */
  amountCents: centsSchema.max(1_000_000_000, 'must be at most 1000000000 cents').optional(),
});

export const payoutSchema = z.object({
  id: z.string(),
  workerId: z.string(),
  amountCents: z.number().int(),
  status: z.enum(PAYOUT_STATUSES),
  requestedAt: z.string(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  reference: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /**
   * Where the money goes: the worker's payout method when they asked, copied so a later change
   * cannot redirect it. Null for payouts requested before payout methods existed.
   */
  destination: payoutDestinationSchema.nullable(),
});
export type Payout = z.infer<typeof payoutSchema>;

export const adminPayoutSchema = payoutSchema.extend({
  worker: z.object({
    id: z.string(),
    handle: z.string(),
    displayName: z.string(),
    email: z.string(),
  }),
});

export const payoutListQuerySchema = pageQueryWith({
  status: z.enum(PAYOUT_STATUSES).optional(),
});

export const payoutParamsSchema = z.strictObject({ id: idSchema });

export const markPaidBodySchema = z.strictObject({
  reference: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
});

export const cancelPayoutBodySchema = z.strictObject({
  reason: z.string().trim().min(1, 'must not be empty').max(1_000).optional(),
});

const workerRead = access('money', 'money:read', ['worker']);

/** A worker's earnings and payouts, and a requester's spending. */
export const earningsEndpoints = {
  summary: endpoint({
    ...workerRead,
    method: 'GET',
    path: '/me/earnings',
    summary: 'My earnings: pending, approved (with bonuses), paid out and available',
    response: earningsSchema,
  }),
  daily: endpoint({
    ...workerRead,
    method: 'GET',
    path: '/me/earnings/daily',
    summary: 'My approved earnings per UTC day',
    query: dailyEarningsQuerySchema,
    response: dailyEarningsSchema,
  }),
  perProject: endpoint({
    ...workerRead,
    ...pagedList(pageQuerySchema, projectEarningsSchema),
    path: '/me/earnings/projects',
    summary: 'My earnings per project, most recently worked on first',
  }),
  spending: endpoint({
    tag: 'money',
    auth: { scope: 'money:read', roles: ['requester'] },
    method: 'GET',
    path: '/me/spending',
    summary: 'What my projects cost: escrowed, paid to workers, fees, bonuses, refunded',
    query: pageQuerySchema,
    response: spendingSchema,
  }),
  requestPayout: endpoint({
    tag: 'money',
    auth: { scope: 'money:write', roles: ['worker'] },
    method: 'POST',
    path: '/me/payouts',
    summary: 'Ask to be paid out (all available earnings unless amountCents is given)',
    headers: idempotencyHeadersSchema,
    body: payoutBodySchema.optional(),
    response: payoutSchema,
    status: 201,
  }),
  myPayouts: endpoint({
    ...workerRead,
    ...pagedList(pageQuerySchema, payoutSchema),
    path: '/me/payouts',
    summary: 'My payouts, newest first',
  }),
};

/** Every worker's payouts, for the administrators who send the money by hand. */
export const adminPayoutEndpoints = {
  list: endpoint({
    ...adminOnly,
    ...pagedList(payoutListQuerySchema, adminPayoutSchema),
    path: '/admin/payouts',
    summary: 'Payouts of every worker, newest first',
  }),
  markPaid: endpoint({
    ...adminOnly,
    method: 'POST',
    path: '/admin/payouts/:id/mark-paid',
    summary: 'Record that a payout was sent (manual provider), with its reference',
    params: payoutParamsSchema,
    body: markPaidBodySchema,
    response: payoutSchema,
  }),
  cancel: endpoint({
    ...adminOnly,
    method: 'POST',
    path: '/admin/payouts/:id/cancel',
    summary: 'Cancel a payout not yet paid; its money returns to the worker’s earnings',
    params: payoutParamsSchema,
    body: cancelPayoutBodySchema.optional(),
    response: payoutSchema,
  }),
};
