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
        <Menu.Item
          component={Link}
          to={paths.settings}
          leftSection={<IconSettings size={16} aria-hidden="true" />}
        >
          Profile settings
        </Menu.Item>
        <Menu.Item
          component={Link}
          to={paths.publicProfile(user.handle)}
          leftSection={<IconUser size={16} aria-hidden="true" />}
        >
          Public profile
        </Menu.Item>
        <Menu.Item
          component={Link}
          to={oauthPaths.connectedApps}
          leftSection={<IconPlugConnected size={16} aria-hidden="true" />}
        >
          Connected apps
        </Menu.Item>
        <Menu.Item
          component={Link}
          to={oauthPaths.developerApps}
          leftSection={<IconCode size={16} aria-hidden="true" />}
        >
          Developer apps
        </Menu.Item>
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
