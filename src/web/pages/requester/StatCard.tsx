import { Card, Skeleton, Text } from '@mantine/core';
import type { ReactNode } from 'react';

type StatCardProps = {
  label: string;
  /** null while loading. */
  value: ReactNode | null;
  hint?: ReactNode;
  /** A colour for the value, e.g. for money that is owed. */
  color?: string;
};

/** One figure with its name, for summary rows at the top of a page. */
export function StatCard({ label, value, hint, color }: StatCardProps) {
  return (
    <Card padding="md">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.5}>
        {label}
      </Text>
      {value === null ? (
        <Skeleton height={28} width="60%" mt={6} />
      ) : (
        <Text fz={24} fw={700} mt={2} c={color} className="stat-value">
          {value}
        </Text>
      )}
      {hint && (
        <Text size="xs" c="dimmed" mt={2} component="div">
          {hint}
        </Text>
      )}
    </Card>
  );
}
