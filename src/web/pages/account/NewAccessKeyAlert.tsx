import { Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { CopyableValue } from '../../components/CopyableValue.js';
import { OneTimeSecretAlert } from '../../components/OneTimeSecretAlert.js';
import type { CreatedAccessKey } from '../../../shared/api/access-keys.js';

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
    <OneTimeSecretAlert
      icon={<IconKey aria-hidden="true" />}
      title={`Your new access key “${accessKey.name}”`}
      onDone={onDone}
    >
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
      <CopyableValue label="boto3" value={boto3Snippet(accessKey)} testId="new-access-key-boto3" />
    </OneTimeSecretAlert>
  );
}
