import { IconCertificate } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';

export function QualificationsPage() {
  return (
    <>
      <PageHeader
        title="Qualifications"
        description="Tests and scores that decide which workers may take your tasks."
      />
      <EmptyState
        icon={<IconCertificate size={28} aria-hidden="true" />}
        title="You have not defined any qualifications"
        description="Qualification types you create will appear here, with the workers who hold each one and their scores."
      />
    </>
  );
}
