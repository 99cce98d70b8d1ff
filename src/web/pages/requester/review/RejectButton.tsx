import { Button, type ButtonProps } from '@mantine/core';
import { IconX } from '@tabler/icons-react';

type RejectButtonProps = ButtonProps & {
  /** Opens the dialog that asks for the reason; nothing is rejected before it is given. */
  onClick: () => void;
  'aria-label'?: string;
};

/** Review's reject button, the same on one submission and on many. */
export function RejectButton(props: RejectButtonProps) {
  return (
    <Button
      size="xs"
      color="red"
      variant="light"
      leftSection={<IconX size={14} aria-hidden="true" />}
      {...props}
    />
  );
}
