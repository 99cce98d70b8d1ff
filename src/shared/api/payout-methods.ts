import { z } from 'zod';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';

/** How a worker wants to be paid. The administrator sends the money by hand through it. */
export const PAYOUT_METHODS = ['bank_transfer', 'paypal', 'other'] as const;
export type PayoutMethodKind = (typeof PAYOUT_METHODS)[number];

export const PAYOUT_METHOD_LABELS: Record<PayoutMethodKind, string> = {
  bank_transfer: 'Bank transfer (IBAN)',
  paypal: 'PayPal',
  other: 'Other',
};

export const ACCOUNT_HOLDER_MAX = 140;
export const OTHER_DESTINATION_MIN = 5;
export const OTHER_DESTINATION_MAX = 500;

/** An IBAN as typed (spaces, lower case) in the form banks print it: no spaces, upper case. */
export function normalizeIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Groups of four, as on a bank statement, for reading and copying by eye. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Why an (already normalised) IBAN cannot be right, or null when it passes ISO 13616's check:
 * two letters, two check digits, up to 30 letters and digits, and the whole modulo 97 equal to 1.
 * The check catches nearly every single typo and swapped pair of characters.
 */
export function ibanProblem(iban: string): string | null {
  if (!/^[A-Z]{2}/.test(iban)) return 'must start with a two-letter country code, e.g. "DE"';
  if (!/^[A-Z]{2}[0-9]{2}/.test(iban)) return 'must have two check digits after the country code';
  if (!/^[A-Z0-9]+$/.test(iban)) return 'may contain only letters and digits';
  if (iban.length < 15 || iban.length > 34) {
    return `must be 15 to 34 characters long without spaces; this one has ${iban.length}`;
  }
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1 ? null : 'does not check out: look for a mistyped or swapped character';
}

const emailPattern = z.email();

const bankTransferSchema = z.strictObject({
  method: z.literal('bank_transfer'),
  destination: z
    .string()
    .max(60, 'must be an IBAN of at most 34 characters')
    .transform(normalizeIban)
    .superRefine((iban, ctx) => {
      const problem = ibanProblem(iban);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  accountHolder: z
    .string()
    .trim()
    .min(1, 'is required for a bank transfer: the name the bank account is held in')
    .max(ACCOUNT_HOLDER_MAX, `must be at most ${ACCOUNT_HOLDER_MAX} characters`),
});

const paypalSchema = z.strictObject({
  method: z.literal('paypal'),
  destination: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, 'must be at most 254 characters')
    .refine(
      (value) => emailPattern.safeParse(value).success,
      'must be the email address of your PayPal account',
    ),
});

const otherSchema = z.strictObject({
  method: z.literal('other'),
  destination: z
    .string()
    .trim()
    .min(
      OTHER_DESTINATION_MIN,
      `must say how to pay you, in at least ${OTHER_DESTINATION_MIN} characters`,
    )
    .max(OTHER_DESTINATION_MAX, `must be at most ${OTHER_DESTINATION_MAX} characters`),
});

/** `PUT /me/payout-method`: each method checks its own destination. */
export const payoutMethodBodySchema = z.discriminatedUnion('method', [
  bankTransferSchema,
  paypalSchema,
  otherSchema,
]);
export type PayoutMethodBody = z.input<typeof payoutMethodBodySchema>;

/** A payout method, on its own or as copied onto a payout when it was requested. */
export const payoutDestinationSchema = z.object({
  method: z.enum(PAYOUT_METHODS),
  destination: z.string(),
  accountHolder: z.string().nullable(),
  /** When the worker last set it (for a copy on a payout: as of the request). */
  updatedAt: z.string(),
});
export type PayoutDestination = z.infer<typeof payoutDestinationSchema>;

/** `GET /me/payout-method`: null until the worker sets one. */
export const myPayoutMethodSchema = z.object({
  payoutMethod: payoutDestinationSchema.nullable(),
});

const mine = { path: '/me/payout-method', response: myPayoutMethodSchema } as const;
const worker = readWriteAccess('money', 'money', ['worker']);

/** A worker's own payout method; nobody else reads it here (administrators see payouts' copies). */
export const payoutMethodEndpoints = {
  get: endpoint({
    ...mine,
    ...worker.read,
    method: 'GET',
    summary: 'Where my payouts are sent (null until I set it)',
  }),
  set: endpoint({
    ...mine,
    ...worker.write,
    method: 'PUT',
    summary: 'Set where my payouts are sent: bank transfer (IBAN), PayPal or other',
    body: payoutMethodBodySchema,
  }),
  remove: endpoint({
    ...mine,
    ...worker.write,
    method: 'DELETE',
    summary: 'Forget my payout method (payouts already requested keep theirs)',
  }),
};
