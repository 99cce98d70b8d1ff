import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../lib/paths.js';

/** A project's title in a table row, opening the project: the same in the project and spending lists. */
export function ProjectTitleLink({ projectId, title }: { projectId: string; title: string }) {
  return (
    <Anchor
      component={Link}
      to={paths.requester.project(projectId)}
      fw={600}
      size="sm"
      lineClamp={2}
    >
      {title}
    </Anchor>
  );
}
