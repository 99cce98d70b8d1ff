import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconMailCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/email.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { SuccessAlert } from '../../components/SuccessAlert.js';
import { paths } from '../../lib/paths.js';
import { AuthCard } from './AuthCard.js';
import { SignInEmailInput } from '../../components/AccountFields.js';

/** "Forgot password?": asks for an email and says the same thing whether or not it has an account. */
export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const form = useForm({
    initialValues: { email: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : 'Enter your email address'),
    },
  });

  const submit = form.onSubmit((values) => request.mutate(values.email.trim()));

  return (
    <AuthCard
      title="Forgot your password?"
      subtitle="We will email you a link to choose a new one."
      footer={
        <>
          Remembered it?{' '}
          <Anchor component={Link} to={paths.signIn} fw={600}>
            Back to sign in
          </Anchor>
        </>
      }
    >
      {request.isSuccess ? (
        <Stack gap="md">
          <SuccessAlert icon={<IconMailCheck aria-hidden="true" />} title="Check your email">
            {request.data.message}
          </SuccessAlert>
          <Text size="sm" c="dimmed">
            Nothing after a few minutes? Look in your spam folder, check the address you typed, or
            ask this site’s administrators for a reset link.
          </Text>
          <Button variant="default" onClick={() => request.reset()}>
            Use another email
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            {request.isError && (
              <ErrorAlert error={request.error} title="Could not send the email" />
            )}
            <SignInEmailInput {...form.getInputProps('email')} />
            <Button type="submit" fullWidth mt="xs" loading={request.isPending}>
              Email me a reset link
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
