import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import type { Payout } from '../../../../shared/api/earnings.js';
import { formatCents } from '../../../../shared/money.js';
import { useMyPayouts } from '../../../api/earnings.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadingState } from '../../../components/LoadingState.js';
import { formatDateTime } from '../../../lib/format.js';
import { PAYOUT_STATUS_INFO } from '../../../lib/payout-status.js';
import { LoadMoreButton } from '../../../components/LoadMoreButton.js';

function PayoutDetail({ payout }: { payout: Payout }) {
  switch (payout.status) {
    case 'requested':
      return (
        <Text size="sm" c="dimmed">
          Waiting for an administrator to send it
        </Text>
      );
    case 'paid':
      return (
        <>
          <Text size="sm">Sent {payout.paidAt ? formatDateTime(payout.paidAt) : ''}</Text>
          {payout.reference && (
            <Text size="xs" c="dimmed">
              Reference: {payout.reference}
            </Text>
          )}
        </>
      );
    case 'cancelled':
      return (
        <Text size="sm" c="dimmed">
          Returned to your available earnings
          {payout.cancelReason ? `: ${payout.cancelReason}` : ''}
        </Text>
      );
  }
}

/** Every payout the worker asked for, newest first, and where each one stands. */
export function PayoutHistory() {
  const payouts = useMyPayouts();
  const rows = payouts.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card p={0} component="section" aria-labelledby="payouts-heading">
      <Group px="md" py="sm" className="table-toolbar">
        <Title order={2} fz="h3" id="payouts-heading">
          Payouts
        </Title>
      </Group>
      {payouts.isPending && <LoadingState label="Loading your payouts…" />}
      {payouts.isError && (
        <ErrorAlert error={payouts.error} onRetry={() => void payouts.refetch()} mt="md" />
      )}
      {payouts.isSuccess && rows.length === 0 && (
        <EmptyState
          icon={<IconReceipt size={28} aria-hidden="true" />}
          title="No payouts yet"
          description="When you request a payout it is listed here, pending until an administrator sends the money and marks it paid."
          framed={false}
        />
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={620}>
          <Table aria-label="Payout history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Requested</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((payout) => {
                const status = PAYOUT_STATUS_INFO[payout.status];
                return (
                  <Table.Tr key={payout.id}>
                    <Table.Td>
                      <Text size="sm" className="num">
                        {formatDateTime(payout.requestedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={600} className="num">
                        {formatCents(payout.amountCents)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={status.color}>{status.label}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <PayoutDetail payout={payout} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMoreButton pages={payouts} />
    </Card>
  );
}
