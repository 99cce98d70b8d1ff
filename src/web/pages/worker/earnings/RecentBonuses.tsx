import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconGift } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Earnings } from '../../../../shared/api/earnings.js';
import { formatCents } from '../../../../shared/money.js';
import { formatDate } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';

/** Bonuses requesters gave, newest first, each linked to the work it was for. */
export function RecentBonuses({ bonuses }: { bonuses: Earnings['recentBonuses'] }) {
  return (
    <Card component="section" aria-labelledby="bonuses-heading">
      <Group gap={8} mb="sm">
        <IconGift size={18} aria-hidden="true" color="var(--mantine-color-grape-7)" />
        <Title order={2} fz="h3" id="bonuses-heading">
          Recent bonuses
        </Title>
      </Group>
      {bonuses.length === 0 ? (
        <Text size="sm" c="dimmed">
          No bonuses yet. Requesters can add one to work they were especially pleased with.
        </Text>
      ) : (
        <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {bonuses.map((bonus) => (
            <li key={bonus.id}>
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                <div style={{ minWidth: 0 }}>
                  <Anchor
                    component={Link}
                    to={paths.worker.assignment(bonus.assignmentId)}
                    size="sm"
                    fw={500}
                    lineClamp={2}
                  >
                    “{bonus.reason}”
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatDate(bonus.createdAt)}
                  </Text>
                </div>
                <Text size="sm" fw={700} c="grape.9" className="num">
                  +{formatCents(bonus.amountCents)}
                </Text>
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}
