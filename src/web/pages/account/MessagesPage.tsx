import { Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { IconMessageOff, IconMessages } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { Message, Thread } from '../../../shared/api/messages.js';
import { useCurrentUser } from '../../api/accounts.js';
import { useMuteThread, useSendMessage, useThread, useThreads } from '../../api/messages.js';
import { CardList } from '../../components/CardList.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { MessageComposer } from '../../components/messages/MessageComposer.js';
import { PageHeader } from '../../components/PageHeader.js';
import { formatDateTime } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import './messages.css';

/** What a thread is about, in a few words. */
function subjectOf(thread: Thread): string {
  if (!thread.project) return 'General';
  return thread.assignmentId ? `${thread.project.name} · one assignment` : thread.project.name;
}

function ThreadLink({ thread, current }: { thread: Thread; current: boolean }) {
  const unread = thread.unreadCount > 0;
  return (
    <li>
      <Link
        to={paths.thread(thread.id)}
        className="thread-link"
        data-current={current || undefined}
        aria-current={current ? 'page' : undefined}
      >
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={unread ? 700 : 500} truncate>
            {thread.with.displayName}
          </Text>
          {unread && (
            <Badge size="sm" circle aria-label={`${thread.unreadCount} unread`}>
              {thread.unreadCount}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {subjectOf(thread)}
          {thread.muted ? ' · muted' : ''}
        </Text>
        {thread.lastMessage && (
          <Text size="sm" c={unread ? undefined : 'dimmed'} lineClamp={1}>
            {thread.lastMessage.body}
          </Text>
        )}
      </Link>
    </li>
  );
}

function MessageBubble({
  message,
  mine,
  author,
}: {
  message: Message;
  mine: boolean;
  author: string;
}) {
  return (
    <li className="message" data-mine={mine || undefined}>
      <Text size="xs" c="dimmed">
        {mine ? 'You' : author} ·{' '}
        <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
      </Text>
      {/* Text, never HTML: whatever a body holds (even a script tag) is shown as written. */}
      <div className="message-body">{message.body}</div>
    </li>
  );
}

function ThreadView({ id }: { id: string }) {
  const me = useCurrentUser();
  const view = useThread(id);
  const mute = useMuteThread(id);
  const send = useSendMessage();
  const first = view.data?.pages[0];
  useDocumentTitle(first ? `Messages with ${first.thread.with.displayName}` : 'Messages');

  if (view.isPending) return <LoadingState label="Loading conversation…" />;
  if (view.isError) return <ErrorAlert error={view.error} />;
  const thread = first?.thread;
  if (!thread) return null;
  // Pages come newest first; a conversation reads oldest first.
  const messages = view.data.pages.flatMap((page) => page.messages).reverse();

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} size="h3">
            {thread.with.displayName}
          </Title>
          <Text size="sm" c="dimmed">
            {thread.myRole === 'worker' ? 'Requester' : 'Worker'} · {subjectOf(thread)}
          </Text>
        </div>
        <Switch
          label="Mute notifications"
          // Shows the choice at once, while it is being saved (the thread's state follows).
          checked={mute.isPending ? mute.variables : thread.muted}
          disabled={mute.isPending}
          onChange={(event) => mute.mutate(event.currentTarget.checked)}
        />
      </Group>
      {mute.isError && <ErrorAlert error={mute.error} />}
      {view.hasNextPage && (
        <Button
          variant="subtle"
          onClick={() => void view.fetchNextPage()}
          loading={view.isFetchingNextPage}
        >
          Show older messages
        </Button>
      )}
      <ol
        className="message-list"
        aria-label={`Messages with ${thread.with.displayName}`}
        aria-live="polite"
      >
        {messages.map((message) => (
          <MessageBubble
            key={message.id}
            message={message}
            mine={message.senderId === me.id}
            author={thread.with.displayName}
          />
        ))}
      </ol>
      <MessageComposer
        label="Reply"
        pending={send.isPending}
        error={send.error}
        onSend={(body) =>
          send.mutateAsync({
            toUserId: thread.with.id,
            ...(thread.assignmentId
              ? { assignmentId: thread.assignmentId }
              : thread.project
                ? { projectId: thread.project.id }
                : {}),
            body,
          })
        }
      />
    </Stack>
  );
}

/** My conversations with requesters and workers: the list, and the one open. */
export function MessagesPage() {
  const { threadId } = useParams();
  const threads = useThreads();

  return (
    <>
      <PageHeader
        title="Messages"
        description="Conversations with the requesters you work for and the workers who do your work."
      />
      <div className="messages-layout">
        <Card p={0} component="nav" aria-label="Conversations">
          <CardList
            query={threads}
            loadingLabel="Loading conversations…"
            empty={{
              icon: <IconMessageOff size={28} aria-hidden="true" />,
              title: 'No conversations yet',
              description:
                'Write to a requester from a task you did or hold, or to a worker from the review of their work.',
            }}
          >
            {(items) => (
              <ul className="thread-list">
                {items.map((thread) => (
                  <ThreadLink key={thread.id} thread={thread} current={thread.id === threadId} />
                ))}
              </ul>
            )}
          </CardList>
        </Card>
        <Card p="lg" className="thread-pane">
          {threadId ? (
            <ThreadView key={threadId} id={threadId} />
          ) : (
            <EmptyState
              framed={false}
              icon={<IconMessages size={28} aria-hidden="true" />}
              title="Choose a conversation"
              description="Pick one from the list to read it and reply."
            />
          )}
        </Card>
      </div>
    </>
  );
}
