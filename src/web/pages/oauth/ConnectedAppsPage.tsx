import { Anchor, Badge, Card, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { OAuthGrant } from '../../../shared/api/oauth.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDate } from '../../lib/format.js';
import { oauthPaths, useOAuthGrants, useRevokeOAuthGrant } from './oauth-api.js';

function GrantRow({ grant }: { grant: OAuthGrant }) {
  const revoke = useRevokeOAuthGrant();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {grant.clientName}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {grant.clientId}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {grant.scopes.map((scope) => (
            <Badge key={scope} size="sm" color="gray">
              {scope}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="xs">Connected {formatDate(grant.grantedAt)}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <ConfirmButton
          size="xs"
          variant="light"
          color="red"
          aria-label={`Disconnect ${grant.clientName}`}
          title={`Disconnect “${grant.clientName}”?`}
          message="The app loses access to your account at once: its access and refresh tokens stop working. It can ask you again later."
          confirmLabel="Disconnect"
          onConfirm={async () => {
            await revoke.mutateAsync(grant.clientId);
            notifications.show({
              color: 'teal',
              title: 'App disconnected',
              message: grant.clientName,
            });
          }}
        >
          Disconnect
        </ConfirmButton>
      </Table.Td>
    </Table.Tr>
  );
}

/** The apps a user has allowed to use their account, with a way to cut each one off. */
export function ConnectedAppsPage() {
  const grants = useOAuthGrants();
  return (
    <>
      <PageHeader
        title="Connected apps"
        description={
          <>
            Apps you allowed to use your Tessera account through OAuth. Building your own?{' '}
            <Anchor component={Link} to={oauthPaths.developerApps} underline="always">
              Register it under Developer apps
            </Anchor>
            .
          </>
        }
      />
      {grants.isPending && <LoadingState label="Loading connected apps…" />}
      {grants.isError && <ErrorAlert error={grants.error} onRetry={() => void grants.refetch()} />}
      {grants.data?.length === 0 && (
        <EmptyState
          icon={<IconPlugConnected size={28} aria-hidden="true" />}
          title="No connected apps"
          description="When you allow a mobile, desktop or command-line app to use your account, it appears here."
        />
      )}
      {grants.data && grants.data.length > 0 && (
        <Card>
          <Stack gap="sm">
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label="Connected apps">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>App</Table.Th>
                    <Table.Th>Allowed to</Table.Th>
                    <Table.Th>Since</Table.Th>
                    <Table.Th>
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {grants.data.map((grant) => (
                    <GrantRow key={grant.clientId} grant={grant} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Card>
      )}
    </>
  );
}
