import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { User } from '../../../../shared/api/accounts.js';
import type { AdminResetLink } from '../../../../shared/api/email.js';
import { useAdminResetLink } from '../../../api/email.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { formatDateTime } from '../../../lib/format.js';
import { CopyValueButton } from '../../../components/CopyValueButton.js';

/**
 * For someone whose email does not reach them (or a site without SMTP): a one-time reset link
 * the admin hands over. Shown once; the server keeps only its hash and audits who asked.
 */
export function ResetLinkAction({ user }: { user: User }) {
  const issue = useAdminResetLink();
  const [link, setLink] = useState<AdminResetLink | null>(null);

  return (
    <>
      <ConfirmButton
        size="xs"
        variant="default"
        aria-label={`Reset link for ${user.displayName}`}
        title={`Issue a password reset link for ${user.displayName}?`}
        message="Whoever opens the link can choose a new password for this account, once, within an hour. Give it only to them, by a channel you trust. It signs them out everywhere and revokes their access tokens. This is recorded in the audit log."
        confirmLabel="Issue link"
        onConfirm={async () => setLink(await issue.mutateAsync(user.id))}
      >
        Reset link
      </ConfirmButton>
      <Modal
        opened={link !== null}
        onClose={() => setLink(null)}
        title={`Reset link for ${user.displayName}`}
        centered
        size="lg"
      >
        {link && (
          <Stack gap="md">
            <Text size="sm">
              Copy it now: it is shown only once. It works once, until{' '}
              {formatDateTime(link.expiresAt)}.
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Code
                block
                data-testid="reset-link"
                style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
              >
                {link.url}
              </Code>
              <CopyValueButton value={link.url} label="Link" />
            </Group>
            <Group justify="flex-end">
              <Button onClick={() => setLink(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
