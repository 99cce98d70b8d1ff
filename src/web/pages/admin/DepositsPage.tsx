import { Card, Stack, Text, Title } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader.js';
import { DepositHistory } from './deposits/DepositHistory.js';
import { RecordDepositForm } from './deposits/RecordDepositForm.js';

/** Money requesters paid outside Tessera (bank transfer, invoice), credited to their funds. */
export function DepositsPage() {
  return (
    <>
      <PageHeader
        title="Deposits"
        description="When a requester pays you outside Tessera — a bank transfer, a paid invoice — record it here once the money has arrived. It is added to their available funds at once, with its reference."
      />
      <Stack gap="xl">
        <Card component="section" aria-labelledby="record-heading">
          <Title order={2} fz="h3" id="record-heading" mb={4}>
            Record a payment
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            Each reference is recorded once, so the same transfer cannot be credited twice.
          </Text>
          <RecordDepositForm />
        </Card>
        <DepositHistory />
      </Stack>
    </>
  );
}
