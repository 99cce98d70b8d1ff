import { Avatar, Group, Text } from '@mantine/core';
import { initials } from '../../lib/format.js';
import { ProfileLink } from '../../components/ProfileLink.js';

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
      <ProfileLink person={account} size="xs">
        @{account.handle}
      </ProfileLink>
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
