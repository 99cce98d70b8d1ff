import { Card, Group, Table, Text } from '@mantine/core';
import { formatCents } from '../../../shared/money.js';
import { usePublicProjects } from '../../api/profiles.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { QueryList } from '../../components/QueryList.js';
import { formatDate } from '../../lib/format.js';
import { ProjectStatusBadge } from '../requester/ProjectStatusBadge.js';
import type { PublicProject } from '../../../shared/api/profiles.js';

const COLUMNS = [
  'Project',
  'Published',
  { label: 'Jobs approved', ta: 'right' },
  { label: 'Paid to workers', ta: 'right' },
] satisfies Column[];

function PublicProjectRow({ project }: { project: PublicProject }) {
  return (
    <Table.Tr>
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
  );
}

/** A requester's published projects with what each paid workers, newest first. */
export function RequesterProjects({ handle }: { handle: string }) {
  const projects = usePublicProjects(handle);
  return (
    <Card p={0}>
      <QueryList query={projects} loadingLabel="Loading projects…">
        {(rows) => (
          <DataTable label="Published projects" columns={COLUMNS} minWidth={560}>
            {rows.map((project) => (
              <PublicProjectRow key={project.id} project={project} />
            ))}
          </DataTable>
        )}
      </QueryList>
    </Card>
  );
}
