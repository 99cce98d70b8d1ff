import { notifications } from '@mantine/notifications';

/**
 * A toast that passes WCAG AA: Mantine's default description grey is too light on white, and
 * its close button has no name.
 */
export function notify({
  color,
  title,
  message,
}: {
  color: 'teal' | 'red';
  title: string;
  message: string;
}) {
  notifications.show({
    color,
    title,
    message,
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
    styles: { description: { color: 'var(--mantine-color-dimmed)' } },
  });
}
