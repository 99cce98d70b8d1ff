import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { LIMITS } from '../../../shared/limits.js';
import { passwordSchema } from '../../../shared/api/accounts.js';
import { isApiError } from '../../api/client.js';
import { tokenFromHash, useResetPassword } from '../../api/email.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SuccessAlert } from '../../components/SuccessAlert.js';
import { serverFieldErrors } from '../../lib/forms.js';
import { paths } from '../../lib/paths.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { AuthCard } from './AuthCard.js';
import { NewPasswordInputs } from '../../components/AccountFields.js';

type Values = { password: string; confirmPassword: string };

/** The link's token is not a field here: any other problem (an expired link) goes to the alert. */
function passwordErrorOnly(error: unknown): Record<string, string> {
  const { password } = serverFieldErrors(error);
  return password ? { password } : {};
}

/** Where a reset link lands: choose a new password with the token from the link's fragment. */
export function ResetPasswordPage() {
  const location = useLocation();
  // Read once: the fragment is cleared from the address bar so it does not linger in history.
  const [token] = useState(() => tokenFromHash(location.hash));
  const reset = useResetPassword();
  const form = useForm<Values>({
    initialValues: { password: '', confirmPassword: '' },
    validate: {
      password: (value) => {
        const parsed = passwordSchema.safeParse(value);
        return parsed.success ? null : `Must be at least ${LIMITS.passwordMin} characters`;
      },
      confirmPassword: (value, values) =>
        value === values.password ? null : 'Does not match the new password',
    },
  });

  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
  }, []);

  const { submit, formError } = useFormSubmit(
    form,
    (values, fail) => reset.mutate({ token, password: values.password }, { onError: fail }),
    passwordErrorOnly,
  );

  const footer = (
    <>
      Need a new link?{' '}
      <Anchor component={Link} to={paths.forgotPassword} fw={600}>
        Ask for one
      </Anchor>
    </>
  );

  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed" subtitle="Sign in with your new password." footer={null}>
        <Stack gap="md">
          <SuccessAlert title="Your new password is set">
            You were signed out everywhere, and your access tokens and connected apps were revoked.
          </SuccessAlert>
          <Button component={Link} to={paths.signIn} fullWidth>
            Sign in
          </Button>
        </Stack>
      </AuthCard>
    );
  }

  const linkBroken = !token || isApiError(formError, 403);
  return (
    <AuthCard
      title="Choose a new password"
      subtitle="The link in your email works once, for an hour."
      footer={footer}
    >
      {!token ? (
        <Stack gap="md">
          <Text>
            This page needs the link from your email. Open the link again, or ask for a new one.
          </Text>
          <Button component={Link} to={paths.forgotPassword}>
            Ask for a new link
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Choose a new password">
          <Stack gap="md">
            {formError !== null && (
              <ErrorAlert
                error={formError}
                title={linkBroken ? 'This link does not work' : 'Could not set your password'}
              />
            )}
            <NewPasswordInputs
              password={form.getInputProps('password')}
              confirmation={form.getInputProps('confirmPassword')}
            />
            <Button type="submit" fullWidth mt="xs" loading={reset.isPending}>
              Set new password
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
