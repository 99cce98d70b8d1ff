import { Anchor, Avatar, Badge, Card, Group, Select, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { User } from '../../../shared/api/accounts.js';
import { useCurrentUser } from '../../api/accounts.js';
import { useAdminUsers, useSetUserStatus, type UserStatusFilter } from '../../api/admin.js';
import { CardTable } from '../../components/CardList.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ACTIONS_COLUMN } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SearchInput } from '../../components/SearchInput.js';
import { formatDate, initials } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { ROLE_LABELS } from '../../lib/roles.js';
import { ResetLinkAction } from './users/ResetLinkAction.js';

const STATUS_OPTIONS = [
  { value: 'all', label: 'All statuses' },
  { value: 'active', label: 'Active' },
  { value: 'suspended', label: 'Suspended' },
];

const COLUMNS = ['User', 'Roles', 'Status', 'Joined', ACTIONS_COLUMN];

function StatusAction({ user, isSelf }: { user: User; isSelf: boolean }) {
  const setStatus = useSetUserStatus();
  if (isSelf) {
    return (
      <Text size="xs" c="dimmed">
        This is you
      </Text>
    );
  }
  const suspend = user.status === 'active';
  return (
    <ConfirmButton
      size="xs"
      variant="default"
      aria-label={`${suspend ? 'Suspend' : 'Reinstate'} ${user.displayName}`}
      confirmColor={suspend ? 'red' : undefined}
      title={`${suspend ? 'Suspend' : 'Reinstate'} ${user.displayName}?`}
      message={
        suspend
          ? 'They will be signed out everywhere, cannot sign in, and their access tokens stop working until you reinstate them.'
          : 'They will be able to sign in and use their access tokens again.'
      }
      confirmLabel={suspend ? 'Suspend' : 'Reinstate'}
      onConfirm={async () => {
        await setStatus.mutateAsync({ id: user.id, action: suspend ? 'suspend' : 'reinstate' });
        notifications.show({
          color: 'teal',
          title: suspend ? 'User suspended' : 'User reinstated',
          message: user.displayName,
        });
      }}
    >
      {suspend ? 'Suspend' : 'Reinstate'}
    </ConfirmButton>
  );
}

function UserRow({ user, isSelf }: { user: User; isSelf: boolean }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <Avatar size={32} radius="xl" color="tessera">
            {initials(user.displayName)}
          </Avatar>
          <div>
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {user.displayName}
            </Text>
            <Text size="xs">{user.email}</Text>
            <Anchor component={Link} to={paths.publicProfile(user.handle)} size="xs" c="dimmed">
              @{user.handle}
            </Anchor>
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {user.roles.map((role) => (
            <Badge key={role} color="gray" miw="max-content">
              {ROLE_LABELS[role]}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge color={user.status === 'active' ? 'teal' : 'red'} miw="max-content">
          {user.status === 'active' ? 'Active' : 'Suspended'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDate(user.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Group gap="xs" justify="flex-end" wrap="nowrap">
          {!isSelf && <ResetLinkAction user={user} />}
          <StatusAction user={user} isSelf={isSelf} />
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function UsersPage() {
  const me = useCurrentUser();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('all');
  const [q] = useDebouncedValue(search, 300);
  const statusFilter: UserStatusFilter =
    status === 'active' || status === 'suspended' ? status : undefined;
  const users = useAdminUsers({ q, status: statusFilter });

  return (
    <>
      <PageHeader
        title="Users"
        description="Everyone with an account on this site. Suspending someone signs them out and blocks their access until you reinstate them. A reset link lets someone who cannot get email choose a new password."
      />
      <Card p={0}>
        <Group p="md" gap="md" align="flex-end" className="table-toolbar">
          <SearchInput
            placeholder="Name, handle or email"
            value={search}
            onChange={setSearch}
            maxWidth={420}
          />
          <Select
            label="Status"
            data={STATUS_OPTIONS}
            value={status}
            onChange={(value) => setStatus(value ?? 'all')}
            allowDeselect={false}
            w={180}
          />
        </Group>
        <CardTable
          query={users}
          loadingLabel="Loading users…"
          empty={{
            icon: <IconUsers size={28} aria-hidden="true" />,
            title: 'No users match',
            description: 'Try another name, handle or email, or a different status.',
          }}
          label="Users"
          columns={COLUMNS}
          minWidth={920}
          highlightOnHover
          row={(user) => <UserRow key={user.id} user={user} isSelf={user.id === me.id} />}
        />
      </Card>
    </>
  );
}
