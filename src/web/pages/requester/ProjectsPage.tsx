import { workersPerTask } from './lib/overlap-summary.js';
import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Table,
  Text,
} from '@mantine/core';
import { IconFolders, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Project, ProjectStatus } from '../../../shared/api/projects.js';
import { formatCents } from '../../../shared/money.js';
import { useBalance } from '../../api/money.js';
import { useProjects } from '../../api/projects.js';
import { CardTable } from '../../components/CardList.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { type Column } from '../../components/DataTable.js';
import { loadedItems } from '../../components/QueryList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDate } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { paidOutCents, type ProjectSpending } from './lib/spending.js';
import { useProjectSpending } from './lib/use-project-spending.js';
import { StatCard } from './StatCard.js';
import './requester.css';
import { ProjectProgress } from './ProjectProgress.js';
import { ProjectTitleLink } from './ProjectTitleLink.js';
import { PROJECT_STATUS_LABELS, ProjectStatusBadge } from './ProjectStatusBadge.js';

const COLUMNS = [
  'Project',
  { label: 'Status', w: 120 },
  { label: 'Tasks', ta: 'right' },
  'Assignments',
  { label: 'Reward', ta: 'right' },
  { label: 'Paid out', ta: 'right', className: 'nowrap' },
] satisfies Column[];

type StatusFilter = ProjectStatus | 'all';
const FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'draft', label: 'Drafts' },
  { value: 'published', label: 'Published' },
  { value: 'paused', label: 'Paused' },
  { value: 'completed', label: 'Completed' },
  { value: 'cancelled', label: 'Cancelled' },
];

function NewProjectButton() {
  return (
    <Button
      component={Link}
      to={paths.requester.newProject}
      leftSection={<IconPlus size={16} aria-hidden="true" />}
    >
      New project
    </Button>
  );
}

function ProjectRow({
  project,
  spending,
}: {
  project: Project;
  /** undefined while it loads, null when it could not be loaded. */
  spending: ProjectSpending | null | undefined;
}) {
  const { tasks } = project.progress;
  return (
    <Table.Tr>
      <Table.Td>
        <ProjectTitleLink projectId={project.id} title={project.title} />
        <Text size="xs" c="dimmed" mt={2}>
          {project.template.kind === 'html' ? 'HTML' : 'Form'} ·{' '}
          {project.publishedAt
            ? `published ${formatDate(project.publishedAt)}`
            : `created ${formatDate(project.createdAt)}`}
        </Text>
      </Table.Td>
      <Table.Td className="nowrap">
        <ProjectStatusBadge status={project.status} />
      </Table.Td>
      <Table.Td ta="right" className="nowrap">
        <Text size="sm" fw={600}>
          {tasks.toLocaleString('en')}
        </Text>
        <Text size="xs" c="dimmed">
          {workersPerTask(project)}
        </Text>
      </Table.Td>
      <Table.Td>
        <ProjectProgress project={project} />
      </Table.Td>
      <Table.Td ta="right" className="nowrap">
        <Text size="sm" fw={600}>
          {formatCents(project.rewardCents)}
        </Text>
        <Text size="xs" c="dimmed">
          each
        </Text>
      </Table.Td>
      <Table.Td ta="right" className="nowrap">
        {spending ? (
          <>
            <Text size="sm" fw={600}>
              {formatCents(paidOutCents(spending))}
            </Text>
            <Text size="xs" c="dimmed">
              {formatCents(spending.escrowedCents)} in escrow
            </Text>
          </>
        ) : spending === null ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <Skeleton height={16} width={56} ml="auto" aria-hidden="true" />
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function FundsSummary() {
  const balance = useBalance();
  if (balance.isError)
    return <ErrorAlert error={balance.error} onRetry={() => void balance.refetch()} mb="lg" />;
  const b = balance.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md" mb="lg">
      <StatCard label="Available to spend" value={b ? formatCents(b.availableCents) : null} />
      <StatCard
        label="Held in escrow"
        value={b ? formatCents(b.escrowCents) : null}
        hint="Reserved for published work"
      />
      <StatCard
        label="Platform fee"
        value={b ? `${b.platformFeePercent}%` : null}
        hint={
          <Anchor component={Link} to={paths.requester.funds} size="xs">
            Add funds and see history
          </Anchor>
        }
      />
    </SimpleGrid>
  );
}

export function ProjectsPage() {
  const [filter, setFilter] = useState<StatusFilter>('all');
  const projects = useProjects({ status: filter === 'all' ? undefined : filter });
  const rows = loadedItems(projects.data) ?? [];
  const spending = useProjectSpending(rows.map((project) => project.id));
  const noneAtAll = filter === 'all' && projects.isSuccess && rows.length === 0;

  return (
    <>
      <PageHeader
        title="Projects"
        description="The work you publish for workers to do, and how far along it is."
        actions={<NewProjectButton />}
      />
      <FundsSummary />
      {noneAtAll ? (
        <EmptyState
          icon={<IconFolders size={28} aria-hidden="true" />}
          title="You have no projects yet"
          description="A project is a task design, the rows of data that fill it, and the reward you pay for each answer. Create one, upload your data, then publish it when your funds are in place."
          actions={<NewProjectButton />}
        />
      ) : (
        <Card p={0}>
          <Group p="md" gap="md" justify="space-between" className="table-toolbar">
            <SegmentedControl
              aria-label="Show projects by status"
              value={filter}
              onChange={setFilter}
              data={FILTERS}
              size="sm"
            />
            {projects.isFetching && !projects.isPending && (
              <Text size="xs" c="dimmed" role="status">
                Updating…
              </Text>
            )}
          </Group>
          <CardTable
            query={projects}
            loadingLabel="Loading projects…"
            empty={
              filter !== 'all' && {
                icon: <IconFolders size={28} aria-hidden="true" />,
                title: `No ${PROJECT_STATUS_LABELS[filter].toLowerCase()} projects`,
                description:
                  'Projects move between these lists as you publish, pause, resume or cancel them.',
              }
            }
            label="Projects"
            columns={COLUMNS}
            minWidth={860}
            highlightOnHover
            row={(project) => (
              <ProjectRow
                key={project.id}
                project={project}
                spending={spending.byProject.get(project.id) ?? (spending.error ? null : undefined)}
              />
            )}
          />
        </Card>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        Paid out is what workers have received for a project: approved rewards and bonuses. Platform
        fees and returned escrow are on the{' '}
        <Anchor component={Link} to={paths.requester.spending} size="xs" underline="always">
          Spending
        </Anchor>{' '}
        page.
      </Text>
    </>
  );
}
