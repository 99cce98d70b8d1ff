import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { pageOf } from '../../../shared/api/common.js';
import {
  balanceSchema,
  depositBodySchema,
  depositResultSchema,
  ledgerEntrySchema,
  ledgerQuerySchema,
  type LedgerEntry,
} from '../../../shared/api/money.js';
import { requireUser } from '../../plugins/auth.js';
import { idempotencyHeaders, idempotencyScopeOf } from '../idempotency/idempotency.http.js';
import type { LedgerService } from './ledger.service.js';

export const ledgerRoutes: FastifyPluginAsyncZod<{ ledger: LedgerService }> = async (
  app,
  { ledger },
) => {
  const tags = ['money'];
  const withSettings = (b: { availableCents: number; escrowCents: number }) => ({
    ...b,
    sandboxDeposits: ledger.paymentsSandbox,
    platformFeePercent: ledger.feePercent,
  });

  app.get(
    '/me/balance',
    {
      config: { auth: { scope: 'money:read' } },
      schema: {
        tags,
        summary: 'My funds: available and in escrow',
        response: { 200: balanceSchema },
      },
    },
    async (request) => withSettings(await ledger.balance(requireUser(request).user.id)),
  );

  app.post(
    '/me/deposits',
    {
      config: { auth: { scope: 'money:write', roles: ['requester'] } },
      schema: {
        tags,
        summary: 'Add sandbox test credit (when the server allows it)',
        headers: idempotencyHeaders,
        body: depositBodySchema,
        response: { 201: depositResultSchema, 200: depositResultSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request).user;
      const result = await ledger.deposit({
        userId: user.id,
        actorId: user.id,
        amountCents: request.body.amountCents,
        provider: 'sandbox',
        idempotency: idempotencyScopeOf(request),
      });
      return reply
        .status(result.replayed ? 200 : 201)
        .send({ transactionId: result.transactionId, balance: withSettings(result.balance) });
    },
  );

  app.get(
    '/me/ledger',
    {
      config: { auth: { scope: 'money:read' } },
      schema: {
        tags,
        summary: 'My ledger entries, newest first',
        querystring: ledgerQuerySchema,
        response: { 200: pageOf(ledgerEntrySchema) },
      },
    },
    async (request) => {
      const page = await ledger.history(requireUser(request).user.id, request.query);
      return {
        items: page.items.map((r): LedgerEntry => ({
          id: String(r.entry_id),
          transactionId: r.transaction_id,
          kind: r.kind,
          memo: r.memo,
          account: r.account,
          amountCents: Number(r.amount_cents),
          projectId: r.project_id,
          assignmentId: r.assignment_id,
          reference: r.kind === 'deposit' ? r.external_reference : null,
          createdAt: r.created_at.toISOString(),
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
};
