import { Anchor, Button, Checkbox, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useSearchParams } from 'react-router';
import { signupBodySchema, type SignupBody } from '../../../shared/api/accounts.js';
import { useSignUp } from '../../api/accounts.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { zodValidator } from '../../lib/forms.js';
import { paths } from '../../lib/paths.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { AuthCard } from './AuthCard.js';
import { NewAccountFields, accountFieldErrors } from './NewAccountFields.js';

type Role = SignupBody['roles'][number];

function initialRoles(param: string | null): Role[] {
  return param === 'worker' || param === 'requester' ? [param] : [];
}

export function SignUpPage() {
  const [params] = useSearchParams();
  const signUp = useSignUp();
  const form = useForm<SignupBody>({
    initialValues: {
      displayName: '',
      email: '',
      password: '',
      roles: initialRoles(params.get('role')),
    },
    validate: zodValidator<SignupBody>(signupBodySchema),
  });

  const { submit, formError } = useFormSubmit(
    form,
    (values, fail) => signUp.mutate(values, { onError: fail }),
    accountFieldErrors,
  );

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
          <NewAccountFields
            getInputProps={form.getInputProps}
            displayNameDescription="Shown on your public profile and to the people you work with."
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
