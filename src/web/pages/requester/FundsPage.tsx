import {
  Badge,
  Button,
  Card,
  Chip,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconReceipt } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { LedgerEntry } from '../../../shared/api/money.js';
import { MAX_DEPOSIT_CENTS } from '../../../shared/api/money.js';
import { formatCents } from '../../../shared/money.js';
import { useBalance, useDeposit, useLedger } from '../../api/money.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDateTime } from '../../lib/format.js';
import { groupLedger, type LedgerTransaction } from './lib/ledger.js';
import { centsFromDollars } from './lib/units.js';
import { StatCard } from './StatCard.js';
import './requester.css';

const KIND_LABELS: Record<LedgerEntry['kind'], { label: string; color: string }> = {
  deposit: { label: 'Deposit', color: 'teal' },
  escrow: { label: 'Escrow', color: 'tessera' },
  release: { label: 'Release', color: 'gray' },
  payment: { label: 'Payment', color: 'violet' },
  bonus: { label: 'Bonus', color: 'grape' },
  payout: { label: 'Payout', color: 'orange' },
  payout_reversal: { label: 'Payout reversed', color: 'orange' },
};

const QUICK_AMOUNTS = [25, 100, 500];

function DepositForm() {
  const deposit = useDeposit();
  const [amount, setAmount] = useState<string | number>(100);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = centsFromDollars(amount);
    if (cents === null || cents < 1) {
      setError('Enter an amount in dollars, e.g. 100.');
      return;
    }
    if (cents > MAX_DEPOSIT_CENTS) {
      setError(`Test credit is limited to ${formatCents(MAX_DEPOSIT_CENTS)} at a time.`);
      return;
    }
    setError(null);
    deposit.mutate(cents, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: 'Test credit added',
          message: `${formatCents(cents)} is available to spend.`,
        }),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Add test credit">
      <Stack gap="xs">
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <NumberInput
            label="Amount"
            prefix="$"
            decimalScale={2}
            min={0}
            thousandSeparator=","
            value={amount}
            onChange={setAmount}
            error={error}
            hideControls
            style={{ flex: 1 }}
          />
          <Button type="submit" loading={deposit.isPending} mt={25}>
            Add test credit
          </Button>
        </Group>
        <Chip.Group value={String(amount)} onChange={(value) => setAmount(Number(value))}>
          <Group gap={6}>
            {QUICK_AMOUNTS.map((value) => (
              <Chip key={value} value={String(value)} size="xs" variant="outline">
                ${value}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {deposit.isError && <ErrorAlert error={deposit.error} title="Could not add credit" />}
      </Stack>
    </form>
  );
}

function AddFunds({ sandbox }: { sandbox: boolean }) {
  return (
    <Card h="100%" padding="md">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.5} mb={4}>
        {sandbox ? 'Sandbox credit' : 'Adding funds'}
      </Text>
      {sandbox ? (
        <DepositForm />
      ) : (
        <Text size="sm" c="dimmed">
          An administrator of this site records payments. Pay as agreed with them; the money appears
          here as a deposit once they have recorded it.
        </Text>
      )}
    </Card>
  );
}

function Change({ cents }: { cents: number }) {
  if (cents === 0) {
    return (
      <Text size="sm" c="dimmed" aria-label="no change">
        —
      </Text>
    );
  }
  return (
    <Text size="sm" fw={600} className={cents > 0 ? 'money-in nowrap' : 'money-out nowrap'}>
      {cents > 0 ? '+' : '−'}
      {formatCents(Math.abs(cents))}
    </Text>
  );
}

function LedgerRow({ transaction }: { transaction: LedgerTransaction }) {
  const kind = KIND_LABELS[transaction.kind];
  return (
    <Table.Tr>
      <Table.Td className="nowrap">
        <Text size="sm">{formatDateTime(transaction.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={kind.color}>{kind.label}</Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {transaction.memo}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Change cents={transaction.availableCents} />
      </Table.Td>
      <Table.Td ta="right">
        <Change cents={transaction.escrowCents} />
      </Table.Td>
    </Table.Tr>
  );
}

function LedgerHistory() {
  const ledger = useLedger();
  const rows = groupLedger(ledger.data?.pages.flatMap((page) => page.items) ?? []);
  return (
    <Card p={0}>
      <Group px="md" py="sm" className="table-toolbar">
        <Title order={2} fz="h3">
          History
        </Title>
      </Group>
      {ledger.isPending && <LoadingState label="Loading your history…" />}
      {ledger.isError && (
        <ErrorAlert error={ledger.error} onRetry={() => void ledger.refetch()} mt="md" />
      )}
      {ledger.isSuccess && rows.length === 0 && (
        <EmptyState
          icon={<IconReceipt size={28} aria-hidden="true" />}
          title="No money has moved yet"
          description="Deposits, escrow for published projects, payments to workers and releases of unused escrow will be listed here."
          framed={false}
        />
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Funds history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={190}>Date</Table.Th>
                <Table.Th w={150}>Kind</Table.Th>
                <Table.Th>Details</Table.Th>
                <Table.Th ta="right">Available</Table.Th>
                <Table.Th ta="right">Escrow</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((transaction) => (
                <LedgerRow key={transaction.transactionId} transaction={transaction} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {ledger.hasNextPage && (
        <Group justify="center" p="md" className="table-footer">
          <Button
            variant="default"
            onClick={() => void ledger.fetchNextPage()}
            loading={ledger.isFetchingNextPage}
          >
            Load more
          </Button>
        </Group>
      )}
    </Card>
  );
}

export function FundsPage() {
  const balance = useBalance();
  const b = balance.data;
  return (
    <>
      <PageHeader
        title="Funds"
        description="Money you can spend, money held for published work, and every movement between them."
      />
      {balance.isError ? (
        <ErrorAlert error={balance.error} onRetry={() => void balance.refetch()} mb="lg" />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
            <StatCard
              label="Available"
              value={
                b ? (
                  <span data-testid="balance-available">{formatCents(b.availableCents)}</span>
                ) : null
              }
              hint="Ready to fund new work"
            />
            <StatCard
              label="In escrow"
              value={
                b ? <span data-testid="balance-escrow">{formatCents(b.escrowCents)}</span> : null
              }
              hint="Held for published projects until work is approved"
            />
            {b ? <AddFunds sandbox={b.sandboxDeposits} /> : <LoadingState />}
          </SimpleGrid>
          <Group gap={8} mt="sm" mb="lg" wrap="nowrap" align="flex-start" c="dimmed">
            <IconInfoCircle size={16} aria-hidden="true" className="inline-icon" />
            <Text size="sm" c="dimmed">
              Publishing, or adding data to a published project, moves reward × workers per task
              {b && b.platformFeePercent > 0
                ? `, plus the ${b.platformFeePercent}% platform fee,`
                : ''}{' '}
              from Available into escrow. Approved work is paid from escrow; cancelled or expired
              work returns the rest to Available.
              {b && b.platformFeePercent === 0 && ' This site charges no platform fee.'}
            </Text>
          </Group>
        </>
      )}
      <LedgerHistory />
    </>
  );
}
