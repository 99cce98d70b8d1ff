import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconCode,
  IconLogout,
  IconPlugConnected,
  IconSettings,
  IconUser,
} from '@tabler/icons-react';
import { Link } from 'react-router';
import { useCurrentUser, useSignOut } from '../api/accounts.js';
import { errorMessage } from '../components/ErrorAlert.js';
import { initials } from '../lib/format.js';
import { paths } from '../lib/paths.js';
import { oauthPaths } from '../pages/oauth/oauth-api.js';

/** Where the menu leads: the account's own pages. */
function accountLinks(handle: string) {
  return [
    { to: paths.settings, label: 'Profile settings', Icon: IconSettings },
    { to: paths.publicProfile(handle), label: 'Public profile', Icon: IconUser },
    { to: oauthPaths.connectedApps, label: 'Connected apps', Icon: IconPlugConnected },
    { to: oauthPaths.developerApps, label: 'Developer apps', Icon: IconCode },
  ];
}

export function UserMenu() {
  const user = useCurrentUser();
  const signOut = useSignOut();

  const onSignOut = () =>
    signOut.mutate(undefined, {
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not sign out',
          message: errorMessage(error),
        }),
    });

  return (
    <Menu position="bottom-end" width={240} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton
          aria-label={`Account menu for ${user.displayName}`}
          px="xs"
          py={6}
          className="user-menu-button"
        >
          <Group gap="sm" wrap="nowrap">
            <Avatar color="tessera" radius="xl" size={34}>
              {initials(user.displayName)}
            </Avatar>
            <div className="user-menu-name">
              <Text size="sm" fw={600} lh={1.2} truncate maw={180}>
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2} truncate maw={180}>
                {user.email}
              </Text>
            </div>
            <IconChevronDown size={16} aria-hidden="true" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Signed in as @{user.handle}</Menu.Label>
        {accountLinks(user.handle).map(({ to, label, Icon }) => (
          <Menu.Item
            key={label}
            component={Link}
            to={to}
            leftSection={<Icon size={16} aria-hidden="true" />}
          >
            {label}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} aria-hidden="true" />}
          onClick={onSignOut}
          disabled={signOut.isPending}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
