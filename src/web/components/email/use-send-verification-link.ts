import { notifications } from '@mantine/notifications';
import { isApiError } from '../../api/client.js';
import { useResendVerification } from '../../api/email.js';

/** Sends a new confirmation link to `email` and says how it went, the same from every page. */
export function useSendVerificationLink(email: string) {
  const resend = useResendVerification();
  const send = () =>
    resend.mutate(undefined, {
      onSuccess: (sent) =>
        notifications.show(
          sent.alreadyVerified
            ? { color: 'teal', title: 'Already confirmed', message: 'Your email is verified.' }
            : sent.delivery === 'smtp'
              ? { color: 'teal', title: 'Email sent', message: `We sent a new link to ${email}.` }
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
  return { send, sending: resend.isPending };
}
