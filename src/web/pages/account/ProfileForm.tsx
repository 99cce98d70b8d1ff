import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { updateMeBodySchema, type User } from '../../../shared/api/accounts.js';
import { LIMITS } from '../../../shared/limits.js';
import { useUpdateMe } from '../../api/accounts.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { zodValidator } from '../../lib/forms.js';
import { paths } from '../../lib/paths.js';
import { browserTimeZone, COUNTRY_OPTIONS, TIMEZONE_OPTIONS } from '../../lib/places.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';

type ProfileValues = {
  displayName: string;
  handle: string;
  bio: string;
  country: string | null;
  timezone: string | null;
  showEarnings: boolean;
};

function valuesOf(user: User): ProfileValues {
  return {
    displayName: user.displayName,
    handle: user.handle,
    bio: user.bio,
    country: user.country,
    timezone: user.timezone,
    showEarnings: user.showEarnings,
  };
}

export function ProfileForm({ user }: { user: User }) {
  const updateMe = useUpdateMe();
  const form = useForm<ProfileValues>({
    initialValues: valuesOf(user),
    validate: zodValidator<ProfileValues>(updateMeBodySchema),
  });
  const guessedZone = browserTimeZone();

  const { submit, formError } = useFormSubmit(form, (values, fail) =>
    updateMe.mutate(values, {
      onSuccess: (saved) => {
        form.setInitialValues(valuesOf(saved));
        form.setValues(valuesOf(saved));
        form.resetDirty(valuesOf(saved));
        notifications.show({
          color: 'teal',
          title: 'Profile saved',
          message: 'Your changes are live.',
        });
      },
      onError: fail,
    }),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Profile">
      <Stack gap="md">
        {formError !== null && <ErrorAlert error={formError} title="Could not save your profile" />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label="Display name"
            required
            maxLength={LIMITS.displayNameMax}
            autoComplete="name"
            {...form.getInputProps('displayName')}
          />
          <TextInput
            label="Handle"
            required
            leftSection={
              <Text size="sm" c="dimmed" aria-hidden="true">
                @
              </Text>
            }
            maxLength={LIMITS.handleMax}
            autoComplete="username"
            description="Letters, digits, “_” and “-”."
            {...form.getInputProps('handle')}
          />
        </SimpleGrid>
        <Textarea
          label="Bio"
          description="A few lines about you or your organisation. Anyone can read it."
          autosize
          minRows={3}
          maxRows={8}
          maxLength={LIMITS.bioMax}
          {...form.getInputProps('bio')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label="Country"
            placeholder="Choose a country"
            data={COUNTRY_OPTIONS}
            searchable
            clearable
            nothingFoundMessage="No country matches"
            {...form.getInputProps('country')}
          />
          <Select
            label="Time zone"
            placeholder={guessedZone ? `For example ${guessedZone}` : 'Choose a time zone'}
            description="Deadlines are shown in this time zone."
            data={TIMEZONE_OPTIONS}
            searchable
            clearable
            limit={100}
            nothingFoundMessage="No time zone matches"
            {...form.getInputProps('timezone')}
          />
        </SimpleGrid>
        {user.roles.includes('worker') && (
          <Checkbox
            label="Show what I have earned on my public profile"
            description="Off by default: only you see your earnings, on your Earnings page."
            {...form.getInputProps('showEarnings', { type: 'checkbox' })}
          />
        )}
        <Group justify="space-between" mt="xs">
          <Anchor component={Link} to={paths.publicProfile(user.handle)} size="sm">
            View your public profile
          </Anchor>
          <Button type="submit" loading={updateMe.isPending} disabled={!form.isDirty()}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
