import {
  PasswordInput,
  TextInput,
  type PasswordInputProps,
  type TextInputProps,
} from '@mantine/core';
import { LIMITS } from '../../shared/limits.js';

/*
 * The fields that identify a person, with the same limits and autocomplete hints on every form,
 * so password managers fill and save them wherever they appear.
 */

/** The email someone signs in with. */
export function SignInEmailInput(props: TextInputProps) {
  return (
    <TextInput
      label="Email"
      type="email"
      autoComplete="username"
      required
      maxLength={LIMITS.emailMax}
      {...props}
    />
  );
}

/** The password someone has now. */
export function CurrentPasswordInput(props: PasswordInputProps) {
  return (
    <PasswordInput
      autoComplete="current-password"
      required
      maxLength={LIMITS.passwordMax}
      {...props}
    />
  );
}

/** A new password, and the same again to catch a typing mistake. */
export function NewPasswordInputs({
  password,
  confirmation,
}: {
  password: PasswordInputProps;
  confirmation: PasswordInputProps;
}) {
  return (
    <>
      <PasswordInput
        label="New password"
        description={`At least ${LIMITS.passwordMin} characters.`}
        autoComplete="new-password"
        required
        maxLength={LIMITS.passwordMax}
        {...password}
      />
      <PasswordInput
        label="Repeat the new password"
        autoComplete="new-password"
        required
        maxLength={LIMITS.passwordMax}
        {...confirmation}
      />
    </>
  );
}
