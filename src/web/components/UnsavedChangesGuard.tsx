import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect } from 'react';
import { useBlocker } from 'react-router';

type UnsavedChangesGuardProps = {
  /** Whether there is anything to lose. */
  dirty: boolean;
  /** What would be lost, e.g. "your changes to the design". */
  what: string;
  /** Runs when the user chooses to leave, e.g. to forget the kept draft. */
  onLeave?: () => void;
};

/**
 * Asks before unsaved edits are left behind: any move to another address inside the app
 * (the sidebar, a project tab, a link) waits for "Stay" or "Leave", and the browser asks its own
 * question before a reload or closing the tab. Signing out or an expired session is not asked
 * about: the edits are kept on this device instead (see draft-storage).
 */
export function UnsavedChangesGuard({ dirty, what, onLeave }: UnsavedChangesGuardProps) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty &&
      (currentLocation.pathname !== nextLocation.pathname ||
        currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers still need a return value to ask.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // A save that finishes while the question is open leaves nothing to lose.
  useEffect(() => {
    if (blocker.state === 'blocked' && !dirty) blocker.proceed();
  }, [blocker, dirty]);

  const stay = () => {
    if (blocker.state === 'blocked') blocker.reset();
  };
  const leave = () => {
    if (blocker.state !== 'blocked') return;
    onLeave?.();
    blocker.proceed();
  };

  return (
    <Modal
      opened={blocker.state === 'blocked'}
      onClose={stay}
      title="Leave without saving?"
      centered
      returnFocus
    >
      <Text size="sm">
        You have not saved {what}. If you leave this page now, they will be lost.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={stay} data-autofocus>
          Stay
        </Button>
        <Button color="red" onClick={leave}>
          Leave
        </Button>
      </Group>
    </Modal>
  );
}
