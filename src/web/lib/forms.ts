import type { z } from 'zod';
import { isApiError } from '../api/client.js';

export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/**
 * A @mantine/form validator from a shared zod schema, so the form checks exactly what the API
 * checks. Messages go to the field named by the first path segment.
 */
export function zodValidator<T>(schema: z.ZodType) {
  return (values: T): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field && !(field in errors)) errors[field] = sentence(issue.message);
    }
    return errors;
  };
}

/** The API's per-field messages (`details: [{ path: 'body.email', message }]`), capitalised. */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  return Object.fromEntries(
    Object.entries(error.fieldErrors()).map(([field, message]) => [field, sentence(message)]),
  );
}

/** Where a failed submit's problem shows: beside the fields the API named, else above the form. */
export function showSubmitError(
  error: unknown,
  form: { setErrors: (errors: Record<string, string>) => void },
  setFormError: (error: unknown) => void,
  fields = serverFieldErrors(error),
) {
  if (Object.keys(fields).length > 0) form.setErrors(fields);
  else setFormError(error);
}
