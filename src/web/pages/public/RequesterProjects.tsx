import { Card, Group, Table, Text } from '@mantine/core';
import { formatCents } from '../../../shared/money.js';
import { usePublicProjects } from '../../api/profiles.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { formatDate } from '../../lib/format.js';
import { ProjectStatusBadge } from '../requester/ProjectStatusBadge.js';
import { LoadMoreButton } from '../../components/LoadMoreButton.js';

/** A requester's published projects with what each paid workers, newest first. */
export function RequesterProjects({ handle }: { handle: string }) {
  const projects = usePublicProjects(handle);
  const rows = projects.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card p={0}>
      {projects.isPending && <LoadingState label="Loading projects…" />}
      {projects.isError && (
        <ErrorAlert error={projects.error} onRetry={() => void projects.refetch()} />
      )}
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Published projects">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Project</Table.Th>
                <Table.Th>Published</Table.Th>
                <Table.Th ta="right">Jobs approved</Table.Th>
                <Table.Th ta="right">Paid to workers</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((project) => (
                <Table.Tr key={project.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" fw={600} lineClamp={2}>
                        {project.title}
                      </Text>
                      <ProjectStatusBadge status={project.status} size="sm" />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="nowrap">
                      {formatDate(project.publishedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {project.jobsApproved.toLocaleString('en-US')}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatCents(project.paidToWorkersCents)}
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
