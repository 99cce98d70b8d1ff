import { Anchor, Avatar, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { initials } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';

type Account = { displayName: string; handle: string; email: string };

/**
 * Whose money an administrator is handling (a worker's payout, a requester's deposit): their
 * name, their public profile, and the email to reach them, which only administrators see.
 */
export function AccountCell({ account, avatar = false }: { account: Account; avatar?: boolean }) {
  const who = (
    <div>
      <Text size="sm" fw={600} className="nowrap">
        {account.displayName}
      </Text>
      <Anchor
        component={Link}
        to={paths.publicProfile(account.handle)}
        size="xs"
        underline="always"
      >
        @{account.handle}
      </Anchor>
      <Text size="xs" c="dimmed">
        {account.email}
      </Text>
    </div>
  );
  if (!avatar) return who;
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar size={32} radius="xl" color="tessera">
        {initials(account.displayName)}
      </Avatar>
      {who}
    </Group>
  );
}
