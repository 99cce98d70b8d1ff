import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../shared/api/common.js';
import {
  adminPayoutSchema,
  cancelPayoutBodySchema,
  dailyEarningsQuerySchema,
  dailyEarningsSchema,
  earningsSchema,
  markPaidBodySchema,
  payoutBodySchema,
  payoutListQuerySchema,
  payoutParamsSchema,
  payoutSchema,
  projectEarningsSchema,
  spendingSchema,
  type Payout,
} from '../../../shared/api/earnings.js';
import { requireUser } from '../../plugins/auth.js';
import { idempotencyHeaders, idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import { presentBonus } from '../review/review.presenters.js';
import type { ProjectEarningsRow } from './earnings.repository.js';
import { presentPayoutDestination } from './payout-methods.presenters.js';
import type { EarningsService } from './earnings.service.js';
import type { AdminPayoutRow, PayoutRow } from './payouts.repository.js';
import type { PayoutsService } from './payouts.service.js';

const workerRead = { auth: { scope: 'money:read', roles: ['worker'] } } as const;
const workerWrite = { auth: { scope: 'money:write', roles: ['worker'] } } as const;
const adminOnly = { auth: { scope: 'admin', roles: ['admin'] } } as const;

function presentPayout(row: PayoutRow): Payout {
  return {
    id: row.id,
    workerId: row.worker_id,
    amountCents: Number(row.amount_cents),
    status: row.status,
    requestedAt: row.requested_at.toISOString(),
    paidAt: row.paid_at?.toISOString() ?? null,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    reference: row.reference,
    cancelReason: row.cancel_reason,
    destination: presentPayoutDestination(row),
  };
}

function presentAdminPayout(row: AdminPayoutRow) {
  return {
    ...presentPayout(row),
    worker: {
      id: row.worker_id,
      handle: row.handle,
      displayName: row.display_name,
      email: row.email,
    },
  };
}

function presentProjectEarnings(row: ProjectEarningsRow) {
  return {
    projectId: row.project_id,
    projectTitle: row.project_title,
    requester: {
      id: row.requester_id,
      handle: row.requester_handle,
      displayName: row.requester_name,
    },
    approvedCount: row.approved_count,
    approvedCents: row.approved_cents,
    pendingCount: row.pending_count,
    pendingCents: row.pending_cents,
    rejectedCount: row.rejected_count,
    bonusesCents: row.bonuses_cents,
    lastAcceptedAt: row.last_accepted_at.toISOString(),
  };
}

export const payoutsRoutes: FastifyPluginAsyncZod<{
  payouts: PayoutsService;
  earnings: EarningsService;
}> = async (app, { payouts, earnings }) => {
  const tags = ['money'];

  app.get(
    '/me/earnings',
    {
      config: workerRead,
      schema: {
        tags,
        summary: 'My earnings: pending, approved (with bonuses), paid out and available',
        response: { 200: earningsSchema },
      },
    },
    async (request) => {
      const summary = await earnings.summary(requireUser(request).user.id);
      return { ...summary, recentBonuses: summary.recentBonuses.map(presentBonus) };
    },
  );

  app.get(
    '/me/earnings/daily',
    {
      config: workerRead,
      schema: {
        tags,
        summary: 'My approved earnings per UTC day',
        querystring: dailyEarningsQuerySchema,
        response: { 200: dailyEarningsSchema },
      },
    },
    async (request) => earnings.daily(requireUser(request).user.id, request.query.days),
  );

  app.get(
    '/me/earnings/projects',
    {
      config: workerRead,
      schema: {
        tags,
        summary: 'My earnings per project, most recently worked on first',
        querystring: pageQuerySchema,
        response: { 200: pageOf(projectEarningsSchema) },
      },
    },
    async (request) => {
      const page = await earnings.perProject(requireUser(request).user.id, request.query);
      return { items: page.items.map(presentProjectEarnings), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/me/spending',
    {
      config: { auth: { scope: 'money:read', roles: ['requester'] } },
      schema: {
        tags,
        summary: 'What my projects cost: escrowed, paid to workers, fees, bonuses, refunded',
        querystring: pageQuerySchema,
        response: { 200: spendingSchema },
      },
    },
    async (request) => earnings.spending(requireUser(request).user.id, request.query),
  );

  app.post(
    '/me/payouts',
    {
      config: workerWrite,
      schema: {
        tags,
        summary: 'Ask to be paid out (all available earnings unless amountCents is given)',
        headers: idempotencyHeaders,
        body: payoutBodySchema.optional(),
        response: { 201: payoutSchema, 200: payoutSchema },
      },
    },
    async (request, reply) => {
      const result = await payouts.request(
        requireUser(request).user.id,
        request.body?.amountCents,
        idempotencyScopeOf(request),
      );
      return reply.status(result.replayed ? 200 : 201).send(presentPayout(result.payout));
    },
  );

  app.get(
    '/me/payouts',
    {
      config: workerRead,
      schema: {
        tags,
        summary: 'My payouts, newest first',
        querystring: pageQuerySchema,
        response: { 200: pageOf(payoutSchema) },
      },
    },
    async (request) => {
      const page = await payouts.listMine(requireUser(request).user.id, request.query);
      return { items: page.items.map(presentPayout), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/admin/payouts',
    {
      config: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Payouts of every worker, newest first',
        querystring: payoutListQuerySchema,
        response: { 200: pageOf(adminPayoutSchema) },
      },
    },
    async (request) => {
      const page = await payouts.listAll(request.query);
      return { items: page.items.map(presentAdminPayout), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/admin/payouts/:id/mark-paid',
    {
      config: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Record that a payout was sent (manual provider), with its reference',
        params: payoutParamsSchema,
        body: markPaidBodySchema,
        response: { 200: payoutSchema },
      },
    },
    async (request) =>
      presentPayout(
        await payouts.markPaid(
          requireUser(request).user.id,
          request.params.id,
          request.body.reference,
        ),
      ),
  );

  app.post(
    '/admin/payouts/:id/cancel',
    {
      config: adminOnly,
      schema: {
        tags: ['admin'],
        summary: 'Cancel a payout not yet paid; its money returns to the worker’s earnings',
        params: payoutParamsSchema,
        body: cancelPayoutBodySchema.optional(),
        response: { 200: payoutSchema },
      },
    },
    async (request) =>
      presentPayout(
        await payouts.cancel(requireUser(request).user.id, request.params.id, request.body?.reason),
      ),
  );
};
