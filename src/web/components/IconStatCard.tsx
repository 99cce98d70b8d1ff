import { Card, Group, Skeleton, Text, ThemeIcon } from '@mantine/core';
import type { ReactNode } from 'react';

type IconStatCardProps = {
  label: string;
  /** null while loading. */
  value: ReactNode | null;
  hint?: ReactNode;
  icon: ReactNode;
  color: string;
  'data-testid'?: string;
};

/** A headline figure with an icon; the card is a named group so its parts read together. */
export function IconStatCard({ label, value, hint, icon, color, ...rest }: IconStatCardProps) {
  return (
    <Card padding="md" role="group" aria-label={label}>
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={44} radius="md" variant="light" color={color}>
          {icon}
        </ThemeIcon>
        <div style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.5}>
            {label}
          </Text>
          {value === null ? (
            <Skeleton height={28} width={90} mt={4} />
          ) : (
            <Text
              fz={24}
              fw={700}
              lh={1.25}
              className="stat-figure"
              data-testid={rest['data-testid']}
            >
              {value}
            </Text>
          )}
          {hint && (
            <Text size="xs" c="dimmed" component="div">
              {hint}
            </Text>
          )}
        </div>
      </Group>
    </Card>
  );
}
