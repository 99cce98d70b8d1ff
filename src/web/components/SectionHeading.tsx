import { Stack, Text, Title, type StackProps, type TitleProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A section's h2 with the sentence under it that says what the section is for. */
export function SectionHeading({
  title,
  description,
  id,
  fz,
  ...stack
}: { title: string; description: ReactNode } & Pick<TitleProps, 'id' | 'fz'> & StackProps) {
  return (
    <Stack {...stack}>
      <Title order={2} id={id} fz={fz}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {description}
      </Text>
    </Stack>
  );
}
