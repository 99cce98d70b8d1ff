import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** Why an action could not go ahead and what to do about it, announced when it appears. */
export function ProblemAlert({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title={title}
    >
      {children}
    </Alert>
  );
}
