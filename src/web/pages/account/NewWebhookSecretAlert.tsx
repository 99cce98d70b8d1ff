import { Alert, Button, Code, Group } from '@mantine/core';
import { IconWebhook } from '@tabler/icons-react';
import { CopyValueButton } from '../../components/CopyValueButton.js';

type NewWebhookSecretAlertProps = { url: string; secret: string; onDone: () => void };

/** The only time a webhook's signing secret is shown. */
export function NewWebhookSecretAlert({ url, secret, onDone }: NewWebhookSecretAlertProps) {
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconWebhook aria-hidden="true" />}
      title={`Signing secret for ${url}`}
    >
      Your receiver verifies each delivery’s webhook-signature header with this secret (Standard
      Webhooks). Copy it now: you will not be able to see it again.
      <Group gap="xs" mt="sm" wrap="nowrap">
        <Code block data-testid="new-webhook-secret" style={{ flex: 1, wordBreak: 'break-all' }}>
          {secret}
        </Code>
        <CopyValueButton value={secret} label="Secret" />
      </Group>
      <Button size="xs" variant="white" color="teal" mt="sm" onClick={onDone}>
        I have copied it
      </Button>
    </Alert>
  );
}
