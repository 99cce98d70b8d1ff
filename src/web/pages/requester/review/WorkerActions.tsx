import { ActionIcon, Button, Group, Menu, Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBan,
  IconDots,
  IconFilter,
  IconGift,
  IconLockOpen,
  IconMessage,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { ReviewAssignment } from '../../../../shared/api/review.js';
import { useUnblockWorker } from '../../../api/review.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { MessageDialog } from '../../../components/messages/MessageButton.js';
import { BonusDialog } from './BonusDialog.js';
import { BlockWorkerDialog } from './BlockWorkerDialog.js';

/** Bonuses are paid for work that was handed in, whatever the review said. */
const BONUSABLE = new Set<ReviewAssignment['status']>(['submitted', 'approved', 'rejected']);

function UnblockDialog({
  worker,
  onClose,
}: {
  worker: ReviewAssignment['worker'];
  onClose: () => void;
}) {
  const unblock = useUnblockWorker();
  return (
    <Modal opened onClose={onClose} title={`Unblock ${worker.displayName}?`} centered>
      <Text size="sm">
        {worker.displayName} will see your projects again and can accept their tasks.
      </Text>
      {unblock.isError && <ErrorAlert error={unblock.error} title="That did not work" mt="md" />}
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onClose} disabled={unblock.isPending}>
          Cancel
        </Button>
        <Button
          loading={unblock.isPending}
          onClick={() =>
            unblock.mutate(worker.id, {
              onSuccess: () => {
                notifications.show({
                  color: 'teal',
                  title: 'Worker unblocked',
                  message: `${worker.displayName} can work on your projects again.`,
                });
                onClose();
              },
            })
          }
        >
          Unblock
        </Button>
      </Group>
    </Modal>
  );
}

type Dialog = 'bonus' | 'block' | 'unblock' | 'message' | null;

/** The less frequent actions on a submission's worker: a message, a bonus, a block, their other work. */
export function WorkerActions({
  assignment,
  blocked,
  onShowWorker,
}: {
  assignment: ReviewAssignment;
  blocked: boolean;
  onShowWorker: (() => void) | undefined;
}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const { worker } = assignment;
  const close = () => setDialog(null);

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={`More actions for ${worker.displayName}’s work on task #${assignment.task.number}`}
          >
            <IconDots size={16} aria-hidden="true" />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item
            leftSection={<IconMessage size={16} aria-hidden="true" />}
            onClick={() => setDialog('message')}
          >
            Message worker…
          </Menu.Item>
          {BONUSABLE.has(assignment.status) && (
            <Menu.Item
              leftSection={<IconGift size={16} aria-hidden="true" />}
              onClick={() => setDialog('bonus')}
            >
              Pay a bonus…
            </Menu.Item>
          )}
          {onShowWorker && (
            <Menu.Item
              leftSection={<IconFilter size={16} aria-hidden="true" />}
              onClick={onShowWorker}
            >
              Show only this worker’s work
            </Menu.Item>
          )}
          <Menu.Divider />
          {blocked ? (
            <Menu.Item
              leftSection={<IconLockOpen size={16} aria-hidden="true" />}
              onClick={() => setDialog('unblock')}
            >
              Unblock worker…
            </Menu.Item>
          ) : (
            <Menu.Item
              color="red"
              leftSection={<IconBan size={16} aria-hidden="true" />}
              onClick={() => setDialog('block')}
            >
              Block worker…
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      {dialog === 'message' && (
        <MessageDialog
          to={worker}
          assignmentId={assignment.id}
          title={`Message ${worker.displayName}`}
          opened
          onClose={close}
        />
      )}
      {dialog === 'bonus' && <BonusDialog assignment={assignment} onClose={close} />}
      {dialog === 'unblock' && <UnblockDialog worker={worker} onClose={close} />}
      {dialog === 'block' && <BlockWorkerDialog worker={worker} onClose={close} />}
    </>
  );
}
