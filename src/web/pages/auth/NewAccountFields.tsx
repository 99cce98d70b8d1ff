import { PasswordInput, TextInput } from '@mantine/core';
import type { GetInputProps } from '@mantine/form';
import { LIMITS } from '../../../shared/limits.js';
import { isApiError } from '../../api/client.js';
import { serverFieldErrors } from '../../lib/forms.js';

type NewAccountValues = { displayName: string; email: string; password: string };

/**
 * The name, email and new password of an account being made (sign-up, the first administrator),
 * with the same limits and autocomplete hints everywhere.
 */
export function NewAccountFields({
  getInputProps,
  displayNameDescription,
}: {
  getInputProps: GetInputProps<NewAccountValues>;
  displayNameDescription?: string;
}) {
  return (
    <>
      <TextInput
        label="Display name"
        description={displayNameDescription}
        autoComplete="name"
        required
        maxLength={LIMITS.displayNameMax}
        {...getInputProps('displayName')}
      />
      <TextInput
        label="Email"
        type="email"
        autoComplete="email"
        required
        maxLength={LIMITS.emailMax}
        {...getInputProps('email')}
      />
      <PasswordInput
        label="Password"
        description={`At least ${LIMITS.passwordMin} characters.`}
        autoComplete="new-password"
        required
        maxLength={LIMITS.passwordMax}
        {...getInputProps('password')}
      />
    </>
  );
}

/**
 * Where a failed account creation belongs: beside the field it names, a taken email included.
 * One that names none goes to the form's alert.
 */
export function accountFieldErrors(error: unknown): Record<string, string> {
  const fields = serverFieldErrors(error);
  if (isApiError(error, 409) && error.code === 'email_taken') fields.email = error.message;
  return fields;
}
