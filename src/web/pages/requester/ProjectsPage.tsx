import { IconFolders } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';

export function ProjectsPage() {
  return (
    <>
      <PageHeader title="Projects" description="The work you publish for workers to do." />
      <EmptyState
        icon={<IconFolders size={28} aria-hidden="true" />}
        title="You have no projects"
        description="Projects you create will appear here, with their status, the tasks in each batch and how much of the work is done."
      />
    </>
  );
}
