import { Button, Modal, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMessage } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useSendMessage } from '../../api/messages.js';
import { paths } from '../../lib/paths.js';
import { MessageComposer } from './MessageComposer.js';

type Subject = {
  /** Whom to write to. */
  to: { id: string };
  projectId?: string;
  assignmentId?: string;
};

/**
 * A dialog that writes the first (or next) message of the thread with that person about the
 * project or assignment, then opens the thread.
 */
export function MessageDialog({
  to,
  projectId,
  assignmentId,
  title,
  opened,
  onClose,
}: Subject & { title: string; opened: boolean; onClose: () => void }) {
  const send = useSendMessage();
  const navigate = useNavigate();
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <MessageComposer
        label="Message"
        pending={send.isPending}
        error={send.error}
        autoFocus
        onSend={async (body) => {
          const sent = await send.mutateAsync({
            toUserId: to.id,
            ...(assignmentId ? { assignmentId } : projectId ? { projectId } : {}),
            body,
          });
          onClose();
          void navigate(paths.thread(sent.thread.id));
        }}
      />
    </Modal>
  );
}

/** "Message requester" / "Message worker": a button that opens the MessageDialog. */
export function MessageButton({
  to,
  projectId,
  assignmentId,
  children,
  ...button
}: Subject & { children: string } & ButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconMessage size={16} aria-hidden="true" />}
        onClick={open}
        {...button}
      >
        {children}
      </Button>
      <MessageDialog
        to={to}
        {...(projectId && { projectId })}
        {...(assignmentId && { assignmentId })}
        title={children}
        opened={opened}
        onClose={close}
      />
    </>
  );
}
