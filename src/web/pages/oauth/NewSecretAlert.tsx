import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { CopyableValue } from '../../components/CopyableValue.js';

type NewSecretAlertProps = {
  name: string;
  clientId: string;
  clientSecret: string | null;
  onDone: () => void;
};

/** A new client's credentials. The secret is visible only now: the server keeps its hash. */
export function NewSecretAlert({ name, clientId, clientSecret, onDone }: NewSecretAlertProps) {
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconKey aria-hidden="true" />}
      title={`“${name}” is ready`}
    >
      <Stack gap="sm">
        <Text size="sm">
          {clientSecret
            ? 'Copy the client secret now and keep it somewhere safe: you will not be able to see it again.'
            : 'Public clients have no secret: they prove themselves with PKCE.'}
        </Text>
        <CopyableValue label="Client ID" value={clientId} testId="new-client-id" />
        {clientSecret && (
          <CopyableValue label="Client secret" value={clientSecret} testId="new-client-secret" />
        )}
        <Button size="xs" variant="white" color="teal" onClick={onDone} w="fit-content">
          {clientSecret ? 'I have copied the secret' : 'Done'}
        </Button>
      </Stack>
    </Alert>
  );
}
