import { Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useNavigate, useParams } from 'react-router';
import { setupAdminBodySchema, type SetupAdminBody } from '../../../shared/api/setup.js';
import { useCreateFirstAdmin } from '../../api/setup.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { zodValidator } from '../../lib/forms.js';
import { paths } from '../../lib/paths.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { AuthCard } from './AuthCard.js';
import { NewAccountFields, accountFieldErrors } from './NewAccountFields.js';

/** The page behind the one-time link a server prints while it has no administrator. */
export function SetupPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const createAdmin = useCreateFirstAdmin();
  const form = useForm<SetupAdminBody>({
    initialValues: { token, displayName: 'Administrator', email: '', password: '' },
    validate: zodValidator<SetupAdminBody>(setupAdminBodySchema),
  });

  const { submit, formError } = useFormSubmit(
    form,
    (values, fail) =>
      createAdmin.mutate(values, {
        onSuccess: () => void navigate(paths.admin.users),
        onError: fail,
      }),
    accountFieldErrors,
  );

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
          <NewAccountFields getInputProps={form.getInputProps} />
          <Button type="submit" fullWidth mt="xs" loading={createAdmin.isPending}>
            Create administrator
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
