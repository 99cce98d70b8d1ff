import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime } from '../lib/format.js';
import { ConfirmButton } from './ConfirmButton.js';
import { NameBadges } from './NameBadges.js';

type CredentialRowProps = {
  name: string;
  /** Shown in monospace under the name, e.g. a token's prefix or an app's client id. */
  id: string;
  /** The scopes it may use; left out for credentials that act with all of the account's rights. */
  scopes?: readonly string[];
  /** When it was made and used. */
  activity: ReactNode;
  /** The button's word for cutting it off, e.g. "Revoke". */
  revokeVerb: string;
  /** What stops working, said in the confirmation. */
  revokeMessage: string;
  revokeConfirmLabel: string;
  onRevoke: () => Promise<unknown>;
};

/**
 * A row of something that holds access to the account (an access token, an MTurk access key, a
 * connected app): its name, the scopes it may use, its activity, and a way to cut it off after a
 * second thought.
 */
export function CredentialRow(props: CredentialRowProps) {
  const { name, id, scopes, activity, revokeVerb, revokeMessage, revokeConfirmLabel } = props;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {id}
        </Text>
      </Table.Td>
      {scopes && (
        <Table.Td>
          <NameBadges names={scopes} />
        </Table.Td>
      )}
      <Table.Td>{activity}</Table.Td>
      <Table.Td ta="right">
        <ConfirmButton
          size="xs"
          variant="light"
          color="red"
          aria-label={`${revokeVerb} ${name}`}
          title={`${revokeVerb} “${name}”?`}
          message={revokeMessage}
          confirmLabel={revokeConfirmLabel}
          onConfirm={props.onRevoke}
        >
          {revokeVerb}
        </ConfirmButton>
      </Table.Td>
    </Table.Tr>
  );
}

/** A secret credential's activity: when it was made and when it was last used. */
export function CredentialUse({
  createdAt,
  lastUsedAt,
}: {
  createdAt: string;
  lastUsedAt: string | null;
}) {
  return (
    <>
      <Text size="xs">Created {formatDate(createdAt)}</Text>
      <Text size="xs" c="dimmed">
        {lastUsedAt ? `Last used ${formatDateTime(lastUsedAt)}` : 'Never used'}
      </Text>
    </>
  );
}
