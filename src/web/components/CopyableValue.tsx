import { Code, Group, Stack, Text } from '@mantine/core';
import { CopyValueButton } from './CopyValueButton.js';

/** A value shown once (a client secret, an access key), labelled, in full, with its copy button. */
export function CopyableValue({
  label,
  value,
  testId,
}: {
  label: string;
  value: string;
  testId: string;
}) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code
          block
          data-testid={testId}
          // Wrapped, so a long line (a secret, a snippet) never pushes the copy button out of view.
          style={{ flex: 1, minWidth: 0, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
        >
          {value}
        </Code>
        <CopyValueButton value={value} label={label} />
      </Group>
    </Stack>
  );
}
