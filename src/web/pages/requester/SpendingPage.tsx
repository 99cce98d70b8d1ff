import { Anchor, Button, Card, SimpleGrid, Table, Text } from '@mantine/core';
import { IconFolders } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PROJECT_STATUSES, type ProjectStatus } from '../../../shared/api/projects.js';
import { formatCents } from '../../../shared/money.js';
import { useSpending } from '../../api/spending.js';
import { CardTable } from '../../components/CardList.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { type Column } from '../../components/DataTable.js';
import { TableHeading } from '../../components/TableHeading.js';
import { PageHeader } from '../../components/PageHeader.js';
import { paths } from '../../lib/paths.js';
import { LedgerHistory } from './LedgerHistory.js';
import { spentCents, type ProjectSpending } from './lib/spending.js';
import { ProjectStatusBadge } from './ProjectStatusBadge.js';
import { ProjectTitleLink } from './ProjectTitleLink.js';
import { StatCard } from './StatCard.js';
import './requester.css';
import { isOneOf } from '../../lib/narrow.js';

/** Spending reports a project's status as plain text; the badge knows the statuses of today. */
function isProjectStatus(status: string): status is ProjectStatus {
  return isOneOf(PROJECT_STATUSES, status);
}

const COLUMNS = [
  'Project',
  { label: 'Status', w: 120 },
  { label: 'In escrow', ta: 'right', className: 'nowrap' },
  { label: 'Rewards paid', ta: 'right', className: 'nowrap' },
  { label: 'Bonuses', ta: 'right' },
  { label: 'Fees', ta: 'right' },
  { label: 'Returned', ta: 'right' },
  { label: 'Spent', ta: 'right' },
] satisfies Column[];

const money = (cents: number) => (
  <Text size="sm" c={cents === 0 ? 'dimmed' : undefined} className="stat-value">
    {formatCents(cents)}
  </Text>
);

function SpendingRow({ row }: { row: ProjectSpending }) {
  return (
    <Table.Tr>
      <Table.Td>
        <ProjectTitleLink projectId={row.projectId} title={row.projectTitle} />
        <Text size="xs" c="dimmed">
          {row.approvedCount.toLocaleString('en')} approved
        </Text>
      </Table.Td>
      <Table.Td className="nowrap">
        {isProjectStatus(row.status) ? (
          <ProjectStatusBadge status={row.status} />
        ) : (
          <Text size="sm">{row.status}</Text>
        )}
      </Table.Td>
      <Table.Td ta="right">{money(row.escrowedCents)}</Table.Td>
      <Table.Td ta="right">{money(row.paidToWorkersCents)}</Table.Td>
      <Table.Td ta="right">{money(row.bonusesCents)}</Table.Td>
      <Table.Td ta="right">{money(row.feesCents)}</Table.Td>
      <Table.Td ta="right">{money(row.refundedCents)}</Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={700} className="stat-value">
          {formatCents(spentCents(row))}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

function ByProject() {
  const spending = useSpending();
  const totals = spending.data?.pages[0]?.totals;
  const value = (pick: (t: NonNullable<typeof totals>) => number) =>
    totals ? formatCents(pick(totals)) : null;

  if (spending.isError) {
    return <ErrorAlert error={spending.error} onRetry={() => void spending.refetch()} mb="lg" />;
  }
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md" mb="lg">
        <StatCard
          label="Spent"
          value={value(spentCents)}
          hint={
            totals
              ? `Rewards and bonuses, and ${formatCents(totals.feesCents)} in platform fees`
              : undefined
          }
        />
        <StatCard
          label="Paid to workers"
          value={value((t) => t.paidToWorkersCents + t.bonusesCents)}
          hint={
            totals && totals.bonusesCents > 0
              ? `of which ${formatCents(totals.bonusesCents)} in bonuses`
              : 'Rewards of approved work'
          }
        />
        <StatCard
          label="In escrow"
          value={value((t) => t.escrowedCents)}
          hint="Held for work not yet approved"
        />
        <StatCard
          label="Returned"
          value={value((t) => t.refundedCents)}
          hint="Unused escrow back in your funds"
        />
      </SimpleGrid>
      <Card p={0} mb="lg">
        <TableHeading title="By project" />
        <CardTable
          query={spending}
          loadingLabel="Loading your spending…"
          empty={{
            icon: <IconFolders size={28} aria-hidden="true" />,
            title: 'No projects yet',
            description:
              'Once you publish a project, what it holds in escrow and what it pays workers is listed here.',
            actions: (
              <Button component={Link} to={paths.requester.newProject}>
                New project
              </Button>
            ),
          }}
          label="Spending by project"
          columns={COLUMNS}
          minWidth={900}
          highlightOnHover
          row={(row) => <SpendingRow key={row.projectId} row={row} />}
        />
      </Card>
    </>
  );
}

/** What the requester's projects have cost, project by project, and every money movement. */
export function SpendingPage() {
  return (
    <>
      <PageHeader
        title="Spending"
        description="What each project has cost you: rewards and bonuses paid to workers, platform fees, escrow still held, and escrow returned."
      />
      <ByProject />
      <LedgerHistory
        title="Account history"
        tableLabel="Account history"
        actions={
          <Anchor component={Link} to={paths.requester.funds} size="sm">
            Add funds
          </Anchor>
        }
      />
    </>
  );
}
