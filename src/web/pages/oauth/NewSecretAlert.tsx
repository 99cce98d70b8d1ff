import {
  ActionIcon,
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';

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
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : `Copy ${label.toLowerCase()}`} withArrow>
              <ActionIcon
                variant="light"
                color={copied ? 'teal' : 'gray'}
                size="lg"
                onClick={copy}
                aria-label={copied ? `${label} copied` : `Copy ${label.toLowerCase()}`}
              >
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
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
