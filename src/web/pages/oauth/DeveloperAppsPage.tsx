import { Anchor, Badge, Button, Card, Code, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCode, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { CreatedOAuthClient, OAuthClient } from '../../../shared/api/oauth.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { NameBadges } from '../../components/NameBadges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDate } from '../../lib/format.js';
import { CreateClientForm } from './CreateClientForm.js';
import { NewSecretAlert } from './NewSecretAlert.js';
import {
  oauthPaths,
  useDeleteOAuthClient,
  useOAuthClients,
  useRotateOAuthSecret,
} from './oauth-api.js';

function ClientCard({
  client,
  onSecret,
}: {
  client: OAuthClient;
  onSecret: (created: CreatedOAuthClient) => void;
}) {
  const remove = useDeleteOAuthClient();
  const rotate = useRotateOAuthSecret();
  return (
    <Card component="article" aria-label={client.name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Text fw={600}>{client.name}</Text>
            <Text size="xs" c="dimmed">
              Registered {formatDate(client.createdAt)}
            </Text>
          </Stack>
          <Badge color={client.type === 'confidential' ? 'grape' : 'blue'}>{client.type}</Badge>
        </Group>
        <Text size="sm">
          Client ID: <Code>{client.clientId}</Code>
        </Text>
        <Text size="sm">
          Redirect URIs:{' '}
          {client.redirectUris.length
            ? client.redirectUris.map((uri) => (
                <Code key={uri} mr={4}>
                  {uri}
                </Code>
              ))
            : 'none (client credentials and device flow only)'}
        </Text>
        <NameBadges names={client.scopes} />
        <Group justify="flex-end" gap="sm">
          {client.type === 'confidential' && (
            <ConfirmButton
              size="xs"
              variant="default"
              title={`New secret for “${client.name}”?`}
              message="The current secret stops working at once; scripts using it need the new one."
              confirmLabel="Replace secret"
              onConfirm={async () => onSecret(await rotate.mutateAsync(client.clientId))}
            >
              New secret
            </ConfirmButton>
          )}
          <ConfirmButton
            size="xs"
            variant="light"
            color="red"
            aria-label={`Delete ${client.name}`}
            title={`Delete “${client.name}”?`}
            message="Every token of this app stops working at once, for everyone who connected it. This cannot be undone."
            confirmLabel="Delete app"
            onConfirm={async () => {
              await remove.mutateAsync(client.clientId);
              notifications.show({ color: 'teal', title: 'App deleted', message: client.name });
            }}
          >
            Delete
          </ConfirmButton>
        </Group>
      </Stack>
    </Card>
  );
}

/** The OAuth clients a user registered for their own apps and scripts. */
export function DeveloperAppsPage() {
  const clients = useOAuthClients();
  const [creating, { open: startCreating, close: stopCreating }] = useDisclosure(false);
  const [created, setCreated] = useState<CreatedOAuthClient | null>(null);

  return (
    <>
      <PageHeader
        title="Developer apps"
        description={
          <>
            Register apps that use the Tessera API through OAuth 2.0. The{' '}
            <Anchor href="/api/docs" underline="always">
              API reference
            </Anchor>{' '}
            lists every call; apps you have allowed yourself are under{' '}
            <Anchor component={Link} to={oauthPaths.connectedApps} underline="always">
              Connected apps
            </Anchor>
            .
          </>
        }
        actions={
          !creating && (
            <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={startCreating}>
              New app
            </Button>
          )
        }
      />
      <Stack gap="md">
        {created && (
          <NewSecretAlert
            name={created.name}
            clientId={created.clientId}
            clientSecret={created.clientSecret}
            onDone={() => setCreated(null)}
          />
        )}
        {creating && (
          <Card>
            <CreateClientForm
              onCancel={stopCreating}
              onCreated={(client) => {
                setCreated(client);
                stopCreating();
              }}
            />
          </Card>
        )}
        {clients.isPending && <LoadingState label="Loading your apps…" />}
        {clients.isError && (
          <ErrorAlert error={clients.error} onRetry={() => void clients.refetch()} />
        )}
        {clients.data?.length === 0 && !creating && (
          <EmptyState
            icon={<IconCode size={28} aria-hidden="true" />}
            title="No apps yet"
            description="Register a mobile, desktop or command-line app, or a script that runs as you."
          />
        )}
        {clients.data?.map((client) => (
          <ClientCard key={client.clientId} client={client} onSecret={setCreated} />
        ))}
      </Stack>
    </>
  );
}
