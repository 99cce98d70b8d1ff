import { Alert } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type SuccessAlertProps = {
  title: string;
  children: ReactNode;
  /** Defaults to a check mark. */
  icon?: ReactNode;
};

/** What a finished action achieved, announced politely (a status, not an alert) when it appears. */
export function SuccessAlert({ title, children, icon }: SuccessAlertProps) {
  return (
    <Alert
      color="teal"
      variant="light"
      role="status"
      icon={icon ?? <IconCircleCheck aria-hidden="true" />}
      title={title}
    >
      {children}
    </Alert>
  );
}
