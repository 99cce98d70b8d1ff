import { ActionIcon, Anchor, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconMail, IconMailOpened } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Notification } from '../../../shared/api/notifications.js';
import { useMarkRead, useMarkUnread } from '../../api/notifications.js';
import { formatDateTime } from '../../lib/format.js';
import { formatRelativeTime } from '../../lib/relative-time.js';
import { NOTIFICATION_KINDS_INFO } from './notification-kinds.js';
import './notifications.css';

type NotificationItemProps = {
  notification: Notification;
  /** Shorter bodies, for the bell's popover. */
  compact?: boolean;
  /** Called after the notification's link is followed (e.g. to close the popover). */
  onNavigate?: () => void;
};

/** One notification: following its link marks it read; the button beside it toggles that. */
export function NotificationItem({
  notification,
  compact = false,
  onNavigate,
}: NotificationItemProps) {
  const markRead = useMarkRead();
  const markUnread = useMarkUnread();
  const unread = notification.readAt === null;
  const kind = NOTIFICATION_KINDS_INFO[notification.kind];
  const busy = markRead.isPending || markUnread.isPending;

  const toggle = () => {
    if (unread) markRead.mutate([notification.id]);
    else markUnread.mutate([notification.id]);
  };
  const follow = () => {
    if (unread) markRead.mutate([notification.id]);
    onNavigate?.();
  };

  const title = (
    <Text size="sm" fw={unread ? 700 : 500} c="dark.7" lineClamp={2} span>
      {notification.title}
    </Text>
  );

  return (
    <li className="notification-item" data-unread={unread || undefined}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <ThemeIcon variant="light" color={kind.color} radius="xl" size={32}>
          {kind.icon}
        </ThemeIcon>
        <div className="notification-text">
          {notification.link ? (
            <Anchor component={Link} to={notification.link} onClick={follow} underline="hover">
              {title}
            </Anchor>
          ) : (
            title
          )}
          {notification.body && (
            <Text
              size="sm"
              c="dimmed"
              lineClamp={compact ? 2 : undefined}
              className="notification-body"
            >
              {notification.body}
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={2}>
            {unread && <span className="visually-hidden">Unread, </span>}
            <time dateTime={notification.createdAt} title={formatDateTime(notification.createdAt)}>
              {formatRelativeTime(notification.createdAt)}
            </time>
          </Text>
        </div>
        <Group gap={4} wrap="nowrap" className="notification-actions">
          {unread && <span className="unread-dot" aria-hidden="true" />}
          <Tooltip label={unread ? 'Mark as read' : 'Mark as unread'} withArrow openDelay={300}>
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={toggle}
              disabled={busy}
              aria-label={`Mark “${notification.title}” as ${unread ? 'read' : 'unread'}`}
            >
              {unread ? (
                <IconMailOpened size={18} aria-hidden="true" />
              ) : (
                <IconMail size={18} aria-hidden="true" />
              )}
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
    </li>
  );
}
