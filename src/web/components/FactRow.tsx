import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One fact in a card's list of facts: its label on the left, the value right-aligned. */
export function FactRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group justify="space-between" gap="md" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="div" size="sm" fw={600} ta="right">
        {children}
      </Text>
    </Group>
  );
}
