import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { serverFieldErrors, showSubmitError } from './forms.js';

/** The messages a failed send has for the form's own fields; none sends it to the form's alert. */
export type FieldErrorsOf<V> = (error: unknown, values: V) => Record<string, string>;

/**
 * A form sent to the API. `send` posts the checked values and calls `fail` when the API refuses
 * them: the problem then shows beside the fields it names, or else as `formError`, for the alert
 * above the form, which goes again as soon as the form is sent again.
 */
export function useFormSubmit<V>(
  form: UseFormReturnType<V>,
  send: (values: V, fail: (error: unknown) => void) => void,
  fieldErrorsOf: FieldErrorsOf<V> = serverFieldErrors,
) {
  const [formError, setFormError] = useState<unknown>(null);
  const submit = form.onSubmit((values) => {
    setFormError(null);
    send(values, (error) =>
      showSubmitError(error, form, setFormError, fieldErrorsOf(error, values)),
    );
  });
  return { submit, formError };
}
