import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { User } from '../../../../shared/api/accounts.js';
import { formatCents } from '../../../../shared/money.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import type { CheckedDeposit } from './deposit-form.js';

/** The last look before money is credited: exactly what will be recorded, and for whom. */
export function ConfirmDepositModal({
  deposit,
  requester,
  busy,
  error,
  onConfirm,
  onClose,
}: {
  deposit: CheckedDeposit;
  requester: User;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const amount = formatCents(deposit.amountCents);
  const rows: [string, string][] = [
    ['Requester', `${requester.displayName} (@${requester.handle})`],
    ['Email', requester.email],
    ['Amount credited', amount],
    ['Reference', deposit.reference],
    ['Note', deposit.note ?? '—'],
  ];
  return (
    <Modal
      opened
      onClose={busy ? () => undefined : onClose}
      title="Record this payment?"
      centered
      size="lg"
    >
      <Stack gap="md">
        <Text size="sm">
          {amount} is added to {requester.displayName}’s available funds at once. They see the
          amount and the reference on their Funds page; the note is for administrators only.
        </Text>
        <Table aria-label="Deposit to record" variant="vertical" withTableBorder>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={160}>{label}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <IconInfoCircle size={16} aria-hidden="true" className="inline-icon" />
          <Text size="sm" c="dimmed">
            Recorded payments cannot be edited or removed. Check the amount against your bank
            statement or invoice first.
          </Text>
        </Group>
        {error !== null && error !== undefined && (
          <ErrorAlert error={error} title="The payment was not recorded" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={busy}>
            Back
          </Button>
          <Button onClick={onConfirm} loading={busy} data-autofocus>
            Record {amount}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
