import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { SELF_SERVE_ROLES, type User } from '../../../shared/api/accounts.js';
import { useAddRole } from '../../api/accounts.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ROLE_LABELS } from '../../lib/roles.js';

const ROLE_OFFERS = {
  worker: {
    button: 'Become a worker too',
    text: 'Find paid tasks, do them in the browser and get paid when they are approved.',
  },
  requester: {
    button: 'Become a requester too',
    text: 'Publish tasks, fund them and review the work that comes back.',
  },
} as const;

export function RolesSection({ user }: { user: User }) {
  const addRole = useAddRole();
  const missing = SELF_SERVE_ROLES.filter((role) => !user.roles.includes(role));

  const add = (role: (typeof SELF_SERVE_ROLES)[number]) =>
    addRole.mutate(role, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          title: `You are now a ${ROLE_LABELS[role].toLowerCase()}`,
          message: 'The new pages are in the sidebar.',
        }),
    });

  return (
    <Stack gap="md">
      <Group gap="xs" aria-label="Your roles">
        <Text size="sm" fw={500}>
          Your roles:
        </Text>
        {user.roles.map((role) => (
          <Badge key={role} size="lg">
            {ROLE_LABELS[role]}
          </Badge>
        ))}
      </Group>
      {addRole.isError && <ErrorAlert error={addRole.error} title="Could not add the role" />}
      {missing.length === 0 ? (
        <Text size="sm" c="dimmed">
          You can both do work and publish it.
        </Text>
      ) : (
        missing.map((role) => (
          <Group key={role} justify="space-between" wrap="nowrap" gap="lg">
            <Text size="sm" c="gray.7">
              {ROLE_OFFERS[role].text}
            </Text>
            <Button
              variant="light"
              onClick={() => add(role)}
              loading={addRole.isPending && addRole.variables === role}
              style={{ flexShrink: 0 }}
            >
              {ROLE_OFFERS[role].button}
            </Button>
          </Group>
        ))
      )}
    </Stack>
  );
}
