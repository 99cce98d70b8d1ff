import { Alert, Anchor, Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconClockExclamation } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { LoginBody } from '../../../shared/api/accounts.js';
import { useSignIn } from '../../api/accounts.js';
import { ApiError, isApiError } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { paths } from '../../lib/paths.js';
import { AuthCard } from './AuthCard.js';
import { CurrentPasswordInput, SignInEmailInput } from '../../components/AccountFields.js';

// The same words whatever went wrong, so the page never tells whether an email has an account.
const WRONG_CREDENTIALS = new ApiError(
  401,
  'invalid_credentials',
  'Email or password is incorrect.',
);

export function SignInPage() {
  const signIn = useSignIn();
  const [params] = useSearchParams();
  const expired = params.get('reason') === 'expired';
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<LoginBody>({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : 'Enter your email address'),
      password: (value) => (value ? null : 'Enter your password'),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    signIn.mutate(
      { email: values.email.trim(), password: values.password },
      {
        onError: (error) => {
          setFormError(isApiError(error, 401) ? WRONG_CREDENTIALS : error);
          form.setFieldValue('password', '');
        },
      },
    );
  });

  return (
    <AuthCard
      title="Sign in to Tessera"
      subtitle="Welcome back."
      footer={
        <>
          New to Tessera?{' '}
          <Anchor component={Link} to={paths.signUp} fw={600}>
            Create an account
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {expired && (
            <Alert
              color="tessera"
              variant="light"
              icon={<IconClockExclamation aria-hidden="true" />}
              title="Your session expired"
              role="status"
            >
              Sign in again to continue where you were. Unsaved changes to your projects are kept on
              this device and offered back when you return to them.
            </Alert>
          )}
          {formError !== null && <ErrorAlert error={formError} title="Could not sign you in" />}
          <SignInEmailInput {...form.getInputProps('email')} />
          <CurrentPasswordInput label="Password" {...form.getInputProps('password')} />
          <Group justify="flex-end" mt={-8}>
            <Anchor component={Link} to={paths.forgotPassword} size="sm">
              Forgot password?
            </Anchor>
          </Group>
          <Button type="submit" fullWidth mt="xs" loading={signIn.isPending}>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
