import { ActionIcon, Popover } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { notificationKeys, useUnreadCount } from '../../api/notifications.js';
import { NotificationsPanel } from './NotificationsPanel.js';
import './notifications.css';

/** "Notifications, 3 unread": the bell's name says what its badge shows. */
export function bellLabel(unreadCount: number): string {
  return unreadCount > 0 ? `Notifications, ${unreadCount} unread` : 'Notifications, none unread';
}

/** The header's bell: the unread count (polled), and the newest notifications in a popover. */
export function NotificationBell() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const unread = useUnreadCount();
  const count = unread.data?.unreadCount ?? 0;
  const queryClient = useQueryClient();
  const previous = useRef(count);

  // A higher count means something new arrived: lists on screen should show it.
  useEffect(() => {
    if (count > previous.current) {
      void queryClient.invalidateQueries({ queryKey: notificationKeys.lists() });
    }
    previous.current = count;
  }, [count, queryClient]);

  return (
    // The count sits outside the button (whose name already says it), so it is not clipped.
    <div className="bell">
      <Popover
        opened={opened}
        onDismiss={close}
        position="bottom-end"
        shadow="md"
        trapFocus
        returnFocus
        withinPortal
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            radius="xl"
            onClick={toggle}
            aria-label={bellLabel(count)}
            aria-expanded={opened}
            aria-haspopup="dialog"
          >
            <IconBell size={22} stroke={1.7} aria-hidden="true" />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0} aria-label="Notifications">
          <NotificationsPanel unreadCount={count} onNavigate={close} />
        </Popover.Dropdown>
      </Popover>
      {count > 0 && (
        <span className="bell-count" aria-hidden="true" data-testid="unread-badge">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </div>
  );
}
