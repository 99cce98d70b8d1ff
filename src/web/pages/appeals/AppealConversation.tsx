import { Paper, Stack, Text } from '@mantine/core';
import type { Appeal } from '../../../shared/api/appeals.js';
import { formatDateTime } from '../../lib/format.js';

const SPEAKER = { requester: 'Requester', worker: 'Worker', platform: 'Tessera' } as const;
const WHAT = { rejection: 'rejected', appeal: 'appealed', decision: 'decided' } as const;

/**
 * An appeal's conversation, oldest first: the rejection's reason, the worker's appeal, the
 * decision. Messages are rendered as text (React escapes them), never as HTML.
 */
export function AppealConversation({ appeal }: { appeal: Appeal }) {
  return (
    <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {appeal.conversation.map((turn) => (
        <Paper component="li" key={turn.kind} withBorder p="xs" radius="sm">
          <Text size="xs" c="dimmed">
            {SPEAKER[turn.from]} {WHAT[turn.kind]} ·{' '}
            <time dateTime={turn.at}>{formatDateTime(turn.at)}</time>
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {turn.message ??
              (turn.from === 'platform'
                ? 'No answer within the response window: overturned and paid automatically.'
                : 'No message.')}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
