import { IconCoins } from '@tabler/icons-react';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';

export function EarningsPage() {
  return (
    <>
      <PageHeader
        title="Earnings"
        description="What you have earned on Tessera and what has been paid out."
      />
      <EmptyState
        icon={<IconCoins size={28} aria-hidden="true" />}
        title="No earnings yet"
        description="Pay for approved work will appear here, along with work still awaiting review and the payouts you have taken."
      />
    </>
  );
}
