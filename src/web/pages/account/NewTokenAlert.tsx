import { Alert, Button, Code, Group } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { CopyValueButton } from '../../components/CopyValueButton.js';

type NewTokenAlertProps = { name: string; token: string; onDone: () => void };

/** The only time a token's secret is visible: the server keeps just its hash. */
export function NewTokenAlert({ name, token, onDone }: NewTokenAlertProps) {
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconKey aria-hidden="true" />}
      title={`Your new token “${name}”`}
    >
      Copy it now and keep it somewhere safe: you will not be able to see it again.
      <Group gap="xs" mt="sm" wrap="nowrap">
        <Code block data-testid="new-token" style={{ flex: 1, wordBreak: 'break-all' }}>
          {token}
        </Code>
        <CopyValueButton value={token} label="Token" />
      </Group>
      <Button size="xs" variant="white" color="teal" mt="sm" onClick={onDone}>
        I have copied it
      </Button>
    </Alert>
  );
}
