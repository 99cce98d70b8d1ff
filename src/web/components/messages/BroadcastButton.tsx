import { Alert, Button, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useState } from 'react';
import { useBroadcast } from '../../api/messages.js';
import { countOf } from '../../lib/format.js';
import { MessageComposer } from './MessageComposer.js';

/** A requester's message to every worker who did or holds work in the project. */
export function BroadcastButton({ projectId }: { projectId: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const broadcast = useBroadcast(projectId);
  const [reached, setReached] = useState<number | null>(null);

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconSpeakerphone size={16} aria-hidden="true" />}
        onClick={() => {
          setReached(null);
          broadcast.reset();
          open();
        }}
      >
        Message workers
      </Button>
      <Modal opened={opened} onClose={close} title="Message this project’s workers">
        <Text size="sm" c="dimmed" mb="sm">
          Everyone who did or holds work in this project gets it in their conversation with you
          about the project.
        </Text>
        {reached !== null && (
          <Alert color={reached > 0 ? 'teal' : 'gray'} mb="sm" role="status">
            {reached > 0
              ? `Sent to ${countOf(reached, 'worker')}.`
              : 'No worker has done or holds work in this project yet: nobody to message.'}
          </Alert>
        )}
        <MessageComposer
          label="Message to all workers"
          pending={broadcast.isPending}
          error={broadcast.error}
          autoFocus
          onSend={async (body) => setReached((await broadcast.mutateAsync(body)).recipients)}
        />
      </Modal>
    </>
  );
}
