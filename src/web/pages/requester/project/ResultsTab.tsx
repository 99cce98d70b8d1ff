import { Anchor, SimpleGrid, Stack } from '@mantine/core';
import { Link } from 'react-router';
import type { Project } from '../../../../shared/api/projects.js';
import { paths } from '../../../lib/paths.js';
import { StatCard } from '../StatCard.js';
import { AggregatesCard } from './AggregatesCard.js';
import { ResultsDownloads } from './ResultsDownloads.js';

/** What the project has produced so far, and the files to take it away in. */
export function ResultsTab({ project }: { project: Project }) {
  const { assignmentsSubmitted, assignmentsApproved, assignmentsOutstanding } = project.progress;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <StatCard
          label="Waiting for your review"
          value={assignmentsSubmitted.toLocaleString('en')}
          hint={
            assignmentsSubmitted > 0 ? (
              <Anchor component={Link} to={paths.requester.project(project.id, 'review')} size="xs">
                Review them now
              </Anchor>
            ) : undefined
          }
        />
        <StatCard label="Approved" value={assignmentsApproved.toLocaleString('en')} />
        <StatCard label="Being worked on" value={assignmentsOutstanding.toLocaleString('en')} />
      </SimpleGrid>
      <AggregatesCard project={project} />
      <ResultsDownloads project={project} />
    </Stack>
  );
}
