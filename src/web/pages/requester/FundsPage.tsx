import {
  Alert,
  Badge,
  Button,
  Card,
  Chip,
  Grid,
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

const ACCOUNT_LABELS: Record<LedgerEntry['account'], string> = {
  requester_available: 'Available',
  requester_escrow: 'Escrow',
  worker_earnings: 'Earnings',
  platform_fees: 'Platform fees',
  external: 'External',
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
      <Stack gap="sm">
        <NumberInput
          label="Amount"
          prefix="$"
          decimalScale={2}
          min={0}
          thousandSeparator=","
          value={amount}
          onChange={setAmount}
          error={error}
        />
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
        <Button type="submit" loading={deposit.isPending}>
          Add test credit
        </Button>
      </Stack>
    </form>
  );
}

function AddFunds({ sandbox, feePercent }: { sandbox: boolean; feePercent: number }) {
  return (
    <Card h="100%">
      <Title order={2} fz="h3" mb={4}>
        {sandbox ? 'Add test credit' : 'Adding funds'}
      </Title>
      {sandbox ? (
        <>
          <Text size="sm" c="dimmed" mb="md">
            This server runs in sandbox mode: credit is free and for trying things out.
          </Text>
          <DepositForm />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Payments are recorded by an administrator of this site. Send your payment as agreed with
          them; it appears here as a deposit once they record it.
        </Text>
      )}
      <Alert variant="light" color="gray" mt="md" icon={<IconInfoCircle aria-hidden="true" />}>
        <Text size="xs">
          {feePercent > 0
            ? `A platform fee of ${feePercent}% is charged on top of each reward and bonus, and held in escrow with it.`
            : 'This site charges no platform fee: rewards and bonuses go to workers in full.'}
        </Text>
      </Alert>
    </Card>
  );
}

function LedgerRow({ entry }: { entry: LedgerEntry }) {
  const kind = KIND_LABELS[entry.kind];
  const incoming = entry.amountCents >= 0;
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatDateTime(entry.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={kind.color}>{kind.label}</Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {entry.memo}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {ACCOUNT_LABELS[entry.account]}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text
          size="sm"
          fw={600}
          className={incoming ? 'money-in' : 'money-out'}
          style={{ whiteSpace: 'nowrap' }}
        >
          {incoming ? '+' : '−'}
          {formatCents(Math.abs(entry.amountCents))}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function LedgerHistory() {
  const ledger = useLedger();
  const rows = ledger.data?.pages.flatMap((page) => page.items) ?? [];
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
                <Table.Th>Date</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Details</Table.Th>
                <Table.Th>Account</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((entry) => (
                <LedgerRow key={entry.id} entry={entry} />
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
        <Grid gap="md" mb="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="md" h="100%">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
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
                    b ? (
                      <span data-testid="balance-escrow">{formatCents(b.escrowCents)}</span>
                    ) : null
                  }
                  hint="Held for published projects until work is approved"
                />
              </SimpleGrid>
              <Card>
                <Text size="sm" fw={600} mb={4}>
                  How escrow works
                </Text>
                <Text size="sm" c="dimmed">
                  Publishing a project, or adding data to a published one, moves reward × workers
                  per task (plus any fee) from Available into escrow. Approving an answer pays the
                  worker from escrow; cancelled or expired work releases the rest back to Available.
                </Text>
              </Card>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            {b ? (
              <AddFunds sandbox={b.sandboxDeposits} feePercent={b.platformFeePercent} />
            ) : (
              <LoadingState />
            )}
          </Grid.Col>
        </Grid>
      )}
      <LedgerHistory />
    </>
  );
}
