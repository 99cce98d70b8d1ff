import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The heading bar on top of a table card, with anything that belongs beside the title. */
export function TableHeading({
  title,
  id,
  children,
}: {
  title: string;
  /** For a card that is a section labelled by its heading. */
  id?: string;
  children?: ReactNode;
}) {
  return (
    <Group px="md" py="sm" className="table-toolbar" justify="space-between">
      <Title order={2} fz="h3" id={id}>
        {title}
      </Title>
      {children}
    </Group>
  );
}
