import { Button, Card, Group, SegmentedControl } from '@mantine/core';
import { IconBellCheck, IconBellOff } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { useMarkRead, useNotifications, useUnreadCount } from '../../api/notifications.js';
import { CardList } from '../../components/CardList.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { NotificationItem } from '../../components/notifications/NotificationItem.js';
import { PageHeader } from '../../components/PageHeader.js';

const PAGE_SIZE = 20;

/** Every notification of the signed-in user, newest first, all or unread only. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('show') === 'unread';
  const list = useNotifications({ unreadOnly, limit: PAGE_SIZE });
  const unread = useUnreadCount();
  const markRead = useMarkRead();
  const unreadCount = unread.data?.unreadCount ?? 0;

  const show = (value: string) =>
    setParams(value === 'unread' ? { show: 'unread' } : {}, { replace: true });

  return (
    <>
      <PageHeader
        title="Notifications"
        description="Reviews of your work, bonuses, payouts, finished projects and returned escrow."
        actions={
          <Button
            variant="default"
            leftSection={<IconBellCheck size={16} aria-hidden="true" />}
            disabled={unreadCount === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate('all')}
          >
            Mark all read
          </Button>
        }
      />
      <Card p={0}>
        <Group px="md" py="sm" className="table-toolbar">
          <SegmentedControl
            value={unreadOnly ? 'unread' : 'all'}
            onChange={show}
            data={[
              { label: 'All', value: 'all' },
              { label: unreadCount > 0 ? `Unread (${unreadCount})` : 'Unread', value: 'unread' },
            ]}
            aria-label="Show notifications"
          />
        </Group>
        {markRead.isError && <ErrorAlert error={markRead.error} mt="sm" mb="sm" />}
        <CardList
          query={list}
          loadingLabel="Loading notifications…"
          empty={{
            icon: <IconBellOff size={28} aria-hidden="true" />,
            title: unreadOnly ? 'You are all caught up' : 'No notifications yet',
            description: unreadOnly
              ? 'Every notification has been read. New ones appear here and on the bell at the top of the page.'
              : 'When your work is reviewed, a bonus or payout arrives, or one of your projects finishes, you will be told here.',
          }}
        >
          {(items) => (
            <ul className="notification-list" aria-label="Notifications">
              {items.map((notification) => (
                <NotificationItem key={notification.id} notification={notification} />
              ))}
            </ul>
          )}
        </CardList>
      </Card>
    </>
  );
}
