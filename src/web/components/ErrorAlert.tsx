import { Alert, Button, type AlertProps } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { isApiError } from '../api/client.js';

type ErrorAlertProps = Pick<AlertProps, 'mt' | 'mb'> & {
  error: unknown;
  title?: string;
  /** Shown as a "Try again" button when the failure may be temporary. */
  onRetry?: () => void;
};

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  return 'Something went wrong. Reload the page and try again.';
}

export function ErrorAlert({
  error,
  title = 'Something went wrong',
  onRetry,
  ...spacing
}: ErrorAlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertCircle aria-hidden="true" />}
      role="alert"
      {...spacing}
    >
      {errorMessage(error)}
      {onRetry && (
        <Button display="block" mt="sm" size="xs" variant="white" color="red" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Alert>
  );
}
