import { Anchor, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import type { Project } from '../../../shared/api/projects.js';
import { paths } from '../../lib/paths.js';
import { overlapSummary } from './lib/overlap-summary.js';

/** Every assignment the project can have: each task's slots, and those adaptive overlap opened. */
export function assignmentSlots(project: Pick<Project, 'progress' | 'assignmentsPerTask'>): number {
  return (
    project.progress.tasks * project.assignmentsPerTask +
    (project.progress.overlap?.extraAssignments ?? 0)
  );
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.min(100, (part / whole) * 100);
}

/** Approved, submitted and in-progress assignments as parts of all the project's slots. */
export function ProjectProgress({ project }: { project: Project }) {
  const { assignmentsApproved, assignmentsSubmitted, assignmentsOutstanding } = project.progress;
  const slots = assignmentSlots(project);
  const extra = overlapSummary(project);
  const summary = `${assignmentsApproved} approved, ${assignmentsSubmitted} awaiting review, ${assignmentsOutstanding} in progress, of ${slots} assignments`;
  return (
    <Stack gap={6} miw={180}>
      <Tooltip label={summary} withArrow>
        {/* A plain div may not carry aria-label, so the bar is a named group of named sections. */}
        <Progress.Root size="md" role="group" aria-label={summary}>
          <Progress.Section
            value={percent(assignmentsApproved, slots)}
            color="teal"
            aria-label="Approved"
          />
          <Progress.Section
            value={percent(assignmentsSubmitted, slots)}
            color="tessera.4"
            aria-label="Awaiting review"
          />
          <Progress.Section
            value={percent(assignmentsOutstanding, slots)}
            color="yellow.5"
            aria-label="In progress"
          />
        </Progress.Root>
      </Tooltip>
      <Group gap={10} wrap="nowrap">
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          <Text span fw={600} c="dark.7" size="xs">
            {assignmentsApproved}
          </Text>{' '}
          approved
        </Text>
        {assignmentsSubmitted > 0 ? (
          <Anchor
            component={Link}
            to={paths.requester.project(project.id, 'review')}
            size="xs"
            fw={600}
            style={{ whiteSpace: 'nowrap' }}
          >
            {assignmentsSubmitted} to review
          </Anchor>
        ) : (
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            <Text span fw={600} c="dark.7" size="xs">
              0
            </Text>{' '}
            to review
          </Text>
        )}
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          <Text span fw={600} c="dark.7" size="xs">
            {assignmentsOutstanding}
          </Text>{' '}
          in progress
        </Text>
      </Group>
      {extra && (
        <Text size="xs" c="dimmed" data-testid="overlap-summary">
          {extra}
        </Text>
      )}
    </Stack>
  );
}
