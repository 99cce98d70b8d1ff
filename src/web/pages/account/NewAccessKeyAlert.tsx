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
import type { CreatedAccessKey } from '../../../shared/api/access-keys.js';

function CopyableValue({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={2}>
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

/** The boto3 lines a requester pastes into an MTurk script in place of its AWS settings. */
export function boto3Snippet(key: Pick<CreatedAccessKey, 'accessKeyId' | 'secretAccessKey'>) {
  return [
    'import boto3',
    '',
    'mturk = boto3.client(',
    '    "mturk",',
    `    endpoint_url="${window.location.origin}/mturk",`,
    '    region_name="us-east-1",',
    `    aws_access_key_id="${key.accessKeyId}",`,
    `    aws_secret_access_key="${key.secretAccessKey}",`,
    ')',
    'print(mturk.get_account_balance()["AvailableBalance"])',
  ].join('\n');
}

type NewAccessKeyAlertProps = { accessKey: CreatedAccessKey; onDone: () => void };

/** The only time a key's secret is visible: afterwards the server never shows it again. */
export function NewAccessKeyAlert({ accessKey, onDone }: NewAccessKeyAlertProps) {
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconKey aria-hidden="true" />}
      title={`Your new access key “${accessKey.name}”`}
    >
      <Stack gap="sm">
        <Text size="sm">
          Copy the secret now and keep it somewhere safe: you will not be able to see it again.
        </Text>
        <CopyableValue
          label="Access key ID"
          value={accessKey.accessKeyId}
          testId="new-access-key-id"
        />
        <CopyableValue
          label="Secret access key"
          value={accessKey.secretAccessKey}
          testId="new-secret-access-key"
        />
        <CopyableValue
          label="boto3"
          value={boto3Snippet(accessKey)}
          testId="new-access-key-boto3"
        />
        <Group>
          <Button size="xs" variant="white" color="teal" onClick={onDone}>
            I have copied it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
