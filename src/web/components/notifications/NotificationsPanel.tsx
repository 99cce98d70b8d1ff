import { Anchor, Button, Center, Group, Loader, Text, Title } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMarkRead, useNotifications } from '../../api/notifications.js';
import { paths } from '../../lib/paths.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { NotificationItem } from './NotificationItem.js';

const PANEL_FILTER = { unreadOnly: false, limit: 6 };

/** The newest few notifications, inside the bell's popover. */
export function NotificationsPanel({
  unreadCount,
  onNavigate,
}: {
  unreadCount: number;
  onNavigate: () => void;
}) {
  const list = useNotifications(PANEL_FILTER);
  const markRead = useMarkRead();
  const items = list.data?.pages[0]?.items ?? [];

  return (
    <div className="notification-panel">
      <Group justify="space-between" px="md" py="sm" className="notification-panel-header">
        <Title order={2} fz="h3" id="notification-panel-heading">
          Notifications
        </Title>
        <Button
          variant="subtle"
          size="compact-sm"
          disabled={unreadCount === 0}
          loading={markRead.isPending}
          onClick={() => markRead.mutate('all')}
        >
          Mark all read
        </Button>
      </Group>
      {list.isPending && (
        <Center py="xl" role="status" aria-label="Loading notifications">
          <Loader size="sm" aria-hidden="true" />
        </Center>
      )}
      {list.isError && (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} mt="sm" mb="sm" />
      )}
      {list.isSuccess && items.length === 0 && (
        <Center py={36} px="lg">
          <Group gap="sm" wrap="nowrap">
            <IconBellOff size={22} aria-hidden="true" color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed">
              Nothing yet. Reviews of your work, bonuses, payouts and finished projects are
              announced here.
            </Text>
          </Group>
        </Center>
      )}
      {items.length > 0 && (
        <ul
          className="notification-list notification-scroll"
          aria-labelledby="notification-panel-heading"
        >
          {items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              compact
              onNavigate={onNavigate}
            />
          ))}
        </ul>
      )}
      <Group justify="center" py="xs" className="notification-panel-footer">
        <Anchor component={Link} to={paths.notifications} size="sm" fw={600} onClick={onNavigate}>
          See all notifications
        </Anchor>
      </Group>
    </div>
  );
}
