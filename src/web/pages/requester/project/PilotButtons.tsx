import { Button, Modal, NumberInput, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFlask, IconRocket } from '@tabler/icons-react';
import { useState } from 'react';
import { PILOT_LIMITS } from '../../../../shared/api/pilot.js';
import type { Project } from '../../../../shared/api/projects.js';
import { formatCents } from '../../../../shared/money.js';
import { countOf } from '../../../lib/format.js';
import { useBalance } from '../../../api/money.js';
import { useRunPilot } from '../../../api/pilot.js';
import { useProjectAction } from '../../../api/projects.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FormActions } from '../../../components/FormActions.js';
import { publishEscrowCents } from '../lib/units.js';

/** A pilot runs from its start until the rest is published (DESIGN §10). */
export function isPilotRunning(project: Project): boolean {
  return (
    project.pilot !== null &&
    project.pilot.endedAt === null &&
    (project.status === 'published' || project.status === 'paused')
  );
}

/** What `tasks` of this project hold in escrow: every slot (adaptive overlap's `max`) + fee. */
function useEscrowOf(project: Project) {
  const balance = useBalance();
  const feePercent = balance.data?.platformFeePercent ?? 0;
  return (tasks: number) =>
    publishEscrowCents({
      tasks,
      assignmentsPerTask: project.overlap?.max ?? project.assignmentsPerTask,
      rewardCents: project.rewardCents,
      feePercent,
    });
}

/** Publishes a draft's first tasks to a few workers, who say what was unclear. */
export function RunPilotButton({ project }: { project: Project }) {
  const [opened, { open, close }] = useDisclosure(false);
  const run = useRunPilot(project.id);
  const escrowOf = useEscrowOf(project);
  const available = project.progress.tasks;
  const [tasks, setTasks] = useState<number | string>(Math.min(5, Math.max(1, available)));
  const [workers, setWorkers] = useState<number | string>(3);
  const taskCount = typeof tasks === 'number' ? tasks : 0;
  const start = () =>
    run.mutate(
      { tasks: taskCount, workers: typeof workers === 'number' ? workers : 0 },
      {
        onSuccess: () => {
          close();
          notifications.show({
            color: 'teal',
            title: 'Pilot started',
            message: `${countOf(taskCount, 'task')} ${taskCount === 1 ? 'is' : 'are'} open to the first workers. Read their feedback in the Pilot tab.`,
          });
        },
      },
    );
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconFlask size={16} aria-hidden="true" />}
        onClick={() => {
          run.reset();
          open();
        }}
      >
        Run a pilot
      </Button>
      <Modal opened={opened} onClose={close} title={`Run a pilot of “${project.title}”`} centered>
        <Stack gap="md">
          <Text size="sm">
            Only the first tasks you uploaded open, to the first workers who accept. Each of them is
            asked <em>What was unclear?</em> with every submission. You can then change the
            instructions and the form, and publish the rest.
          </Text>
          <SimpleGrid cols={2}>
            <NumberInput
              label="Tasks in the pilot"
              description={`Of ${available.toLocaleString('en')}`}
              min={1}
              max={Math.min(available, PILOT_LIMITS.tasksMax)}
              allowDecimal={false}
              value={tasks}
              onChange={setTasks}
            />
            <NumberInput
              label="Workers"
              description="At most, different people"
              min={1}
              max={PILOT_LIMITS.workersMax}
              allowDecimal={false}
              value={workers}
              onChange={setWorkers}
            />
          </SimpleGrid>
          <Text size="sm" data-testid="pilot-escrow">
            Escrow now: <strong>{formatCents(escrowOf(taskCount))}</strong> (the rest is escrowed
            when you publish it).
          </Text>
          {run.isError && <ErrorAlert error={run.error} title="Could not start the pilot" />}
          <FormActions
            onCancel={close}
            cancelLabel="Not yet"
            busy={run.isPending}
            onSubmit={start}
            leftSection={<IconFlask size={16} aria-hidden="true" />}
          >
            Start the pilot
          </FormActions>
        </Stack>
      </Modal>
    </>
  );
}

/** Ends a pilot: the tasks it held back are escrowed and open to every worker. */
export function PublishRestButton({ project }: { project: Project }) {
  const action = useProjectAction(project.id);
  const escrowOf = useEscrowOf(project);
  const rest = project.progress.tasks - (project.pilot?.tasks ?? 0);
  return (
    <ConfirmButton
      leftSection={<IconRocket size={16} aria-hidden="true" />}
      title={`Publish the rest of “${project.title}”?`}
      message={`The remaining ${countOf(rest, 'task')} open to every qualified worker, and about ${formatCents(escrowOf(rest))} moves into escrow. The pilot's answers stay in your results.`}
      confirmLabel="Publish the rest"
      onConfirm={async () => {
        await action.mutateAsync('publish');
        notifications.show({
          color: 'teal',
          title: 'The rest is published',
          message: 'Every worker can now take its remaining tasks.',
        });
      }}
    >
      Publish the rest
    </ConfirmButton>
  );
}
