import { Badge, Code, Drawer, Group, Paper, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import type { Webhook, WebhookDelivery } from '../../../shared/api/webhooks.js';
import { useWebhookDeliveries } from '../../api/webhooks.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { LoadMoreButton } from '../../components/LoadMoreButton.js';
import { QuietEmpty } from '../../components/QuietEmpty.js';
import { formatDateTime } from '../../lib/format.js';

const STATUS_COLOR = { pending: 'yellow', delivered: 'teal', failed: 'red' } as const;

function outcomeOf(delivery: WebhookDelivery): string {
  if (delivery.lastStatusCode !== null) return `HTTP ${delivery.lastStatusCode}`;
  if (delivery.lastError) return delivery.lastError;
  return 'Not tried yet';
}

function DeliveryItem({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <Paper withBorder radius="md" p="sm" component="li" aria-label={`${delivery.event} delivery`}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600} ff="monospace">
          {delivery.event}
        </Text>
        <Badge color={STATUS_COLOR[delivery.status]} variant="light">
          {delivery.status}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed" mt={4}>
        {formatDateTime(delivery.createdAt)} · {delivery.attempts}{' '}
        {delivery.attempts === 1 ? 'attempt' : 'attempts'} · {outcomeOf(delivery)}
      </Text>
      {delivery.nextAttemptAt && (
        <Text size="xs" c="dimmed">
          Next try {formatDateTime(delivery.nextAttemptAt)}
        </Text>
      )}
      {delivery.lastResponse && (
        <Code block mt="xs" style={{ maxHeight: 160, overflow: 'auto', whiteSpace: 'pre-wrap' }}>
          {delivery.lastResponse}
        </Code>
      )}
    </Paper>
  );
}

function DeliveryLog({ webhookId }: { webhookId: string }) {
  const deliveries = useWebhookDeliveries(webhookId);
  if (deliveries.isPending) return <LoadingState label="Loading deliveries…" />;
  if (deliveries.isError) {
    return <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} />;
  }
  const items = deliveries.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <QuietEmpty icon={<IconInbox size={18} aria-hidden="true" />}>
        Nothing sent yet. Use “Send test” to try the receiver.
      </QuietEmpty>
    );
  }
  return (
    <Stack gap="sm">
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((delivery) => (
          <DeliveryItem key={delivery.id} delivery={delivery} />
        ))}
      </Stack>
      <LoadMoreButton pages={deliveries} inCard={false} />
    </Stack>
  );
}

type WebhookDeliveriesDrawerProps = { webhook: Webhook | null; onClose: () => void };

/** A webhook's delivery log, newest first, with what the receiver last answered. */
export function WebhookDeliveriesDrawer({ webhook, onClose }: WebhookDeliveriesDrawerProps) {
  return (
    <Drawer
      opened={webhook !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={webhook ? `Deliveries to ${webhook.url}` : ''}
    >
      {webhook && <DeliveryLog webhookId={webhook.id} />}
    </Drawer>
  );
}
