import { z } from 'zod';
import { idSchema, pagedList, pageQuerySchema } from './common.js';
import { adminOnly } from './access.js';
import { endpoint } from './endpoint.js';

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
  /**
   * The platform's pay floor (MIN_HOURLY_CENTS; 0 = none) publishing is checked against, so the
   * project forms can name the smallest valid reward as the requester types.
   */
  payFloorCentsPerHour: z.number().int(),
});
export type Balance = z.infer<typeof balanceSchema>;

export const depositBodySchema = z.strictObject({
  amountCents: centsSchema.max(MAX_DEPOSIT_CENTS, `must be at most ${MAX_DEPOSIT_CENTS} cents`),
});

/** The most one recorded offline payment may credit: $10,000,000. */
export const MAX_MANUAL_DEPOSIT_CENTS = 1_000_000_000;
export const DEPOSIT_REFERENCE_MAX = 200;
export const DEPOSIT_NOTE_MAX = 1_000;

export const manualDepositBodySchema = z.strictObject({
  userId: idSchema,
  amountCents: centsSchema.max(
    MAX_MANUAL_DEPOSIT_CENTS,
    `must be at most ${MAX_MANUAL_DEPOSIT_CENTS} cents`,
  ),
  /** The payment's own reference: a bank transfer id, an invoice number. Recorded once. */
  reference: z
    .string()
    .trim()
    .min(1, 'is required: the bank transfer id or invoice number of this payment')
    .max(DEPOSIT_REFERENCE_MAX, `must be at most ${DEPOSIT_REFERENCE_MAX} characters`),
  /** For administrators only; the requester sees the reference, not the note. */
  note: z
    .string()
    .trim()
    .max(DEPOSIT_NOTE_MAX, `must be at most ${DEPOSIT_NOTE_MAX} characters`)
    .optional(),
});
export type ManualDepositBody = z.input<typeof manualDepositBodySchema>;

const personSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  handle: z.string(),
  email: z.string(),
});

/** One offline payment an administrator recorded: the audit record of `POST /admin/deposits`. */
export const manualDepositSchema = z.object({
  id: z.string(),
  transactionId: z.string(),
  amountCents: z.number().int(),
  reference: z.string(),
  note: z.string().nullable(),
  requester: personSchema,
  recordedBy: personSchema,
  recordedAt: z.string(),
});
export type ManualDeposit = z.infer<typeof manualDepositSchema>;

export const depositResultSchema = z.object({
  transactionId: z.string(),
  balance: balanceSchema,
});

export const manualDepositResultSchema = depositResultSchema.extend({
  deposit: manualDepositSchema,
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
  'top_up',
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
  /** The payment's reference, on deposits an administrator recorded. */
  reference: z.string().nullable(),
  createdAt: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

export const ledgerQuerySchema = pageQuerySchema;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

/** The `Idempotency-Key` header of the endpoints that take one: a repeat answers the first result. */
export const idempotencyHeadersSchema = z.object({
  'idempotency-key': idempotencyKeySchema.optional(),
});

const money = { tag: 'money' } as const;

/** My funds and their history; sandbox test credit where the server allows it. */
export const moneyEndpoints = {
  balance: endpoint({
    ...money,
    auth: { scope: 'money:read' },
    method: 'GET',
    path: '/me/balance',
    summary: 'My funds: available and in escrow',
    response: balanceSchema,
  }),
  deposit: endpoint({
    ...money,
    auth: { scope: 'money:write', roles: ['requester'] },
    method: 'POST',
    path: '/me/deposits',
    summary: 'Add sandbox test credit (when the server allows it)',
    headers: idempotencyHeadersSchema,
    body: depositBodySchema,
    response: depositResultSchema,
    status: 201,
  }),
  ledger: endpoint({
    ...money,
    auth: { scope: 'money:read' },
    ...pagedList(ledgerQuerySchema, ledgerEntrySchema),
    path: '/me/ledger',
    summary: 'My ledger entries, newest first',
  }),
};

/** Offline payments into requesters' funds, recorded by administrators (the manual provider). */
export const adminDepositEndpoints = {
  record: endpoint({
    ...adminOnly,
    method: 'POST',
    path: '/admin/deposits',
    summary:
      "Record an offline payment into a requester's funds, with its reference (manual provider)",
    headers: idempotencyHeadersSchema,
    body: manualDepositBodySchema,
    response: manualDepositResultSchema,
    status: 201,
  }),
  list: endpoint({
    ...adminOnly,
    ...pagedList(pageQuerySchema, manualDepositSchema),
    path: '/admin/deposits',
    summary: 'Offline payments recorded by administrators, newest first',
  }),
};
