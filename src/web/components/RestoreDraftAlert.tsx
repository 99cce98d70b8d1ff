import { Alert, Button, Group, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { formatDateTime } from '../lib/format.js';

type RestoreDraftAlertProps = {
  /** When the kept edits were last changed (ISO). */
  savedAt: string;
  /** What the edits were to, e.g. "this design". */
  what: string;
  onRestore: () => void;
  onDiscard: () => void;
};

/** Offers back edits that were kept on this device when the page was left without saving. */
export function RestoreDraftAlert({ savedAt, what, onRestore, onDiscard }: RestoreDraftAlertProps) {
  return (
    <Alert
      color="tessera"
      variant="light"
      icon={<IconHistory aria-hidden="true" />}
      title={`Restore your unsaved changes from ${formatDateTime(savedAt)}?`}
      role="region"
    >
      <Text size="sm">
        You left {what} with changes that were not saved (for example, when your session expired).
        They were kept on this device.
      </Text>
      <Group gap="sm" mt="sm">
        <Button size="xs" onClick={onRestore}>
          Restore changes
        </Button>
        <Button size="xs" variant="default" onClick={onDiscard}>
          Discard them
        </Button>
      </Group>
    </Alert>
  );
}
