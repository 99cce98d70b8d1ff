import { Badge, type BadgeProps } from '@mantine/core';
import type { ProjectStatus } from '../../../shared/api/projects.js';

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  draft: 'Draft',
  published: 'Published',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

const COLORS: Record<ProjectStatus, string> = {
  draft: 'gray',
  published: 'teal',
  paused: 'yellow',
  completed: 'blue',
  cancelled: 'red',
};

export function ProjectStatusBadge({
  status,
  size = 'md',
}: {
  status: ProjectStatus;
  size?: BadgeProps['size'];
}) {
  return (
    <Badge color={COLORS[status]} size={size} variant="light">
      {PROJECT_STATUS_LABELS[status]}
    </Badge>
  );
}
