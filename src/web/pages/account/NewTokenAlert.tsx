import { ActionIcon, Alert, Button, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy, IconKey } from '@tabler/icons-react';

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
        <CopyButton value={token} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy token'} withArrow>
              <ActionIcon
                variant="light"
                color={copied ? 'teal' : 'gray'}
                size="lg"
                onClick={copy}
                aria-label={copied ? 'Token copied' : 'Copy token'}
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
