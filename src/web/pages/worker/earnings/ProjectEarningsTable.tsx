import { Anchor, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconFolders } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatCents } from '../../../../shared/money.js';
import { useProjectEarnings } from '../../../api/earnings.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadingState } from '../../../components/LoadingState.js';
import { formatDate } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { LoadMoreButton } from '../../../components/LoadMoreButton.js';

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

/** What each project the worker took tasks in has paid them, most recently worked on first. */
export function ProjectEarningsTable() {
  const projects = useProjectEarnings();
  const rows = projects.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card p={0} mb="lg" component="section" aria-labelledby="by-project-heading">
      <Group px="md" py="sm" className="table-toolbar">
        <Title order={2} fz="h3" id="by-project-heading">
          By project
        </Title>
      </Group>
      {projects.isPending && <LoadingState label="Loading your projects…" />}
      {projects.isError && (
        <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} mt="md" />
      )}
      {projects.isSuccess && rows.length === 0 && (
        <EmptyState
          icon={<IconFolders size={28} aria-hidden="true" />}
          title="No projects yet"
          description="Each project you take tasks in gets a row here, with what it has paid you and what is still awaiting review."
          actions={
            <Button component={Link} to={paths.worker.findWork} variant="light">
              Find work
            </Button>
          }
          framed={false}
        />
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table aria-label="Earnings by project" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Project</Table.Th>
                <Table.Th ta="right">Approved</Table.Th>
                <Table.Th ta="right">Awaiting review</Table.Th>
                <Table.Th ta="right">Rejected</Table.Th>
                <Table.Th ta="right">Bonuses</Table.Th>
                <Table.Th>Last worked</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.projectId}>
                  <Table.Td>
                    <Text size="sm" fw={600} lineClamp={2}>
                      {row.projectTitle}
                    </Text>
                    <Text size="xs" c="dimmed">
                      by{' '}
                      <Anchor
                        component={Link}
                        to={paths.publicProfile(row.requester.handle)}
                        size="xs"
                        underline="always"
                      >
                        {row.requester.displayName}
                      </Anchor>
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
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMoreButton pages={projects} />
    </Card>
  );
}
