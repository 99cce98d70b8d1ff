import { Anchor, Card, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { OAuthGrant } from '../../../shared/api/oauth.js';
import { EmptyState } from '../../components/EmptyState.js';
import { CredentialRow } from '../../components/CredentialRow.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable.js';
import { QueryList } from '../../components/QueryList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDate } from '../../lib/format.js';
import { oauthPaths, useOAuthGrants, useRevokeOAuthGrant } from './oauth-api.js';

const COLUMNS = ['App', 'Allowed to', 'Since', ACTIONS_COLUMN];

function GrantRow({ grant }: { grant: OAuthGrant }) {
  const revoke = useRevokeOAuthGrant();
  return (
    <CredentialRow
      name={grant.clientName}
      id={grant.clientId}
      scopes={grant.scopes}
      activity={<Text size="xs">Connected {formatDate(grant.grantedAt)}</Text>}
      revokeVerb="Disconnect"
      revokeMessage="The app loses access to your account at once: its access and refresh tokens stop working. It can ask you again later."
      revokeConfirmLabel="Disconnect"
      onRevoke={async () => {
        await revoke.mutateAsync(grant.clientId);
        notifications.show({ color: 'teal', title: 'App disconnected', message: grant.clientName });
      }}
    />
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
      <QueryList
        query={grants}
        loadingLabel="Loading connected apps…"
        empty={
          <EmptyState
            icon={<IconPlugConnected size={28} aria-hidden="true" />}
            title="No connected apps"
            description="When you allow a mobile, desktop or command-line app to use your account, it appears here."
          />
        }
      >
        {(rows) => (
          <Card>
            <DataTable label="Connected apps" columns={COLUMNS} minWidth={560}>
              {rows.map((grant) => (
                <GrantRow key={grant.clientId} grant={grant} />
              ))}
            </DataTable>
          </Card>
        )}
      </QueryList>
    </>
  );
}
