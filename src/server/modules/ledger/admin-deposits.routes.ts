import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf, pageQuerySchema } from '../../../shared/api/common.js';
import {
  manualDepositBodySchema,
  manualDepositResultSchema,
  manualDepositSchema,
} from '../../../shared/api/money.js';
import { requireUser } from '../../plugins/auth.js';
import { idempotencyHeaders, idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import type { LedgerService } from './ledger.service.js';
import { presentManualDeposit } from './manual-deposits.presenters.js';
import type { ManualDepositsService } from './manual-deposits.service.js';

const adminOnly = { auth: { scope: 'admin', roles: ['admin'] } } as const;

/** Offline payments into requesters' funds, recorded by administrators (the manual provider). */
export const adminDepositsRoutes: FastifyPluginAsyncZod<{
  ledger: LedgerService;
  manualDeposits: ManualDepositsService;
}> = async (app, { ledger, manualDeposits }) => {
  const tags = ['admin'];

  app.post(
    '/admin/deposits',
    {
      config: adminOnly,
      schema: {
        tags,
        summary:
          "Record an offline payment into a requester's funds, with its reference (manual provider)",
        headers: idempotencyHeaders,
        body: manualDepositBodySchema,
        response: { 201: manualDepositResultSchema, 200: manualDepositResultSchema },
      },
    },
    async (request, reply) => {
      const result = await manualDeposits.record({
        adminId: requireUser(request).user.id,
        userId: request.body.userId,
        amountCents: request.body.amountCents,
        reference: request.body.reference,
        note: request.body.note,
        idempotency: idempotencyScopeOf(request),
      });
      return reply.status(result.replayed ? 200 : 201).send({
        transactionId: result.transactionId,
        balance: {
          ...result.balance,
          sandboxDeposits: ledger.paymentsSandbox,
          platformFeePercent: ledger.feePercent,
        },
        deposit: presentManualDeposit(result.deposit),
      });
    },
  );

  app.get(
    '/admin/deposits',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Offline payments recorded by administrators, newest first',
        querystring: pageQuerySchema,
        response: { 200: pageOf(manualDepositSchema) },
      },
    },
    async (request) => {
      const page = await manualDeposits.list(request.query);
      return { items: page.items.map(presentManualDeposit), nextCursor: page.nextCursor };
    },
  );
};
