import { Anchor, Button, Checkbox, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { signupBodySchema, type SignupBody } from '../../../shared/api/accounts.js';
import { LIMITS } from '../../../shared/limits.js';
import { useSignUp } from '../../api/accounts.js';
import { isApiError } from '../../api/client.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { serverFieldErrors, zodValidator } from '../../lib/forms.js';
import { paths } from '../../lib/paths.js';
import { AuthCard } from './AuthCard.js';

type Role = SignupBody['roles'][number];

function initialRoles(param: string | null): Role[] {
  return param === 'worker' || param === 'requester' ? [param] : [];
}

export function SignUpPage() {
  const [params] = useSearchParams();
  const signUp = useSignUp();
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<SignupBody>({
    initialValues: {
      displayName: '',
      email: '',
      password: '',
      roles: initialRoles(params.get('role')),
    },
    validate: zodValidator<SignupBody>(signupBodySchema),
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    signUp.mutate(values, {
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (isApiError(error, 409) && error.code === 'email_taken') fields.email = error.message;
        if (Object.keys(fields).length > 0) form.setErrors(fields);
        else setFormError(error);
      },
    });
  });

  return (
    <AuthCard
      title="Create your account"
      subtitle="Do paid tasks, post work, or both. It takes a minute."
      footer={
        <>
          Already have an account?{' '}
          <Anchor component={Link} to={paths.signIn} fw={600}>
            Sign in
          </Anchor>
        </>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError !== null && (
            <ErrorAlert error={formError} title="Could not create the account" />
          )}
          <TextInput
            label="Display name"
            description="Shown on your public profile and to the people you work with."
            autoComplete="name"
            required
            maxLength={LIMITS.displayNameMax}
            {...form.getInputProps('displayName')}
          />
          <TextInput
            label="Email"
            type="email"
            autoComplete="email"
            required
            maxLength={LIMITS.emailMax}
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            description={`At least ${LIMITS.passwordMin} characters.`}
            autoComplete="new-password"
            required
            maxLength={LIMITS.passwordMax}
            {...form.getInputProps('password')}
          />
          <Checkbox.Group
            label="How will you use Tessera?"
            description="Choose one or both; you can add the other later."
            required
            {...form.getInputProps('roles')}
          >
            <Stack gap="sm" mt="xs">
              <Checkbox
                value="worker"
                label="As a worker"
                description="Do paid tasks in the browser; get paid for approved work."
              />
              <Checkbox
                value="requester"
                label="As a requester"
                description="Publish and fund tasks, then review the results."
              />
            </Stack>
          </Checkbox.Group>
          <Button type="submit" fullWidth mt="xs" loading={signUp.isPending}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
