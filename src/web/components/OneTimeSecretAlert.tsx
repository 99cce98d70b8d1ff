import { Alert, Button, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

type OneTimeSecretAlertProps = {
  /** The kind of secret's icon, e.g. a key. */
  icon: ReactNode;
  title: string;
  /** What to do with the secret, and the secret itself with its copy button. */
  children: ReactNode;
  /** The button that dismisses it once the secret is safe. */
  doneLabel?: string;
  onDone: () => void;
};

/**
 * A secret made just now (a token, a signing secret, an access key, a client secret), shown the
 * only time the server can show it: it keeps just a hash. Dismissed once the person has copied it.
 */
export function OneTimeSecretAlert({
  icon,
  title,
  children,
  doneLabel = 'I have copied it',
  onDone,
}: OneTimeSecretAlertProps) {
  return (
    <Alert color="teal" variant="light" icon={icon} title={title}>
      <Stack gap="sm">
        {children}
        <Button size="xs" variant="white" color="teal" onClick={onDone} w="fit-content">
          {doneLabel}
        </Button>
      </Stack>
    </Alert>
  );
}
