import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import type { OptionValueChange } from '../../../shared/templates/published-changes.js';

type OptionValueChangeDialogProps = {
  /** The values about to change; the dialog is open while this is not null. */
  changes: readonly OptionValueChange[] | null;
  /** Answers already given (submitted or approved). */
  answerCount: number;
  /** Assignments open right now, whose workers still see the old options. */
  inProgressCount: number;
  onCancel: () => void;
  onConfirm: () => void;
};

/**
 * Asks before a published project's options record new values: answers already given keep the
 * old ones, so exports will hold both.
 */
export function OptionValueChangeDialog({
  changes,
  answerCount,
  inProgressCount,
  onCancel,
  onConfirm,
}: OptionValueChangeDialogProps) {
  return (
    <Modal
      opened={changes !== null}
      onClose={onCancel}
      title="Change what these options record?"
      centered
    >
      <Stack gap="sm">
        <Text size="sm">
          This project is published.{' '}
          {answerCount === 0
            ? 'No answers have been given yet, but workers may be answering it now with the old options.'
            : `${answerCount} ${answerCount === 1 ? 'answer already given keeps' : 'answers already given keep'} the old values, so exports will mix old and new values.`}
        </Text>
        <List size="sm" spacing={4}>
          {changes?.map((change) => (
            <List.Item key={`${change.item}.${change.from}.${change.to}`}>
              {change.item}: <code>{change.from}</code> → <code>{change.to}</code>
            </List.Item>
          ))}
        </List>
        {inProgressCount > 0 && (
          <Text size="sm">
            {inProgressCount === 1
              ? 'One worker has a task open with the old options: '
              : `${inProgressCount} workers have a task open with the old options: `}
            an answer they send with a changed option is refused until they reload the task.
          </Text>
        )}
        <Text size="sm">
          To keep answers comparable, change only the labels and keep the values.
        </Text>
      </Stack>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel} data-autofocus>
          Keep the old values
        </Button>
        <Button color="red" onClick={onConfirm}>
          Change values
        </Button>
      </Group>
    </Modal>
  );
}
