import {
  DEPOSIT_NOTE_MAX,
  DEPOSIT_REFERENCE_MAX,
  MAX_MANUAL_DEPOSIT_CENTS,
} from '../../../../shared/api/money.js';
import { formatCents } from '../../../../shared/money.js';
import { centsFromDollars } from '../../requester/lib/units.js';

export type DepositDraft = {
  requesterId: string | null;
  amount: string | number;
  reference: string;
  note: string;
};

export type DepositProblems = Partial<
  Record<'requesterId' | 'amount' | 'reference' | 'note', string>
>;

export type CheckedDeposit = {
  userId: string;
  amountCents: number;
  reference: string;
  note: string | undefined;
};

/** The same rules as the API's, in the words an administrator needs before confirming. */
export function checkDeposit(draft: DepositDraft): CheckedDeposit | { problems: DepositProblems } {
  const problems: DepositProblems = {};
  if (!draft.requesterId) problems.requesterId = 'Choose the requester who paid.';
  const cents = centsFromDollars(draft.amount);
  if (cents === null || cents < 1) {
    problems.amount = 'Enter the amount received in dollars, e.g. 1250 or 99.50.';
  } else if (cents > MAX_MANUAL_DEPOSIT_CENTS) {
    problems.amount = `One deposit may be at most ${formatCents(MAX_MANUAL_DEPOSIT_CENTS)}.`;
  }
  const reference = draft.reference.trim();
  if (!reference) {
    problems.reference = 'Enter the bank transfer id or invoice number of this payment.';
  } else if (reference.length > DEPOSIT_REFERENCE_MAX) {
    problems.reference = `Keep the reference to ${DEPOSIT_REFERENCE_MAX} characters.`;
  }
  const note = draft.note.trim();
  if (note.length > DEPOSIT_NOTE_MAX) {
    problems.note = `Keep the note to ${DEPOSIT_NOTE_MAX} characters.`;
  }
  if (Object.keys(problems).length > 0 || cents === null || !draft.requesterId) {
    return { problems };
  }
  return { userId: draft.requesterId, amountCents: cents, reference, note: note || undefined };
}
