import { Card, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PublicRecord } from '../../../shared/api/profiles.js';
import { formatCents } from '../../../shared/money.js';
import { usePublicRecord } from '../../api/profiles.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ReputationCard } from '../../components/reputation/ReputationCard.js';
import { RequesterProjects } from './RequesterProjects.js';

function Figure({ label, value }: { label: string; value: ReactNode }) {
  return (
    <Card padding="md" role="group" aria-label={label}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" lts={0.5}>
        {label}
      </Text>
      <Text fz={24} fw={700} mt={2} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </Card>
  );
}

function count(n: number, one: string, many: string) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** One role's part of the record: its headline figures, then its reputation, then `children`. */
function RoleRecord({
  handle,
  role,
  title,
  figures,
  columns,
  children,
}: {
  handle: string;
  role: 'worker' | 'requester';
  title: string;
  figures: ReactNode;
  columns: number;
  children?: ReactNode;
}) {
  const headingId = `${role}-record-heading`;
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} id={headingId} mb="sm">
        {title}
      </Title>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, xs: columns }} spacing="md">
          {figures}
        </SimpleGrid>
        <ReputationCard handle={handle} role={role} />
        {children}
      </Stack>
    </section>
  );
}

function WorkerRecord({
  handle,
  record,
}: {
  handle: string;
  record: NonNullable<PublicRecord['worker']>;
}) {
  return (
    <RoleRecord
      handle={handle}
      role="worker"
      title="As a worker"
      columns={record.earnedCents === undefined ? 2 : 3}
      figures={
        <>
          <Figure label="Jobs completed" value={record.jobsCompleted.toLocaleString('en-US')} />
          {/* Present only when the worker chose to show what they earned. */}
          {record.earnedCents !== undefined && (
            <Figure label="Earned" value={formatCents(record.earnedCents)} />
          )}
          <Figure label="Projects" value={count(record.projectsWorkedOn, 'project', 'projects')} />
        </>
      }
    />
  );
}

function RequesterRecord({
  handle,
  record,
}: {
  handle: string;
  record: NonNullable<PublicRecord['requester']>;
}) {
  return (
    <RoleRecord
      handle={handle}
      role="requester"
      title="As a requester"
      columns={3}
      figures={
        <>
          <Figure
            label="Projects published"
            value={record.projectsPublished.toLocaleString('en-US')}
          />
          <Figure label="Jobs approved" value={record.jobsApproved.toLocaleString('en-US')} />
          <Figure label="Paid to workers" value={formatCents(record.paidToWorkersCents)} />
        </>
      }
    >
      {record.projectsPublished > 0 && <RequesterProjects handle={handle} />}
    </RoleRecord>
  );
}

/** The public track record under a profile: approved work and pay, published projects. */
export function ProfileRecord({ handle }: { handle: string }) {
  const record = usePublicRecord(handle);
  if (record.isPending) return <Skeleton height={120} mt="xl" />;
  if (record.isError) {
    return <ErrorAlert error={record.error} onRetry={() => void record.refetch()} mt="xl" />;
  }
  const { worker, requester } = record.data;
  if (!worker && !requester) return null;
  return (
    <Stack gap="xl" mt="xl">
      {worker && <WorkerRecord handle={handle} record={worker} />}
      {requester && <RequesterRecord handle={handle} record={requester} />}
    </Stack>
  );
}
