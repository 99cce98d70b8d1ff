import {
  formatIban,
  payoutMethodBodySchema,
  PAYOUT_METHOD_LABELS,
  type PayoutDestination,
  type PayoutMethodBody,
  type PayoutMethodKind,
} from '../../../shared/api/payout-methods.js';

export type PayoutMethodValues = {
  method: PayoutMethodKind;
  iban: string;
  accountHolder: string;
  paypalEmail: string;
  other: string;
};

export function valuesOf(current: PayoutDestination | null): PayoutMethodValues {
  const values: PayoutMethodValues = {
    method: current?.method ?? 'bank_transfer',
    iban: '',
    accountHolder: '',
    paypalEmail: '',
    other: '',
  };
  if (current?.method === 'bank_transfer') {
    values.iban = formatIban(current.destination);
    values.accountHolder = current.accountHolder ?? '';
  }
  if (current?.method === 'paypal') values.paypalEmail = current.destination;
  if (current?.method === 'other') values.other = current.destination;
  return values;
}

/** The request for the chosen method: only its own fields travel. */
export function bodyOf(values: PayoutMethodValues): PayoutMethodBody {
  switch (values.method) {
    case 'bank_transfer':
      return {
        method: 'bank_transfer',
        destination: values.iban,
        accountHolder: values.accountHolder,
      };
    case 'paypal':
      return { method: 'paypal', destination: values.paypalEmail };
    case 'other':
      return { method: 'other', destination: values.other };
  }
}

/** Which form field shows a problem with the API's field. */
const FIELD_OF: Record<PayoutMethodKind, Record<string, keyof PayoutMethodValues>> = {
  bank_transfer: { destination: 'iban', accountHolder: 'accountHolder' },
  paypal: { destination: 'paypalEmail' },
  other: { destination: 'other' },
};

export function fieldFor(method: PayoutMethodKind, apiField: string) {
  return FIELD_OF[method][apiField];
}

function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1) + '.';
}

/** The API's own checks, run in the browser, with messages on the right fields. */
export function validatePayoutMethod(values: PayoutMethodValues): Record<string, string> {
  const result = payoutMethodBodySchema.safeParse(bodyOf(values));
  if (result.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = fieldFor(values.method, String(issue.path[0] ?? ''));
    if (field && !(field in errors)) errors[field] = sentence(issue.message);
  }
  return errors;
}

/** One line saying where the money goes, e.g. "PayPal · ada@example.com". */
export function describeDestination(d: Pick<PayoutDestination, 'method' | 'destination'>) {
  const where = d.method === 'bank_transfer' ? formatIban(d.destination) : d.destination;
  return `${PAYOUT_METHOD_LABELS[d.method]} · ${where}`;
}
