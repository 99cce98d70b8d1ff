import { ActionIcon, Alert, Button, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconWebhook } from '@tabler/icons-react';

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
        <CopyButton value={secret} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy secret'} withArrow>
              <ActionIcon
                variant="light"
                color={copied ? 'teal' : 'gray'}
                size="lg"
                onClick={copy}
                aria-label={copied ? 'Secret copied' : 'Copy secret'}
              >
                {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Button size="xs" variant="white" color="teal" mt="sm" onClick={onDone}>
        I have copied it
      </Button>
    </Alert>
  );
}
