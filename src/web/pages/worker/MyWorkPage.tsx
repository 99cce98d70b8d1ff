import { IconListCheck } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';

export function MyWorkPage() {
  return (
    <>
      <PageHeader
        title="My work"
        description="Tasks you have accepted, submitted and had reviewed."
      />
      <EmptyState
        icon={<IconListCheck size={28} aria-hidden="true" />}
        title="You have not accepted any tasks"
        description="Each task you accept will appear here with its deadline and status: in progress, submitted, approved or rejected with the requester's reason."
      />
    </>
  );
}
