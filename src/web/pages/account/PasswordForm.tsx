import { Button, Checkbox, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { changePasswordBodySchema } from '../../../shared/api/accounts.js';
import { useChangePassword } from '../../api/accounts.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { zodValidator } from '../../lib/forms.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { CurrentPasswordInput, NewPasswordInputs } from '../../components/AccountFields.js';

type PasswordValues = {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
  revokeTokens: boolean;
};

const checkApiFields =
  zodValidator<Pick<PasswordValues, 'currentPassword' | 'newPassword'>>(changePasswordBodySchema);

export function PasswordForm() {
  const changePassword = useChangePassword();
  const form = useForm<PasswordValues>({
    initialValues: {
      currentPassword: '',
      newPassword: '',
      confirmPassword: '',
      revokeTokens: true,
    },
    validate: (values) => {
      const { currentPassword, newPassword } = values;
      const errors = checkApiFields({ currentPassword, newPassword });
      if (!values.currentPassword) errors.currentPassword = 'Enter your current password';
      if (values.confirmPassword !== values.newPassword) {
        errors.confirmPassword = 'Does not match the new password';
      }
      return errors;
    },
  });

  const { submit, formError } = useFormSubmit(
    form,
    ({ currentPassword, newPassword, revokeTokens }, fail) => {
      changePassword.mutate(
        { currentPassword, newPassword, revokeTokens },
        {
          onSuccess: () => {
            form.reset();
            notifications.show({
              color: 'teal',
              title: 'Password changed',
              message: revokeTokens
                ? 'Your other sessions have been signed out, your access tokens revoked and your apps disconnected.'
                : 'Your other sessions have been signed out.',
            });
          },
          onError: fail,
        },
      );
    },
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Change password">
      <Stack gap="md">
        {formError !== null && (
          <ErrorAlert error={formError} title="Could not change your password" />
        )}
        <CurrentPasswordInput label="Current password" {...form.getInputProps('currentPassword')} />
        <NewPasswordInputs
          password={form.getInputProps('newPassword')}
          confirmation={form.getInputProps('confirmPassword')}
        />
        <Checkbox
          label="Also sign out apps and revoke personal access tokens"
          description="Recommended if someone else may have known your old password: anything they connected or created with it stops working. Untick to keep your scripts and connected apps running. Your other browser sessions are signed out either way."
          {...form.getInputProps('revokeTokens', { type: 'checkbox' })}
        />
        <Group justify="flex-end" mt="xs">
          <Button type="submit" variant="default" loading={changePassword.isPending}>
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
