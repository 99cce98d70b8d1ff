import { Button, Group, type ButtonProps, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

type FormActionsProps = {
  /** The submit button's label. */
  children: ReactNode;
  onCancel: () => void;
  cancelLabel?: string;
  /** The submit button spins and Cancel waits while the form is being sent. */
  busy: boolean;
  /** Off where the form can be left while it is being sent. */
  holdCancelWhileBusy?: boolean;
  /** Set for a button outside a form: it then acts on click instead of submitting. */
  onSubmit?: () => void;
  gap?: MantineSpacing;
} & Pick<ButtonProps, 'color' | 'leftSection'>;

/** The buttons at the foot of a form or dialog: leave it, or send it. */
export function FormActions({
  children,
  onCancel,
  cancelLabel = 'Cancel',
  busy,
  holdCancelWhileBusy = true,
  onSubmit,
  gap = 'sm',
  ...submitLook
}: FormActionsProps) {
  return (
    <Group justify="flex-end" gap={gap}>
      <Button variant="default" onClick={onCancel} disabled={holdCancelWhileBusy && busy}>
        {cancelLabel}
      </Button>
      <Button
        type={onSubmit ? 'button' : 'submit'}
        onClick={onSubmit}
        loading={busy}
        {...submitLook}
      >
        {children}
      </Button>
    </Group>
  );
}
