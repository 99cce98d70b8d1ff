import { Anchor, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconBuildingBank } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatCents } from '../../../../shared/money.js';
import { useManualDeposits } from '../../../api/admin-deposits.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadingState } from '../../../components/LoadingState.js';
import { LoadMoreButton } from '../../../components/LoadMoreButton.js';
import { formatDateTime } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';

/** Every payment administrators recorded, newest first: the audit trail of money coming in. */
export function DepositHistory() {
  const deposits = useManualDeposits();
  const rows = deposits.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card p={0}>
      <Group px="md" py="sm" className="table-toolbar">
        <Title order={2} fz="h3">
          Recorded payments
        </Title>
      </Group>
      {deposits.isPending && <LoadingState label="Loading recorded payments…" />}
      {deposits.isError && (
        <ErrorAlert error={deposits.error} onRetry={() => void deposits.refetch()} mt="md" />
      )}
      {deposits.isSuccess && rows.length === 0 && (
        <EmptyState
          icon={<IconBuildingBank size={28} aria-hidden="true" />}
          title="No payments recorded yet"
          description="Payments you record above are listed here with who recorded them, when, and their reference."
          framed={false}
        />
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={860}>
          <Table aria-label="Recorded payments" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Recorded</Table.Th>
                <Table.Th>Requester</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Reference</Table.Th>
                <Table.Th>Recorded by</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td className="nowrap">
                    <Text size="sm">{formatDateTime(d.recordedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {d.requester.displayName}
                    </Text>
                    <Anchor
                      component={Link}
                      to={paths.publicProfile(d.requester.handle)}
                      size="xs"
                      underline="always"
                    >
                      @{d.requester.handle}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {d.requester.email}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={700} className="num nowrap">
                      {formatCents(d.amountCents)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                      {d.reference}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.recordedBy.displayName}</Text>
                    <Text size="xs" c="dimmed">
                      {d.recordedBy.email}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Text size="sm" c={d.note ? undefined : 'dimmed'} lineClamp={3}>
                      {d.note ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMoreButton pages={deposits} />
    </Card>
  );
}
