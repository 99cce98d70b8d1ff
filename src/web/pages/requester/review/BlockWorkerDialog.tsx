import { notifications } from '@mantine/notifications';
import { useBlockWorker } from '../../../api/review.js';
import { ReasonDialog } from './ReasonDialog.js';

/** Asks why, then blocks the worker from all of the requester's projects (review and Workers tab). */
export function BlockWorkerDialog({
  worker,
  onClose,
}: {
  worker: { id: string; displayName: string };
  onClose: () => void;
}) {
  const block = useBlockWorker();
  return (
    <ReasonDialog
      title={`Block ${worker.displayName}?`}
      intro={`${worker.displayName} will no longer see your projects or accept their tasks. Work they have already accepted can still be submitted, and you review it as usual.`}
      label="Reason"
      description="For your records: why this worker should not do your tasks."
      missingMessage="Say why you are blocking this worker."
      confirmLabel="Block worker"
      onClose={onClose}
      onConfirm={(reason) =>
        block.mutateAsync(
          { workerId: worker.id, reason },
          {
            onSuccess: () =>
              notifications.show({
                color: 'teal',
                title: 'Worker blocked',
                message: `${worker.displayName} no longer sees your projects.`,
              }),
          },
        )
      }
    />
  );
}
