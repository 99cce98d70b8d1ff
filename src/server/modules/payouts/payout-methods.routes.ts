import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  myPayoutMethodSchema,
  payoutMethodBodySchema,
} from '../../../shared/api/payout-methods.js';
import { requireUser } from '../../plugins/auth.js';
import { presentPayoutMethod } from './payout-methods.presenters.js';
import type { PayoutMethodsService } from './payout-methods.service.js';

const workerRead = { auth: { scope: 'money:read', roles: ['worker'] } } as const;
const workerWrite = { auth: { scope: 'money:write', roles: ['worker'] } } as const;

/** A worker's own payout method; nobody else reads it here (administrators see payouts' copies). */
export const payoutMethodsRoutes: FastifyPluginAsyncZod<{ methods: PayoutMethodsService }> = async (
  app,
  { methods },
) => {
  const tags = ['money'];

  app.get(
    '/me/payout-method',
    {
      config: workerRead,
      schema: {
        tags,
        summary: 'Where my payouts are sent (null until I set it)',
        response: { 200: myPayoutMethodSchema },
      },
    },
    async (request) => {
      const row = await methods.get(requireUser(request).user.id);
      return { payoutMethod: row ? presentPayoutMethod(row) : null };
    },
  );

  app.put(
    '/me/payout-method',
    {
      config: workerWrite,
      schema: {
        tags,
        summary: 'Set where my payouts are sent: bank transfer (IBAN), PayPal or other',
        body: payoutMethodBodySchema,
        response: { 200: myPayoutMethodSchema },
      },
    },
    async (request) => ({
      payoutMethod: presentPayoutMethod(
        await methods.set(requireUser(request).user.id, request.body),
      ),
    }),
  );

  app.delete(
    '/me/payout-method',
    {
      config: workerWrite,
      schema: {
        tags,
        summary: 'Forget my payout method (payouts already requested keep theirs)',
        response: { 200: myPayoutMethodSchema },
      },
    },
    async (request) => {
      await methods.remove(requireUser(request).user.id);
      return { payoutMethod: null };
    },
  );
};
