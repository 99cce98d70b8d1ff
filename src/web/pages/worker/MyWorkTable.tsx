import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconListCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatCents } from '../../../shared/money.js';
import type { AssignmentStatus } from '../../../shared/api/work.js';
import { useMyAssignments } from '../../api/work.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable.js';
import { QueryList } from '../../components/QueryList.js';
import { formatDateTime } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { formatTimeLeft, TIME_WARNING_MS } from '../work/time.js';
import { useTimeLeft } from '../work/use-time-left.js';
import { AppealCell, type MyAssignment } from './AppealCell.js';

const EMPTY: Record<AssignmentStatus, { title: string; description: string }> = {
  accepted: {
    title: 'Nothing in progress',
    description: 'Tasks you accept stay here until you submit or return them.',
  },
  submitted: {
    title: 'Nothing awaiting review',
    description: 'Submitted work waits here until the requester approves or rejects it.',
  },
  approved: {
    title: 'No approved work yet',
    description: 'Work the requester approves is listed here, and its pay goes to your earnings.',
  },
  rejected: {
    title: 'No rejected work',
    description:
      'If a requester rejects your work, it is listed here with their reason, and you can appeal it.',
  },
  returned: {
    title: 'No returned tasks',
    description: 'Tasks you give back are listed here.',
  },
  expired: {
    title: 'No expired tasks',
    description: 'Tasks whose time ran out before you submitted them are listed here.',
  },
};

const COLUMN: Record<AssignmentStatus, string> = {
  accepted: 'Time left',
  submitted: 'Submitted',
  approved: 'Approved',
  rejected: 'Reason',
  returned: 'Accepted',
  expired: 'Deadline',
};

function TimeLeftCell({ deadline }: { deadline: string }) {
  const left = useTimeLeft(deadline);
  return (
    <Text
      size="sm"
      fw={600}
      c={left < TIME_WARNING_MS ? 'orange.9' : undefined}
      style={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {left > 0 ? formatTimeLeft(left) : 'Time is up'}
    </Text>
  );
}

function Detail({ assignment }: { assignment: MyAssignment }) {
  const when = (iso: string | null) => (
    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
      {iso ? formatDateTime(iso) : '—'}
    </Text>
  );
  switch (assignment.status) {
    case 'accepted':
      return <TimeLeftCell deadline={assignment.deadline} />;
    case 'submitted':
      return when(assignment.submittedAt);
    case 'approved':
      return when(assignment.reviewedAt);
    case 'rejected':
      return (
        <Text size="sm" c="red.9" lineClamp={3}>
          {assignment.feedback?.trim() || 'No reason was given.'}
        </Text>
      );
    case 'returned':
      return when(assignment.acceptedAt);
    case 'expired':
      return when(assignment.deadline);
  }
}

/** One status's assignments, newest first, a page at a time. */
export function MyWorkTable({ status, label }: { status: AssignmentStatus; label: string }) {
  const list = useMyAssignments(status);
  const empty = (
    <EmptyState
      framed={false}
      icon={<IconListCheck size={28} aria-hidden="true" />}
      title={EMPTY[status].title}
      description={EMPTY[status].description}
      actions={
        status === 'accepted' ? (
          <Button component={Link} to={paths.worker.findWork}>
            Find work
          </Button>
        ) : undefined
      }
    />
  );

  return (
    <Stack gap={0}>
      <QueryList
        query={list}
        loadingLabel="Loading your work…"
        errorTitle="Could not load your work"
        empty={empty}
      >
        {(rows) => (
          <DataTable
            label={label}
            columns={['Project', 'Reward', COLUMN[status], ACTIONS_COLUMN]}
            minWidth={640}
          >
            {rows.map((assignment) => (
              <Table.Tr key={assignment.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={paths.worker.assignment(assignment.id)}
                    size="sm"
                    fw={600}
                  >
                    {assignment.projectTitle}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    Accepted {formatDateTime(assignment.acceptedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {formatCents(assignment.rewardCents)}
                  </Text>
                </Table.Td>
                <Table.Td maw={360}>
                  <Detail assignment={assignment} />
                </Table.Td>
                <Table.Td ta="right">
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {status === 'rejected' && <AppealCell assignment={assignment} />}
                    <Button
                      component={Link}
                      to={paths.worker.assignment(assignment.id)}
                      size="xs"
                      variant={status === 'accepted' ? 'filled' : 'default'}
                      aria-label={`${status === 'accepted' ? 'Continue' : 'View'} ${assignment.projectTitle}`}
                    >
                      {status === 'accepted' ? 'Continue' : 'View'}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryList>
    </Stack>
  );
}
