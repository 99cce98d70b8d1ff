import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * An empty list inside a settings section or drawer: one dimmed line, lighter than EmptyState,
 * which is for a page's main list.
 */
export function QuietEmpty({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap="sm" c="dimmed" py="sm">
      {icon}
      <Text size="sm">{children}</Text>
    </Group>
  );
}
