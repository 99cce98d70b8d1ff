import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import type { Project } from '../../../../shared/api/projects.js';
import { useProjectAction } from '../../../api/projects.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { errorMessage } from '../../../components/ErrorAlert.js';
import { isPilotRunning, PublishRestButton, RunPilotButton } from './PilotButtons.js';
import { PublishButton } from './PublishButton.js';

function CancelButton({ project }: { project: Project }) {
  const action = useProjectAction(project.id);
  const live = project.status !== 'draft';
  return (
    <ConfirmButton
      variant="default"
      color="red"
      title={`Cancel “${project.title}”?`}
      message={
        live
          ? 'Workers can no longer start its tasks. Work already started may still be submitted and reviewed; the unused escrow returns to your available funds once nothing is outstanding. This cannot be undone.'
          : 'The draft is closed for good. This cannot be undone.'
      }
      confirmLabel="Cancel project"
      confirmColor="red"
      onConfirm={async () => {
        await action.mutateAsync('cancel');
        notifications.show({ color: 'teal', title: 'Project cancelled', message: project.title });
      }}
    >
      Cancel project
    </ConfirmButton>
  );
}

function PauseResumeButton({ project }: { project: Project }) {
  const action = useProjectAction(project.id);
  const pause = project.status === 'published';
  return (
    <Button
      variant="default"
      leftSection={
        pause ? (
          <IconPlayerPause size={16} aria-hidden="true" />
        ) : (
          <IconPlayerPlay size={16} aria-hidden="true" />
        )
      }
      loading={action.isPending}
      onClick={() =>
        action.mutate(pause ? 'pause' : 'resume', {
          onSuccess: () =>
            notifications.show({
              color: 'teal',
              title: pause ? 'Project paused' : 'Project resumed',
              message: pause
                ? 'No one can start new tasks until you resume it.'
                : 'Workers can start its tasks again.',
            }),
          onError: (error) =>
            notifications.show({
              color: 'red',
              title: 'That did not work',
              message: errorMessage(error),
            }),
        })
      }
    >
      {pause ? 'Pause' : 'Resume'}
    </Button>
  );
}

/** The buttons that move a project through draft → published ⇄ paused → cancelled. */
export function LifecycleActions({ project }: { project: Project }) {
  switch (project.status) {
    case 'draft':
      return (
        <>
          <CancelButton project={project} />
          <RunPilotButton project={project} />
          <PublishButton project={project} />
        </>
      );
    case 'published':
    case 'paused':
      return (
        <>
          <CancelButton project={project} />
          <PauseResumeButton project={project} />
          {isPilotRunning(project) && <PublishRestButton project={project} />}
        </>
      );
    case 'completed':
    case 'cancelled':
      return null;
  }
}
