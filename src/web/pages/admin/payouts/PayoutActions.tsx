import { Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import type { adminPayoutSchema } from '../../../../shared/api/earnings.js';
import { formatCents } from '../../../../shared/money.js';
import { useCancelPayout, useMarkPayoutPaid } from '../../../api/admin-payouts.js';
import { formatDateTime } from '../../../lib/format.js';
import { describeDestination } from '../../account/payout-method-form.js';
import { NoteDialogButton } from './NoteDialogButton.js';

export type AdminPayout = z.infer<typeof adminPayoutSchema>;

/** Mark paid (with the reference of the transfer) or cancel a pending payout. */
export function PayoutActions({ payout }: { payout: AdminPayout }) {
  const markPaid = useMarkPayoutPaid();
  const cancel = useCancelPayout();
  const amount = formatCents(payout.amountCents);
  const who = payout.worker.displayName;

  if (payout.status === 'paid') {
    return (
      <Text size="xs" c="dimmed">
        Paid {payout.paidAt ? formatDateTime(payout.paidAt) : ''}
      </Text>
    );
  }
  if (payout.status === 'cancelled') {
    return (
      <Text size="xs" c="dimmed">
        Cancelled {payout.cancelledAt ? formatDateTime(payout.cancelledAt) : ''}
      </Text>
    );
  }
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <NoteDialogButton
        size="xs"
        aria-label={`Mark ${amount} to ${who} paid`}
        title={`Mark ${amount} to ${who} paid?`}
        message={`Send ${amount} to ${who} (${payout.worker.email}) outside Tessera first${payout.destination ? ` — to ${describeDestination(payout.destination)}${payout.destination.accountHolder ? `, held by ${payout.destination.accountHolder}` : ''}` : ', by bank transfer, PayPal or however you agreed'} — then record it here. The worker is notified.`}
        noteLabel="Payment reference"
        noteDescription="The transfer's reference or receipt number, so either of you can trace it."
        noteRequired
        confirmLabel="Mark paid"
        onConfirm={async (reference) => {
          await markPaid.mutateAsync({ payoutId: payout.id, reference });
          notifications.show({
            color: 'teal',
            title: 'Payout marked paid',
            message: `${amount} to ${who}`,
          });
        }}
      >
        Mark paid
      </NoteDialogButton>
      <NoteDialogButton
        size="xs"
        variant="default"
        aria-label={`Cancel ${amount} to ${who}`}
        title={`Cancel the payout of ${amount} to ${who}?`}
        message="The money goes back to the worker's available earnings, and they can ask again."
        noteLabel="Reason"
        noteDescription="Optional; the worker sees it in their payout history."
        noteRequired={false}
        confirmLabel="Cancel payout"
        confirmColor="red"
        onConfirm={async (reason) => {
          await cancel.mutateAsync({ payoutId: payout.id, reason });
          notifications.show({
            color: 'gray',
            title: 'Payout cancelled',
            message: `${amount} to ${who}`,
          });
        }}
      >
        Cancel
      </NoteDialogButton>
    </Group>
  );
}
