import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';
import { useSettlingAction } from '../lib/use-settling-action.js';

type ConfirmButtonProps = Omit<ButtonProps, 'onClick' | 'loading'> & {
  children: ReactNode;
  /** The dialog's heading, e.g. "Suspend Ada Lovelace?". */
  title: string;
  /** What will happen, in plain words. */
  message: ReactNode;
  confirmLabel: string;
  /** The button that closes the dialog without acting (default "Cancel"). */
  dismissLabel?: string;
  /** Colour of the confirming button; defaults to the trigger's colour. */
  confirmColor?: ButtonProps['color'];
  /** The dialog stays open (with a spinner) until this settles. */
  onConfirm: () => Promise<unknown>;
  'aria-label'?: string;
};

/** A button for actions that deserve a second thought: it asks before it acts. */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  dismissLabel = 'Cancel',
  confirmColor,
  onConfirm,
  color,
  ...buttonProps
}: ConfirmButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const { busy, error, run } = useSettlingAction();

  return (
    <>
      <Button color={color} {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        {typeof message === 'string' ? <Text size="sm">{message}</Text> : message}
        {error !== null && <ErrorAlert error={error} title="That did not work" mt="md" />}
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={close} disabled={busy}>
            {dismissLabel}
          </Button>
          <Button
            color={confirmColor ?? color}
            loading={busy}
            onClick={() => void run(onConfirm, close)}
          >
            {confirmLabel}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
