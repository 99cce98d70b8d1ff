import { Text } from '@mantine/core';
import { IconWebhook } from '@tabler/icons-react';
import { CopyableCode } from '../../components/CopyableValue.js';
import { OneTimeSecretAlert } from '../../components/OneTimeSecretAlert.js';

type NewWebhookSecretAlertProps = { url: string; secret: string; onDone: () => void };

/** The only time a webhook's signing secret is shown. */
export function NewWebhookSecretAlert({ url, secret, onDone }: NewWebhookSecretAlertProps) {
  return (
    <OneTimeSecretAlert
      icon={<IconWebhook aria-hidden="true" />}
      title={`Signing secret for ${url}`}
      onDone={onDone}
    >
      <Text size="sm">
        Your receiver verifies each delivery’s webhook-signature header with this secret (Standard
        Webhooks). Copy it now: you will not be able to see it again.
      </Text>
      <CopyableCode label="Secret" value={secret} testId="new-webhook-secret" />
    </OneTimeSecretAlert>
  );
}
