import { Badge, Group } from '@mantine/core';

/** Short machine names shown as they are: a credential's scopes, a webhook's events. */
export function NameBadges({ names }: { names: readonly string[] }) {
  return (
    <Group gap={4}>
      {names.map((name) => (
        <Badge key={name} size="sm" color="gray">
          {name}
        </Badge>
      ))}
    </Group>
  );
}
