import { Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { CopyableValue } from '../../components/CopyableValue.js';
import { OneTimeSecretAlert } from '../../components/OneTimeSecretAlert.js';

type NewSecretAlertProps = {
  name: string;
  clientId: string;
  clientSecret: string | null;
  onDone: () => void;
};

/** A new client's credentials. The secret is visible only now: the server keeps its hash. */
export function NewSecretAlert({ name, clientId, clientSecret, onDone }: NewSecretAlertProps) {
  return (
    <OneTimeSecretAlert
      icon={<IconKey aria-hidden="true" />}
      title={`“${name}” is ready`}
      doneLabel={clientSecret ? 'I have copied the secret' : 'Done'}
      onDone={onDone}
    >
      <Text size="sm">
        {clientSecret
          ? 'Copy the client secret now and keep it somewhere safe: you will not be able to see it again.'
          : 'Public clients have no secret: they prove themselves with PKCE.'}
      </Text>
      <CopyableValue label="Client ID" value={clientId} testId="new-client-id" />
      {clientSecret && (
        <CopyableValue label="Client secret" value={clientSecret} testId="new-client-secret" />
      )}
    </OneTimeSecretAlert>
  );
}
