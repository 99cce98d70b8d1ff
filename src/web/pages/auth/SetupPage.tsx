import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { setupAdminBodySchema, type SetupAdminBody } from '../../../shared/api/setup.js';
import { LIMITS } from '../../../shared/limits.js';
import { isApiError } from '../../api/client.js';
import { useCreateFirstAdmin } from '../../api/setup.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { serverFieldErrors, zodValidator } from '../../lib/forms.js';
import { paths } from '../../lib/paths.js';
import { AuthCard } from './AuthCard.js';

/** The page behind the one-time link a server prints while it has no administrator. */
export function SetupPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const createAdmin = useCreateFirstAdmin();
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<SetupAdminBody>({
    initialValues: { token, displayName: 'Administrator', email: '', password: '' },
    validate: zodValidator<SetupAdminBody>(setupAdminBodySchema),
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    createAdmin.mutate(values, {
      onSuccess: () => void navigate(paths.admin.users),
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
      title="Create the first administrator"
      subtitle="Administrators manage users and payouts. This link works once."
      footer={
        <Text span size="sm" c="dimmed">
          Administrators give the role to others from the Users page.
        </Text>
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError !== null && (
            <ErrorAlert error={formError} title="Could not create the administrator" />
          )}
          <TextInput
            label="Display name"
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
          <Button type="submit" fullWidth mt="xs" loading={createAdmin.isPending}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
