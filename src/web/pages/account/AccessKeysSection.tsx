import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  ACCESS_KEY_LIMITS,
  createAccessKeyBodySchema,
  type AccessKey,
  type CreatedAccessKey,
} from '../../../shared/api/access-keys.js';
import { useAccessKeys, useCreateAccessKey, useDeleteAccessKey } from '../../api/access-keys.js';
import { CredentialRow, CredentialUse } from '../../components/CredentialRow.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ACTIONS_COLUMN, DataTable } from '../../components/DataTable.js';
import { QueryList } from '../../components/QueryList.js';
import { QuietEmpty } from '../../components/QuietEmpty.js';
import { zodValidator } from '../../lib/forms.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { NewAccessKeyAlert } from './NewAccessKeyAlert.js';

const checkBody = zodValidator<{ name: string }>(createAccessKeyBodySchema);

function AccessKeyRow({ accessKey }: { accessKey: AccessKey }) {
  const deleteKey = useDeleteAccessKey();
  return (
    <CredentialRow
      name={accessKey.name}
      id={accessKey.accessKeyId}
      activity={<CredentialUse createdAt={accessKey.createdAt} lastUsedAt={accessKey.lastUsedAt} />}
      revokeVerb="Delete"
      revokeMessage="Scripts signing with this key will be refused at once. This cannot be undone."
      revokeConfirmLabel="Delete key"
      onRevoke={async () => {
        await deleteKey.mutateAsync(accessKey.accessKeyId);
        notifications.show({ color: 'teal', title: 'Access key deleted', message: accessKey.name });
      }}
    />
  );
}

function CreateAccessKeyForm({ onCreated }: { onCreated: (key: CreatedAccessKey) => void }) {
  const createKey = useCreateAccessKey();
  const form = useForm({ initialValues: { name: '' }, validate: checkBody });
  const { submit, formError } = useFormSubmit(form, (values, fail) =>
    createKey.mutate(values, {
      onSuccess: (created) => {
        form.reset();
        onCreated(created);
      },
      onError: fail,
    }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="New access key">
      <Stack gap="sm">
        {formError !== null && <ErrorAlert error={formError} title="Could not create the key" />}
        <Group align="flex-end" gap="sm">
          <TextInput
            label="Key name"
            description="Where it is used, e.g. “boto3 on my laptop”."
            required
            maxLength={ACCESS_KEY_LIMITS.nameMax}
            style={{ flex: 1 }}
            {...form.getInputProps('name')}
          />
          <Button
            type="submit"
            loading={createKey.isPending}
            leftSection={<IconPlus size={16} aria-hidden="true" />}
          >
            New access key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const ACCESS_KEY_COLUMNS = ['Name', 'Activity', ACTIONS_COLUMN];

/** Access keys for the MTurk-compatible API: create (secret shown once), see last use, delete. */
export function AccessKeysSection() {
  const keys = useAccessKeys();
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);
  return (
    <Stack gap="md">
      <Text size="sm">
        Point boto3, the AWS CLI or an AWS SDK at{' '}
        <Text span ff="monospace">{`${window.location.origin}/mturk`}</Text> with one of these keys
        and your MTurk scripts run here; Tessera's guide docs/mturk.md says what maps to what.
      </Text>
      {created && <NewAccessKeyAlert accessKey={created} onDone={() => setCreated(null)} />}
      <CreateAccessKeyForm onCreated={setCreated} />
      <QueryList
        query={keys}
        loadingLabel="Loading access keys…"
        empty={
          <QuietEmpty icon={<IconKey size={18} aria-hidden="true" />}>
            You have no access keys.
          </QuietEmpty>
        }
      >
        {(rows) => (
          <DataTable label="MTurk access keys" columns={ACCESS_KEY_COLUMNS} minWidth={480}>
            {rows.map((key) => (
              <AccessKeyRow key={key.accessKeyId} accessKey={key} />
            ))}
          </DataTable>
        )}
      </QueryList>
    </Stack>
  );
}
