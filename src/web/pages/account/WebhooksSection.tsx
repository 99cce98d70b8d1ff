import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconWebhook } from '@tabler/icons-react';
import { useState } from 'react';
import type { CreatedWebhook, Webhook } from '../../../shared/api/webhooks.js';
import { useDeleteWebhook, useTestWebhook, useWebhooks } from '../../api/webhooks.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable.js';
import { NameBadges } from '../../components/NameBadges.js';
import { QueryList } from '../../components/QueryList.js';
import { QuietEmpty } from '../../components/QuietEmpty.js';
import { formatDate } from '../../lib/format.js';
import { CreateWebhookForm } from './CreateWebhookForm.js';
import { NewWebhookSecretAlert } from './NewWebhookSecretAlert.js';
import { WebhookDeliveriesDrawer } from './WebhookDeliveriesDrawer.js';

function WebhookRow({ webhook, onShowLog }: { webhook: Webhook; onShowLog: () => void }) {
  const deleteWebhook = useDeleteWebhook();
  const testWebhook = useTestWebhook();
  const sendTest = () =>
    testWebhook.mutate(webhook.id, {
      onSuccess: (delivery) =>
        notifications.show(
          delivery.status === 'delivered'
            ? { color: 'teal', title: 'Test delivered', message: `HTTP ${delivery.lastStatusCode}` }
            : {
                color: 'red',
                title: 'Test not delivered',
                message: delivery.lastStatusCode
                  ? `HTTP ${delivery.lastStatusCode}`
                  : (delivery.lastError ?? 'No answer'),
              },
        ),
      onError: (error) =>
        notifications.show({ color: 'red', title: 'Test not sent', message: error.message }),
    });
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600} style={{ wordBreak: 'break-all' }}>
          {webhook.url}
        </Text>
        <Text size="xs" c="dimmed">
          {webhook.description || `Created ${formatDate(webhook.createdAt)}`}
        </Text>
      </Table.Td>
      <Table.Td>
        <NameBadges names={webhook.events} />
      </Table.Td>
      <Table.Td ta="right">
        <Group gap="xs" justify="flex-end">
          <Button size="xs" variant="light" loading={testWebhook.isPending} onClick={sendTest}>
            Send test
          </Button>
          <Button size="xs" variant="default" onClick={onShowLog}>
            Deliveries
          </Button>
          <ConfirmButton
            size="xs"
            variant="light"
            color="red"
            aria-label={`Delete webhook ${webhook.url}`}
            title="Delete this webhook?"
            message="Tessera stops sending to it at once, and its delivery log is deleted."
            confirmLabel="Delete webhook"
            onConfirm={async () => {
              await deleteWebhook.mutateAsync(webhook.id);
              notifications.show({ color: 'teal', title: 'Webhook deleted', message: webhook.url });
            }}
          >
            Delete
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** A requester's webhooks: Tessera's events POSTed, signed, to their own receivers. */
const WEBHOOK_COLUMNS = ['Receiver', 'Events', ACTIONS_COLUMN];

export function WebhooksSection() {
  const webhooks = useWebhooks();
  const [creating, { open: startCreating, close: stopCreating }] = useDisclosure(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [showingLog, setShowingLog] = useState<Webhook | null>(null);

  return (
    <Stack gap="md">
      {created && (
        <NewWebhookSecretAlert
          url={created.url}
          secret={created.secret}
          onDone={() => setCreated(null)}
        />
      )}
      {creating ? (
        <CreateWebhookForm
          onCancel={stopCreating}
          onCreated={(webhook) => {
            setCreated(webhook);
            stopCreating();
          }}
        />
      ) : (
        <Group justify="flex-end">
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={startCreating}>
            New webhook
          </Button>
        </Group>
      )}
      <QueryList
        query={webhooks}
        loadingLabel="Loading webhooks…"
        moreInCard={false}
        empty={
          !creating && (
            <QuietEmpty icon={<IconWebhook size={18} aria-hidden="true" />}>
              You have no webhooks.
            </QuietEmpty>
          )
        }
      >
        {(rows) => (
          <DataTable label="Webhooks" columns={WEBHOOK_COLUMNS} minWidth={520}>
            {rows.map((webhook) => (
              <WebhookRow
                key={webhook.id}
                webhook={webhook}
                onShowLog={() => setShowingLog(webhook)}
              />
            ))}
          </DataTable>
        )}
      </QueryList>
      <WebhookDeliveriesDrawer webhook={showingLog} onClose={() => setShowingLog(null)} />
    </Stack>
  );
}
