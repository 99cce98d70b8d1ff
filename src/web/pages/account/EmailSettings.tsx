import { Badge, Button, Group, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { User } from '../../../shared/api/accounts.js';
import { useUpdateMe } from '../../api/accounts.js';
import { isApiError } from '../../api/client.js';
import { useSendVerificationLink } from '../../components/email/use-send-verification-link.js';

/** The account's address, whether it is confirmed, and the daily digest choice. */
export function EmailSettings({ user }: { user: User }) {
  const updateMe = useUpdateMe();
  const { send: sendLink, sending } = useSendVerificationLink(user.email);
  // Shown switched at once; put back if saving fails.
  const [digest, setDigestShown] = useState(user.emailDigest);

  const setDigest = (emailDigest: boolean) => {
    setDigestShown(emailDigest);
    updateMe.mutate(
      { emailDigest },
      {
        onSuccess: () =>
          notifications.show({
            color: 'teal',
            title: emailDigest ? 'Daily digest on' : 'Daily digest off',
            message: emailDigest
              ? 'Once a day, when something is new, we email you what you have not read yet.'
              : 'We will not email you a digest.',
          }),
        onError: (error) => {
          setDigestShown(!emailDigest);
          notifications.show({
            color: 'red',
            title: 'Could not save',
            message: isApiError(error) ? error.message : 'Try again in a moment.',
          });
        },
      },
    );
  };

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <div>
          <Text size="sm" fw={600}>
            {user.email}
          </Text>
          <Group gap={6} mt={4}>
            {user.emailVerified ? (
              <Badge color="teal">Verified</Badge>
            ) : (
              <Badge color="gray">Not verified yet</Badge>
            )}
          </Group>
        </div>
        {!user.emailVerified && (
          <Button size="xs" variant="default" onClick={sendLink} loading={sending}>
            Send a new confirmation link
          </Button>
        )}
      </Group>
      <Switch
        label="Email me a daily digest"
        description={
          user.emailVerified
            ? 'Once a day, only when something is new: the notifications you have not read yet.'
            : 'Once a day, only when something is new. Starts when your address is verified.'
        }
        checked={digest}
        disabled={updateMe.isPending}
        onChange={(event) => setDigest(event.currentTarget.checked)}
      />
    </Stack>
  );
}
