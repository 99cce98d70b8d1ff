import { Alert, Button, Group, Text } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { useCurrentUser } from '../../api/accounts.js';
import { useSiteEmail } from '../../api/email.js';
import { useSendVerificationLink } from './use-send-verification-link.js';

const dismissedKey = (userId: string) => `tessera:verify-notice-hidden:${userId}`;

/**
 * Asks a signed-in user to confirm their email, with a way to get a new link. Hidden for the
 * rest of the browser session when dismissed; gone once the address is verified. A site that
 * sends no email (and does not require verification) does not ask: nobody could follow it.
 */
export function VerifyEmailNotice() {
  const user = useCurrentUser();
  const { send, sending } = useSendVerificationLink(user.email);
  const site = useSiteEmail();
  const [hidden, setHidden] = useState(() => sessionStorage.getItem(dismissedKey(user.id)) === '1');
  const useful = site.data && (site.data.delivery === 'smtp' || site.data.verificationRequired);
  if (user.emailVerified || hidden || !useful) return null;

  const hide = () => {
    sessionStorage.setItem(dismissedKey(user.id), '1');
    setHidden(true);
  };

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
        <Button size="xs" variant="default" onClick={send} loading={sending}>
          Resend email
        </Button>
      </Group>
    </Alert>
  );
}
