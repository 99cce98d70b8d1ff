import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { idSchema } from './common.js';

/** A sandbox deposit is test credit: capped so a typo cannot mint absurd balances. */
export const MAX_DEPOSIT_CENTS = 10_000_000;

export const centsSchema = z
  .number({ message: 'must be a whole number of cents' })
  .int('must be a whole number of cents')
  .positive('must be more than zero');

export const balanceSchema = z.object({
  availableCents: z.number().int(),
  escrowCents: z.number().int(),
  sandboxDeposits: z.boolean(),
  platformFeePercent: z.number(),
});
export type Balance = z.infer<typeof balanceSchema>;

export const depositBodySchema = z.strictObject({
  amountCents: centsSchema.max(MAX_DEPOSIT_CENTS, `must be at most ${MAX_DEPOSIT_CENTS} cents`),
});

export const manualDepositBodySchema = z.strictObject({
  userId: idSchema,
  amountCents: centsSchema.max(1_000_000_000, 'must be at most 1000000000 cents'),
  reference: z.string().trim().min(1, 'must not be empty').max(200),
});

export const depositResultSchema = z.object({
  transactionId: z.string(),
  balance: balanceSchema,
});

export const LEDGER_ACCOUNTS = [
  'requester_available',
  'requester_escrow',
  'worker_earnings',
  'platform_fees',
  'external',
] as const;
export type LedgerAccountKind = (typeof LEDGER_ACCOUNTS)[number];
export const LEDGER_KINDS = [
  'deposit',
  'escrow',
  'release',
  'payment',
  'bonus',
  'payout',
  'payout_reversal',
] as const;
export type LedgerTransactionKind = (typeof LEDGER_KINDS)[number];

export const ledgerEntrySchema = z.object({
  id: z.string(),
  transactionId: z.string(),
  kind: z.enum(LEDGER_KINDS),
  memo: z.string(),
  account: z.enum(LEDGER_ACCOUNTS),
  amountCents: z.number().int(),
  projectId: z.string().nullable(),
  assignmentId: z.string().nullable(),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  cursor: z.string().max(200).optional(),
});

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');
