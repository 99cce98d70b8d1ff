import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { useCurrentUser } from '../../api/accounts.js';
import { useResendVerification, useSiteEmail } from '../../api/email.js';
import { isApiError } from '../../api/client.js';

const dismissedKey = (userId: string) => `tessera:verify-notice-hidden:${userId}`;

/**
 * Asks a signed-in user to confirm their email, with a way to get a new link. Hidden for the
 * rest of the browser session when dismissed; gone once the address is verified. A site that
 * sends no email (and does not require verification) does not ask: nobody could follow it.
 */
export function VerifyEmailNotice() {
  const user = useCurrentUser();
  const resend = useResendVerification();
  const site = useSiteEmail();
  const [hidden, setHidden] = useState(() => sessionStorage.getItem(dismissedKey(user.id)) === '1');
  const useful = site.data && (site.data.delivery === 'smtp' || site.data.verificationRequired);
  if (user.emailVerified || hidden || !useful) return null;

  const hide = () => {
    sessionStorage.setItem(dismissedKey(user.id), '1');
    setHidden(true);
  };

  const send = () =>
    resend.mutate(undefined, {
      onSuccess: (sent) =>
        notifications.show(
          sent.alreadyVerified
            ? { color: 'teal', title: 'Already confirmed', message: 'Your email is verified.' }
            : sent.delivery === 'smtp'
              ? {
                  color: 'teal',
                  title: 'Email sent',
                  message: `We sent a new link to ${user.email}.`,
                }
              : {
                  color: 'orange',
                  title: 'This site cannot send email yet',
                  message: 'Its administrators can confirm your address for you.',
                },
        ),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not send the email',
          message: isApiError(error) ? error.message : 'Try again in a moment.',
        }),
    });

  return (
    <Alert
      role="region"
      aria-label="Confirm your email"
      color="orange"
      variant="light"
      icon={<IconMail aria-hidden="true" />}
      mb="lg"
      withCloseButton={!site.data.verificationRequired}
      closeButtonLabel="Hide this notice"
      onClose={hide}
    >
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm">
          {site.data.verificationRequired
            ? 'Confirm your email address to start working: open the link we sent you.'
            : 'Please confirm your email address: open the link we sent you.'}
        </Text>
        <Button size="xs" variant="default" onClick={send} loading={resend.isPending}>
          Resend email
        </Button>
      </Group>
    </Alert>
  );
}
