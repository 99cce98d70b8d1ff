import { Button, Card, Chip, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { MAX_DEPOSIT_CENTS } from '../../../shared/api/money.js';
import { formatCents } from '../../../shared/money.js';
import { useBalance, useDeposit } from '../../api/money.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { centsFromDollars } from './lib/units.js';
import { LedgerHistory } from './LedgerHistory.js';
import { StatCard } from './StatCard.js';
import './requester.css';
import { MoneyInput } from '../../components/MoneyInput.js';

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
          <MoneyInput
            label="Amount"
            value={amount}
            onChange={setAmount}
            error={error}
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
      <LedgerHistory title="History" tableLabel="Funds history" />
    </>
  );
}
