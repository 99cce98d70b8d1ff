import { Button, Card, Table, Text } from '@mantine/core';
import { IconFolders } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatCents } from '../../../../shared/money.js';
import { useProjectEarnings } from '../../../api/earnings.js';
import { CardTable } from '../../../components/CardList.js';
import { ProfileLink } from '../../../components/ProfileLink.js';
import { type Column } from '../../../components/DataTable.js';
import { TableHeading } from '../../../components/TableHeading.js';
import { formatDate } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import type { z } from 'zod';
import type { projectEarningsSchema } from '../../../../shared/api/earnings.js';

type ProjectEarnings = z.infer<typeof projectEarningsSchema>;

const COLUMNS = [
  'Project',
  { label: 'Approved', ta: 'right' },
  { label: 'Awaiting review', ta: 'right' },
  { label: 'Rejected', ta: 'right' },
  { label: 'Bonuses', ta: 'right' },
  'Last worked',
] satisfies Column[];

function CountAndMoney({ count, cents }: { count: number; cents: number }) {
  if (count === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <>
      <Text size="sm" fw={600} className="num">
        {formatCents(cents)}
      </Text>
      <Text size="xs" c="dimmed" className="num">
        {count} {count === 1 ? 'task' : 'tasks'}
      </Text>
    </>
  );
}

function EarningsRow({ row }: { row: ProjectEarnings }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600} lineClamp={2}>
          {row.projectTitle}
        </Text>
        <Text size="xs" c="dimmed">
          by <ProfileLink person={row.requester} size="xs" />
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <CountAndMoney count={row.approvedCount} cents={row.approvedCents} />
      </Table.Td>
      <Table.Td ta="right">
        <CountAndMoney count={row.pendingCount} cents={row.pendingCents} />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" c={row.rejectedCount > 0 ? 'red.9' : 'dimmed'} className="num">
          {row.rejectedCount > 0 ? row.rejectedCount : '—'}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text
          size="sm"
          fw={row.bonusesCents > 0 ? 600 : undefined}
          c={row.bonusesCents > 0 ? 'grape.9' : 'dimmed'}
          className="num"
        >
          {row.bonusesCents > 0 ? `+${formatCents(row.bonusesCents)}` : '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className="num">
          {formatDate(row.lastAcceptedAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** What each project the worker took tasks in has paid them, most recently worked on first. */
export function ProjectEarningsTable() {
  const projects = useProjectEarnings();
  return (
    <Card p={0} mb="lg" component="section" aria-labelledby="by-project-heading">
      <TableHeading title="By project" id="by-project-heading" />
      <CardTable
        query={projects}
        loadingLabel="Loading your projects…"
        empty={{
          icon: <IconFolders size={28} aria-hidden="true" />,
          title: 'No projects yet',
          description:
            'Each project you take tasks in gets a row here, with what it has paid you and what is still awaiting review.',
          actions: (
            <Button component={Link} to={paths.worker.findWork} variant="light">
              Find work
            </Button>
          ),
        }}
        label="Earnings by project"
        columns={COLUMNS}
        minWidth={760}
        highlightOnHover
        row={(row) => <EarningsRow key={row.projectId} row={row} />}
      />
    </Card>
  );
}
