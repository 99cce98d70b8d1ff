import { overlapSummary, workersPerTask } from './lib/overlap-summary.js';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Tabs, Text, Title } from '@mantine/core';
import {
  IconArrowLeft,
  IconChecklist,
  IconEye,
  IconFileDownload,
  IconFlask,
  IconFolderOff,
  IconPencil,
  IconSettings,
  IconTable,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType, ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Project } from '../../../shared/api/projects.js';
import { HourlyPay } from '../../components/HourlyPay.js';
import { formatCents } from '../../../shared/money.js';
import { isApiError } from '../../api/client.js';
import { useProjectAppeals } from '../../api/appeals.js';
import { useProject } from '../../api/projects.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { countOf, formatDate } from '../../lib/format.js';
import { paths, PROJECT_TABS, type ProjectTab } from '../../lib/paths.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { describeDuration } from './lib/units.js';
import { DataTab } from './project/DataTab.js';
import { DesignTab } from './project/DesignTab.js';
import { LifecycleActions } from './project/LifecycleActions.js';
import { BroadcastButton } from '../../components/messages/BroadcastButton.js';
import { isPilotRunning } from './project/PilotButtons.js';
import { PilotTab } from './project/PilotTab.js';
import { PreviewTab } from './project/PreviewTab.js';
import { QualityTab } from './project/QualityTab.js';
import { ResultsTab } from './project/ResultsTab.js';
import { ReviewTab } from './project/ReviewTab.js';
import { SettingsTab } from './project/SettingsTab.js';
import { ProjectStatusBadge } from './ProjectStatusBadge.js';
import './requester.css';
import { isOneOf } from '../../lib/narrow.js';

type TabView = { label: string; icon: ReactNode; Panel: ComponentType<{ project: Project }> };

const tab = (label: string, Icon: typeof IconPencil, Panel: TabView['Panel']): TabView => ({
  label,
  icon: <Icon size={16} aria-hidden="true" />,
  Panel,
});

/** Each tab's name and icon in the tab list, and the panel it shows. */
const TABS: Record<ProjectTab, TabView> = {
  design: tab('Design', IconPencil, DesignTab),
  data: tab('Data', IconTable, DataTab),
  settings: tab('Settings', IconSettings, SettingsTab),
  preview: tab('Preview', IconEye, PreviewTab),
  review: tab('Review', IconChecklist, ReviewTab),
  results: tab('Results', IconFileDownload, ResultsTab),
  workers: tab('Workers', IconUsers, QualityTab),
  pilot: tab('Pilot', IconFlask, PilotTab),
};

function isTab(value: unknown): value is ProjectTab {
  return isOneOf(PROJECT_TABS, value);
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.5}>
        {label}
      </Text>
      <Text fz="md" fw={650} mt={2} component="div" className="stat-value">
        {children}
      </Text>
    </div>
  );
}

function ProjectHeader({ project }: { project: Project }) {
  useDocumentTitle(project.title);
  const { tasks, assignmentsApproved, assignmentsSubmitted, assignmentsOutstanding } =
    project.progress;
  return (
    <Stack gap="md" mb="lg">
      <Anchor component={Link} to={paths.requester.projects} size="sm" className="back-link">
        <IconArrowLeft size={14} aria-hidden="true" /> Projects
      </Anchor>
      <Group justify="space-between" align="flex-start" gap="md" wrap="nowrap">
        <Stack gap={6} miw={0}>
          <Title order={1}>{project.title}</Title>
          <Group gap="xs">
            <ProjectStatusBadge status={project.status} />
            {isPilotRunning(project) && (
              <Badge color="grape" variant="light">
                Pilot
              </Badge>
            )}
            <Text c="dimmed" size="sm">
              {project.template.kind === 'form' ? 'Form' : 'HTML template'} · created{' '}
              {formatDate(project.createdAt)}
              {project.publishedAt && ` · published ${formatDate(project.publishedAt)}`} · expires{' '}
              {formatDate(project.expiresAt)}
            </Text>
          </Group>
        </Stack>
        <Group gap="sm" wrap="nowrap" className="project-actions">
          {project.status !== 'draft' && <BroadcastButton projectId={project.id} />}
          <LifecycleActions project={project} />
        </Group>
      </Group>
      <Card padding="sm" px="md">
        <SimpleGrid cols={{ base: 2, sm: 4, md: 7 }} spacing="md" verticalSpacing="sm">
          <Fact label="Tasks">
            {tasks.toLocaleString('en')}{' '}
            <Text span size="xs" c="dimmed" fw={400}>
              {workersPerTask(project)}
            </Text>
          </Fact>
          <Fact label="Reward">{formatCents(project.rewardCents)}</Fact>
          <Fact label="Time allotted">{describeDuration(project.timeAllottedSeconds)}</Fact>
          <Fact label="Hourly pay">
            <HourlyPay pay={project.hourlyPay} />
            {project.topUpToFloor && (
              <Text size="xs" c="dimmed" fw={400}>
                topped up to {formatCents(project.payFloorCents)}/h
              </Text>
            )}
          </Fact>
          <Fact label="Approved">{assignmentsApproved.toLocaleString('en')}</Fact>
          <Fact label="To review">{assignmentsSubmitted.toLocaleString('en')}</Fact>
          <Fact label="In progress">{assignmentsOutstanding.toLocaleString('en')}</Fact>
        </SimpleGrid>
        {overlapSummary(project) && (
          <Text size="xs" c="dimmed" mt="xs" data-testid="overlap-summary">
            {overlapSummary(project)}
          </Text>
        )}
      </Card>
    </Stack>
  );
}

/** How much waits in the review tab: submissions to review, and open appeals (in orange). */
function ReviewTabBadges({ submitted, openAppeals }: { submitted: number; openAppeals: number }) {
  if (submitted === 0 && openAppeals === 0) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {submitted > 0 && (
        <Badge size="sm" variant="light" aria-label={`${submitted} to review`}>
          {submitted}
        </Badge>
      )}
      {openAppeals > 0 && (
        <Badge
          size="sm"
          variant="light"
          color="orange"
          aria-label={countOf(openAppeals, 'open appeal')}
        >
          {countOf(openAppeals, 'appeal')}
        </Badge>
      )}
    </Group>
  );
}

export function ProjectPage() {
  const { projectId = '', tab } = useParams();
  const navigate = useNavigate();
  const project = useProject(projectId);
  // The review tab's appeals section reads the same list: one request serves both.
  const appeals = useProjectAppeals(projectId);
  const active: ProjectTab = isTab(tab) ? tab : 'design';

  if (project.isPending) return <LoadingState label="Loading the project…" />;
  if (project.isError) {
    if (isApiError(project.error, 404) || isApiError(project.error, 400)) {
      return (
        <EmptyState
          icon={<IconFolderOff size={28} aria-hidden="true" />}
          title="Project not found"
          description="It may have been removed, or it belongs to another account."
          actions={
            <Anchor component={Link} to={paths.requester.projects}>
              Back to your projects
            </Anchor>
          }
        />
      );
    }
    return <ErrorAlert error={project.error} onRetry={() => void project.refetch()} />;
  }

  const p = project.data;
  const submitted = p.progress.assignmentsSubmitted;
  const openAppeals = appeals.data?.openCount ?? 0;
  return (
    <>
      <ProjectHeader project={p} />
      <Tabs
        value={active}
        onChange={(value) => {
          if (isTab(value)) void navigate(paths.requester.project(p.id, value));
        }}
        keepMounted={false}
      >
        <Tabs.List mb="lg" aria-label="Project sections">
          {PROJECT_TABS.filter((key) => key !== 'pilot' || p.pilot !== null).map((key) => (
            <Tabs.Tab
              key={key}
              value={key}
              leftSection={TABS[key].icon}
              rightSection={
                key === 'review' ? (
                  <ReviewTabBadges submitted={submitted} openAppeals={openAppeals} />
                ) : undefined
              }
            >
              {TABS[key].label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {PROJECT_TABS.map((key) => {
          const { Panel } = TABS[key];
          return (
            <Tabs.Panel key={key} value={key}>
              <Panel project={p} />
            </Tabs.Panel>
          );
        })}
      </Tabs>
    </>
  );
}
