import { Alert, Anchor, Button, List, Modal, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconRocket } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Project } from '../../../../shared/api/projects.js';
import { formatCents, platformFeeCents } from '../../../../shared/money.js';
import { isApiError } from '../../../api/client.js';
import { useBalance } from '../../../api/money.js';
import { useProjectAction } from '../../../api/projects.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { paths } from '../../../lib/paths.js';
import { shortageOf, type FundsShortage } from '../lib/funds.js';
import { publishEscrowCents } from '../lib/units.js';
import { isRecord } from '../../../lib/narrow.js';
import { FormActions } from '../../../components/FormActions.js';
import { InsufficientFundsAlert } from '../InsufficientFundsAlert.js';

function problemsOf(error: unknown): string[] {
  if (!isApiError(error, 409) || error.code !== 'not_publishable') return [];
  const problems = isRecord(error.details) ? error.details.problems : undefined;
  return Array.isArray(problems) ? problems.filter((p): p is string => typeof p === 'string') : [];
}

function InsufficientFunds({ shortage }: { shortage: FundsShortage }) {
  return (
    <InsufficientFundsAlert title="Not enough funds to publish">
      Publishing needs <strong>{formatCents(shortage.neededCents)}</strong> in escrow, but only{' '}
      <strong>{formatCents(shortage.availableCents)}</strong> is available. Add at least{' '}
      {formatCents(shortage.neededCents - shortage.availableCents)} and try again.
    </InsufficientFundsAlert>
  );
}

/** Publishing takes the whole budget into escrow, so the dialog shows the sum before it acts. */
export function PublishButton({ project }: { project: Project }) {
  const [opened, { open, close }] = useDisclosure(false);
  const balance = useBalance();
  const action = useProjectAction(project.id);
  const feePercent = balance.data?.platformFeePercent ?? 0;
  const feeCents = platformFeeCents(project.rewardCents, feePercent);
  const tasks = project.progress.tasks;
  const total = publishEscrowCents({
    tasks,
    // Adaptive overlap holds escrow for every slot a task may open.
    assignmentsPerTask: project.overlap?.max ?? project.assignmentsPerTask,
    rewardCents: project.rewardCents,
    feePercent,
  });
  const shortage = shortageOf(action.error);
  const problems = problemsOf(action.error);
  const available = balance.data?.availableCents;

  const publish = () =>
    action.mutate('publish', {
      onSuccess: () => {
        close();
        notifications.show({
          color: 'teal',
          title: 'Project published',
          message: `${formatCents(total)} moved into escrow. Workers can start now.`,
        });
      },
    });

  return (
    <>
      <Button
        leftSection={<IconRocket size={16} aria-hidden="true" />}
        onClick={() => {
          action.reset();
          open();
        }}
      >
        Publish
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title={`Publish “${project.title}”?`}
        centered
        size="lg"
      >
        <Stack gap="md">
          <Text size="sm">
            Workers who qualify can start at once. The reward for every assignment is held in escrow
            now and paid out as you approve work; whatever is not used comes back to you.
          </Text>
          <Table withTableBorder withColumnBorders={false} aria-label="Escrow needed to publish">
            <Table.Tbody>
              <Table.Tr>
                <Table.Td>Tasks</Table.Td>
                <Table.Td ta="right">{tasks.toLocaleString('en')}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>
                  {project.overlap ? 'Assignments per task, at most' : 'Assignments per task'}
                </Table.Td>
                <Table.Td ta="right">
                  × {project.overlap?.max ?? project.assignmentsPerTask}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td>
                  Reward {formatCents(project.rewardCents)} + platform fee {formatCents(feeCents)}{' '}
                  <Text span size="xs" c="dimmed">
                    ({feePercent}%)
                  </Text>
                </Table.Td>
                <Table.Td ta="right">× {formatCents(project.rewardCents + feeCents)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td fw={700}>Escrow to take</Table.Td>
                <Table.Td ta="right" fw={700} data-testid="publish-escrow">
                  {formatCents(total)}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">Available now</Table.Td>
                <Table.Td ta="right" c="dimmed">
                  {available === undefined ? '…' : formatCents(available)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {shortage && <InsufficientFunds shortage={shortage} />}
          {!shortage && available !== undefined && available < total && !action.isError && (
            <Text size="sm">
              <IconAlertTriangle size={14} aria-hidden="true" className="warning-icon" /> Your
              available funds look short of this amount.{' '}
              <Anchor component={Link} to={paths.requester.funds} size="sm">
                Add funds
              </Anchor>{' '}
              first, or publish to try anyway.
            </Text>
          )}
          {problems.length > 0 && (
            <Alert color="red" variant="light" role="alert" title="This project is not ready yet">
              <List size="sm" spacing={2}>
                {problems.map((problem) => (
                  <List.Item key={problem}>{problem}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {action.isError && !shortage && problems.length === 0 && (
            <ErrorAlert error={action.error} title="Could not publish" />
          )}
          <FormActions
            onCancel={close}
            cancelLabel="Not yet"
            busy={action.isPending}
            onSubmit={publish}
            leftSection={<IconRocket size={16} aria-hidden="true" />}
          >
            Publish and escrow {formatCents(total)}
          </FormActions>
        </Stack>
      </Modal>
    </>
  );
}
