import { EmptyState as MantineEmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

export type EmptyStateProps = {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  /** Only real, working actions belong here. */
  actions?: ReactNode;
  /** Off when the empty state sits inside a card that already has a border. */
  framed?: boolean;
};

/** What a list or area looks like before it has anything in it. */
export function EmptyState({ icon, title, description, actions, framed = true }: EmptyStateProps) {
  return (
    <Paper withBorder={framed} radius="md" py={56} px="xl" bg={framed ? 'white' : 'transparent'}>
      <MantineEmptyState variant="light" size="lg">
        <MantineEmptyState.Indicator>{icon}</MantineEmptyState.Indicator>
        <MantineEmptyState.Title order={2}>{title}</MantineEmptyState.Title>
        <MantineEmptyState.Description maw={520}>{description}</MantineEmptyState.Description>
        {actions && <MantineEmptyState.Actions>{actions}</MantineEmptyState.Actions>}
      </MantineEmptyState>
    </Paper>
  );
}
