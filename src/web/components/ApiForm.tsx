import { Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';
import { FormActions } from './FormActions.js';

type ApiFormProps = {
  /** The form's accessible name, e.g. "New access token". */
  label: string;
  onSubmit: (event?: FormEvent<HTMLFormElement>) => void;
  /** A refusal no field owns (useFormSubmit's `formError`), shown above the fields; null for none. */
  formError: unknown;
  /** The alert's title, e.g. "Could not create the token". */
  errorTitle: string;
  onCancel: () => void;
  busy: boolean;
  /** The send button's label. */
  submitLabel: ReactNode;
  /** The fields. */
  children: ReactNode;
};

/**
 * A form that makes or changes one thing through the API, laid out as every such form is: the
 * alert for a problem no field owns, the fields, then Cancel and the send button. Cancel stays
 * open while it is being sent: leaving does not undo the send.
 */
export function ApiForm({
  label,
  onSubmit,
  formError,
  errorTitle,
  onCancel,
  busy,
  submitLabel,
  children,
}: ApiFormProps) {
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label}>
      <Stack gap="md">
        {formError !== null && <ErrorAlert error={formError} title={errorTitle} />}
        {children}
        <FormActions onCancel={onCancel} busy={busy} holdCancelWhileBusy={false}>
          {submitLabel}
        </FormActions>
      </Stack>
    </form>
  );
}
