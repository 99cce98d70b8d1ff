import { Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApiToken } from '../../../shared/api/accounts.js';
import { useDeleteToken, useTokens } from '../../api/accounts.js';
import { CredentialRow, CredentialUse } from '../../components/CredentialRow.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable.js';
import { QueryList } from '../../components/QueryList.js';
import { QuietEmpty } from '../../components/QuietEmpty.js';
import { formatDate } from '../../lib/format.js';
import { CreateTokenForm } from './CreateTokenForm.js';
import { NewTokenAlert } from './NewTokenAlert.js';

const COLUMNS = ['Name', 'Scopes', 'Activity', ACTIONS_COLUMN];

function TokenRow({ token }: { token: ApiToken }) {
  const deleteToken = useDeleteToken();
  return (
    <CredentialRow
      name={token.name}
      id={`${token.prefix}…`}
      scopes={token.scopes}
      activity={
        <>
          <CredentialUse createdAt={token.createdAt} lastUsedAt={token.lastUsedAt} />
          <Text size="xs" c="dimmed">
            {token.expiresAt ? `Expires ${formatDate(token.expiresAt)}` : 'No expiry'}
          </Text>
        </>
      }
      revokeVerb="Revoke"
      revokeMessage="Scripts and apps using this token will stop working at once. This cannot be undone."
      revokeConfirmLabel="Revoke token"
      onRevoke={async () => {
        await deleteToken.mutateAsync(token.id);
        notifications.show({ color: 'teal', title: 'Token revoked', message: token.name });
      }}
    />
  );
}

export function TokensSection() {
  const tokens = useTokens();
  const [creating, { open: startCreating, close: stopCreating }] = useDisclosure(false);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  return (
    <Stack gap="md">
      {created && <NewTokenAlert {...created} onDone={() => setCreated(null)} />}
      {creating ? (
        <CreateTokenForm
          onCancel={stopCreating}
          onCreated={(token) => {
            setCreated(token);
            stopCreating();
          }}
        />
      ) : (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {tokens.data?.length ? `${tokens.data.length} active` : ''}
          </Text>
          <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={startCreating}>
            New token
          </Button>
        </Group>
      )}
      <QueryList
        query={tokens}
        loadingLabel="Loading tokens…"
        empty={
          !creating && (
            <QuietEmpty icon={<IconKey size={18} aria-hidden="true" />}>
              You have no access tokens.
            </QuietEmpty>
          )
        }
      >
        {(rows) => (
          <DataTable label="Access tokens" columns={COLUMNS} minWidth={560}>
            {rows.map((token) => (
              <TokenRow key={token.id} token={token} />
            ))}
          </DataTable>
        )}
      </QueryList>
    </Stack>
  );
}
