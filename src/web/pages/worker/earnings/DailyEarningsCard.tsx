import { Card, Group, SegmentedControl, Skeleton, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatCents } from '../../../../shared/money.js';
import { CHART_DAYS, useDailyEarnings } from '../../../api/earnings.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { buildChart, type ChartModel } from './chart-data.js';
import { EarningsBarChart } from './EarningsBarChart.js';

function Legend() {
  return (
    <Group gap="md" aria-hidden="true">
      <Group gap={6}>
        <span className="chart-swatch" data-kind="rewards" />
        <Text size="xs" c="dimmed">
          Approved work
        </Text>
      </Group>
      <Group gap={6}>
        <span className="chart-swatch" data-kind="bonuses" />
        <Text size="xs" c="dimmed">
          Bonuses
        </Text>
      </Group>
    </Group>
  );
}

/** The same figures as the chart, for reading rather than seeing: only days with earnings. */
function DailyTable({ chart }: { chart: ChartModel }) {
  const rows = chart.bars.filter((bar) => bar.totalCents > 0).reverse();
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed" py="xl" ta="center">
        {chart.summary}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table aria-label={`Earnings per day, last ${CHART_DAYS} days`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th ta="right">Approved tasks</Table.Th>
            <Table.Th ta="right">For approved work</Table.Th>
            <Table.Th ta="right">Bonuses</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((bar) => (
            <Table.Tr key={bar.date}>
              <Table.Td className="num">{bar.longLabel}</Table.Td>
              <Table.Td ta="right" className="num">
                {bar.approvedCount}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {formatCents(bar.rewardsCents)}
              </Table.Td>
              <Table.Td ta="right" className="num">
                {formatCents(bar.bonusesCents)}
              </Table.Td>
              <Table.Td ta="right" className="num" fw={600}>
                {formatCents(bar.totalCents)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function DailyEarningsCard() {
  const daily = useDailyEarnings();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const chart = daily.data ? buildChart(daily.data.days) : null;

  return (
    <Card h="100%" component="section" aria-labelledby="daily-earnings-heading">
      <Group justify="space-between" align="flex-start" mb="md" gap="sm">
        <div>
          <Title order={2} fz="h3" id="daily-earnings-heading">
            Last {CHART_DAYS} days
          </Title>
          {chart ? (
            <Text size="sm" c="dimmed">
              <Text span fw={700} c="dark.7" className="num" data-testid="earnings-30-days">
                {formatCents(chart.totalCents)}
              </Text>{' '}
              earned
              {chart.bonusesCents > 0 && `, ${formatCents(chart.bonusesCents)} of it in bonuses`}
            </Text>
          ) : (
            <Skeleton height={16} width={160} mt={6} />
          )}
        </div>
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(value) => setView(value === 'table' ? 'table' : 'chart')}
          data={[
            { label: 'Chart', value: 'chart' },
            { label: 'Table', value: 'table' },
          ]}
          aria-label="Show earnings per day as"
        />
      </Group>
      {daily.isError && <ErrorAlert error={daily.error} onRetry={() => void daily.refetch()} />}
      {daily.isPending && <Skeleton height={220} />}
      {chart && view === 'chart' && (
        <>
          <EarningsBarChart chart={chart} />
          <Group justify="space-between" mt="xs" gap="xs">
            <Legend />
            {chart.activeDays === 0 && (
              <Text size="xs" c="dimmed">
                Approved work and bonuses will show here day by day.
              </Text>
            )}
          </Group>
        </>
      )}
      {chart && view === 'table' && <DailyTable chart={chart} />}
    </Card>
  );
}
