import { IconWallet } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';

export function FundsPage() {
  return (
    <>
      <PageHeader title="Funds" description="The money behind your projects." />
      <EmptyState
        icon={<IconWallet size={28} aria-hidden="true" />}
        title="No funds yet"
        description="Your available balance, the money held in escrow for published work and a history of your deposits will appear here."
      />
    </>
  );
}
