import { Button, Modal, Stack, Text, TextInput, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FormActions } from '../../../components/FormActions.js';
import { useSettlingAction } from '../../../lib/use-settling-action.js';

type NoteDialogButtonProps = Omit<ButtonProps, 'onClick' | 'loading'> & {
  children: ReactNode;
  'aria-label'?: string;
  title: string;
  message: ReactNode;
  noteLabel: string;
  noteDescription?: string;
  /** A required note may not be blank. */
  noteRequired: boolean;
  confirmLabel: string;
  confirmColor?: ButtonProps['color'];
  /** The dialog stays open (with a spinner) until this settles; a failure is shown in it. */
  onConfirm: (note: string) => Promise<unknown>;
};

/** Like ConfirmButton, for actions that take a short note (a payment reference, a reason). */
export function NoteDialogButton({
  children,
  title,
  message,
  noteLabel,
  noteDescription,
  noteRequired,
  confirmLabel,
  confirmColor,
  onConfirm,
  ...buttonProps
}: NoteDialogButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run, clearError } = useSettlingAction();

  const openDialog = () => {
    setNote('');
    setMissing(false);
    clearError();
    open();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (noteRequired && note.trim() === '') {
      setMissing(true);
      return;
    }
    await run(() => onConfirm(note.trim()), close);
  };

  return (
    <>
      <Button {...buttonProps} onClick={openDialog}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack gap="md">
            <Text size="sm">{message}</Text>
            <TextInput
              label={noteLabel}
              description={noteDescription}
              value={note}
              onChange={(event) => {
                setNote(event.currentTarget.value);
                setMissing(false);
              }}
              error={missing ? `${noteLabel} is required` : undefined}
              required={noteRequired}
              maxLength={200}
              data-autofocus
            />
            {error !== null && <ErrorAlert error={error} title="That did not work" />}
            <FormActions onCancel={close} busy={busy} color={confirmColor} gap="md">
              {confirmLabel}
            </FormActions>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
