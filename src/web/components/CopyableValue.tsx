import { Code, Group, Stack, Text } from '@mantine/core';
import { CopyValueButton } from './CopyValueButton.js';

type CopyableCodeProps = {
  /** What the value is: names the copy button ("Copy token"). */
  label: string;
  value: string;
  testId: string;
};

/** A value shown once (a token, a secret, a snippet), in full, with its copy button beside it. */
export function CopyableCode({ label, value, testId }: CopyableCodeProps) {
  return (
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
  );
}

/** A value shown once (a client secret, an access key), labelled, in full, with its copy button. */
export function CopyableValue(props: CopyableCodeProps) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600}>
        {props.label}
      </Text>
      <CopyableCode {...props} />
    </Stack>
  );
}
