import { ActionIcon, CopyButton, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import {
  formatIban,
  PAYOUT_METHOD_LABELS,
  type PayoutDestination,
} from '../../../../shared/api/payout-methods.js';
import { formatDateTime } from '../../../lib/format.js';

function CopyValue({ value, label }: { value: string; label: string }) {
  return (
    <CopyButton value={value} timeout={1500}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : `Copy ${label}`} withArrow position="top">
          <ActionIcon
            variant="subtle"
            color={copied ? 'teal' : 'gray'}
            size="sm"
            onClick={copy}
            aria-label={`Copy ${label}`}
          >
            {copied ? (
              <IconCheck size={14} aria-hidden="true" />
            ) : (
              <IconCopy size={14} aria-hidden="true" />
            )}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/**
 * Where to send a payout: the worker's payout method as it was when they asked (a later change
 * does not show here, so money goes where it was asked to go), each part with a copy button.
 */
export function PayoutDestinationCell({
  destination,
  who,
}: {
  destination: PayoutDestination | null;
  who: string;
}) {
  if (!destination) {
    return (
      <Text size="xs" c="dimmed" maw={220}>
        Requested before payout methods were kept: ask {who} where to send it.
      </Text>
    );
  }
  const shown =
    destination.method === 'bank_transfer'
      ? formatIban(destination.destination)
      : destination.destination;
  const label = destination.method === 'bank_transfer' ? 'IBAN' : 'destination';
  return (
    <Stack gap={2} maw={230}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" lts={0.3}>
        {PAYOUT_METHOD_LABELS[destination.method]}
      </Text>
      <Group gap={4} wrap="nowrap" align="flex-start">
        <Text
          size="sm"
          ff={destination.method === 'other' ? undefined : 'monospace'}
          style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}
          data-testid="payout-destination"
        >
          {shown}
        </Text>
        <CopyValue value={destination.destination} label={`${label} of ${who}`} />
      </Group>
      {destination.accountHolder && (
        <Group gap={4} wrap="nowrap">
          <Text size="xs">Holder: {destination.accountHolder}</Text>
          <CopyValue value={destination.accountHolder} label={`account holder of ${who}`} />
        </Group>
      )}
      <Text size="xs" c="dimmed">
        Set {formatDateTime(destination.updatedAt)}
      </Text>
    </Stack>
  );
}
