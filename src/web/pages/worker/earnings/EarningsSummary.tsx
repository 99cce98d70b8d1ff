import { SimpleGrid } from '@mantine/core';
import { IconCircleCheck, IconHourglass, IconSend, IconWallet } from '@tabler/icons-react';
import type { Earnings } from '../../../../shared/api/earnings.js';
import { formatCents } from '../../../../shared/money.js';
import { IconStatCard } from '../../../components/IconStatCard.js';

/** The four headline figures; each card is a group named by its label. */
export function EarningsSummary({ earnings }: { earnings: Earnings | undefined }) {
  const money = (pick: (e: Earnings) => number) => (earnings ? formatCents(pick(earnings)) : null);
  const inFlight = earnings?.payoutsInFlightCents ?? 0;
  const bonuses = earnings?.bonusesCents ?? 0;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" mb="lg">
      <IconStatCard
        label="Pending"
        value={money((e) => e.pendingCents)}
        hint="Submitted work awaiting review"
        icon={<IconHourglass size={22} aria-hidden="true" />}
        color="blue"
      />
      <IconStatCard
        label="Available"
        value={money((e) => e.availableCents)}
        hint="Approved and ready to pay out"
        icon={<IconWallet size={22} aria-hidden="true" />}
        color="teal"
      />
      <IconStatCard
        label="Paid out"
        value={money((e) => e.paidOutCents)}
        hint={
          inFlight > 0
            ? `${formatCents(inFlight)} of it still being sent`
            : 'Payouts you have taken'
        }
        icon={<IconSend size={22} aria-hidden="true" />}
        color="orange"
      />
      <IconStatCard
        label="Total earned"
        value={money((e) => e.approvedCents)}
        hint={
          bonuses > 0 ? `Including ${formatCents(bonuses)} in bonuses` : 'Approved work and bonuses'
        }
        icon={<IconCircleCheck size={22} aria-hidden="true" />}
        color="tessera"
      />
    </SimpleGrid>
  );
}
