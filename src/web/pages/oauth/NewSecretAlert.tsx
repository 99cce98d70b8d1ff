import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { CopyValueButton } from '../../components/CopyValueButton.js';

function Copyable({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code block data-testid={testId} style={{ flex: 1, wordBreak: 'break-all' }}>
          {value}
        </Code>
        <CopyValueButton value={value} label={label} />
      </Group>
    </Stack>
  );
}

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
        <Copyable label="Client ID" value={clientId} testId="new-client-id" />
        {clientSecret && (
          <Copyable label="Client secret" value={clientSecret} testId="new-client-secret" />
        )}
        <Button size="xs" variant="white" color="teal" onClick={onDone} w="fit-content">
          {clientSecret ? 'I have copied the secret' : 'Done'}
        </Button>
      </Stack>
    </Alert>
  );
}
