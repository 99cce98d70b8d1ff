import { IconSearch } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';

export function FindWorkPage() {
  return (
    <>
      <PageHeader
        title="Find work"
        description="Projects you are qualified for, with the pay and time allowed shown before you accept."
      />
      <EmptyState
        icon={<IconSearch size={28} aria-hidden="true" />}
        title="No projects are open to you yet"
        description="Published projects you may work on will be listed here, each with its reward per task, the time allowed and how many tasks are left."
      />
    </>
  );
}
