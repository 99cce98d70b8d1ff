import { ActionIcon, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';

/** Copies a value shown once (a token, a secret, a link), and says so when it has. */
export function CopyValueButton({
  value,
  label,
}: {
  value: string;
  /** What the value is, as a label: "Token", "Client ID". */
  label: string;
}) {
  const copyIt = `Copy ${label.toLowerCase()}`;
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : copyIt} withArrow>
          <ActionIcon
            variant="light"
            color={copied ? 'teal' : 'gray'}
            size="lg"
            onClick={copy}
            aria-label={copied ? `${label} copied` : copyIt}
          >
            {copied ? <IconCheck size={18} /> : <IconCopy size={18} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}
