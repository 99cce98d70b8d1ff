import { Grid, Stack } from '@mantine/core';
import { useEarnings } from '../../api/earnings.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { DailyEarningsCard } from './earnings/DailyEarningsCard.js';
import { EarningsSummary } from './earnings/EarningsSummary.js';
import { PayoutHistory } from './earnings/PayoutHistory.js';
import { PayoutRequestCard } from './earnings/PayoutRequestCard.js';
import { ProjectEarningsTable } from './earnings/ProjectEarningsTable.js';
import { RecentBonuses } from './earnings/RecentBonuses.js';
import './earnings/earnings.css';

export function EarningsPage() {
  const earnings = useEarnings();
  return (
    <>
      <PageHeader
        title="Earnings"
        description="What your approved work and bonuses have earned, what is still awaiting review, and the payouts you have taken."
      />
      {earnings.isError ? (
        <ErrorAlert error={earnings.error} onRetry={() => void earnings.refetch()} mb="lg" />
      ) : (
        <EarningsSummary earnings={earnings.data} />
      )}
      <Grid gap="md" mb="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <DailyEarningsCard />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <PayoutRequestCard earnings={earnings.data} />
            {earnings.data && <RecentBonuses bonuses={earnings.data.recentBonuses} />}
          </Stack>
        </Grid.Col>
      </Grid>
      <ProjectEarningsTable />
      <PayoutHistory />
    </>
  );
}
