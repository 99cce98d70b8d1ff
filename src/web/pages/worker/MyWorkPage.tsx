import { Badge, Card, SimpleGrid, Tabs } from '@mantine/core';
import { IconCircleCheck, IconHourglass, IconPlayerPlay } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { formatCents } from '../../../shared/money.js';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../../../shared/api/work.js';
import { useMyWorkTotals } from '../../api/work.js';
import { IconStatCard } from '../../components/IconStatCard.js';
import { PageHeader } from '../../components/PageHeader.js';
import { STATUS_INFO } from '../work/status.js';
import { MyWorkTable } from './MyWorkTable.js';

function statusFrom(value: string | null): AssignmentStatus {
  return ASSIGNMENT_STATUSES.find((status) => status === value) ?? 'accepted';
}

export function MyWorkPage() {
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const { data: totals } = useMyWorkTotals();
  const count = (s: AssignmentStatus) => totals?.counts[s] ?? 0;
  const money = (cents: number | undefined) => (cents === undefined ? '—' : formatCents(cents));

  const select = (value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('status', statusFrom(value));
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title="My work"
        description="Tasks you have accepted, submitted and had reviewed, and what they pay."
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" mb="xl">
        <IconStatCard
          label="In progress"
          value={totals ? String(count('accepted')) : '—'}
          hint={count('accepted') === 1 ? 'task to finish' : 'tasks to finish'}
          icon={<IconPlayerPlay size={22} aria-hidden="true" />}
          color="tessera"
        />
        <IconStatCard
          label="Pending pay"
          value={money(totals?.pendingCents)}
          hint="Submitted, awaiting review"
          icon={<IconHourglass size={22} aria-hidden="true" />}
          color="blue"
        />
        <IconStatCard
          label="Approved pay"
          value={money(totals?.approvedCents)}
          hint="Added to your earnings"
          icon={<IconCircleCheck size={22} aria-hidden="true" />}
          color="teal"
        />
      </SimpleGrid>

      <Card p={0}>
        <Tabs value={status} onChange={select} keepMounted={false}>
          <Tabs.List px="md" pt="xs" aria-label="Work by status">
            {ASSIGNMENT_STATUSES.map((s) => (
              <Tabs.Tab
                key={s}
                value={s}
                rightSection={
                  totals ? (
                    <Badge
                      size="sm"
                      circle={count(s) < 10}
                      color={s === status ? STATUS_INFO[s].color : 'gray'}
                      aria-hidden="true"
                    >
                      {count(s)}
                    </Badge>
                  ) : undefined
                }
                aria-label={totals ? `${STATUS_INFO[s].tab} (${count(s)})` : STATUS_INFO[s].tab}
              >
                {STATUS_INFO[s].tab}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {ASSIGNMENT_STATUSES.map((s) => (
            <Tabs.Panel key={s} value={s}>
              <MyWorkTable status={s} label={`${STATUS_INFO[s].tab} work`} />
            </Tabs.Panel>
          ))}
        </Tabs>
      </Card>
    </>
  );
}
