import { Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { CopyableCode } from '../../components/CopyableValue.js';
import { OneTimeSecretAlert } from '../../components/OneTimeSecretAlert.js';

type NewTokenAlertProps = { name: string; token: string; onDone: () => void };

/** The only time a token's secret is visible: the server keeps just its hash. */
export function NewTokenAlert({ name, token, onDone }: NewTokenAlertProps) {
  return (
    <OneTimeSecretAlert
      icon={<IconKey aria-hidden="true" />}
      title={`Your new token “${name}”`}
      onDone={onDone}
    >
      <Text size="sm">
        Copy it now and keep it somewhere safe: you will not be able to see it again.
      </Text>
      <CopyableCode label="Token" value={token} testId="new-token" />
    </OneTimeSecretAlert>
  );
}
