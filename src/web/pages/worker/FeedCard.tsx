import { Anchor, Badge, Box, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconCertificate, IconClock, IconStack2, IconTrendingUp } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCents } from '../../../shared/money.js';
import type { FeedItem } from '../../../shared/api/work.js';
import { paths } from '../../lib/paths.js';
import { formatDuration } from '../work/time.js';
import { HourlyPay } from '../../components/HourlyPay.js';
import { ProfileLink } from '../../components/ProfileLink.js';
import { InlineMarkdown } from '../../components/Markdown.js';
import { ReputationLine } from '../../components/reputation/ReputationLine.js';

function Fact({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" c="gray.7">
      {icon}
      <Text size="sm">{children}</Text>
    </Group>
  );
}

/**
 * What most workers made an hour here (the interquartile range of the plausible submissions),
 * labelled an estimate; "not enough data yet" until there are a few.
 */
export function hourlyLabel(item: Pick<FeedItem, 'estimatedHourlyRangeCents'>): string {
  const range = item.estimatedHourlyRangeCents;
  if (!range) return 'hourly pay: not enough data yet';
  const amounts =
    range.low === range.high
      ? formatCents(range.low)
      : `${formatCents(range.low)}–${formatCents(range.high)}`;
  return `est. ${amounts} an hour`;
}

type FeedCardProps = {
  item: FeedItem;
  onAccept: (projectId: string) => void;
  accepting: boolean;
};

/** One project in Find work: what it pays and asks, before the worker commits to anything. */
export function FeedCard({ item, onAccept, accepting }: FeedCardProps) {
  const headingId = `project-${item.projectId}`;
  const tasks = item.tasksAvailable === 1 ? '1 task left' : `${item.tasksAvailable} tasks left`;
  // The only requirements the worker misses are tests: the first one leads on.
  const test = item.testsToTake[0];
  return (
    <Card component="article" aria-labelledby={headingId} padding="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Title order={2} fz="h3" id={headingId}>
            <Anchor
              component={Link}
              to={paths.worker.projectPreview(item.projectId)}
              c="dark.8"
              inherit
            >
              {item.title}
            </Anchor>
          </Title>
          <Text size="sm" c="dimmed">
            by <ProfileLink person={item.requester} inherit />
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
          <Text fw={700} fz="lg" c="tessera.8" lh={1.2}>
            {formatCents(item.rewardCents)}
          </Text>
          <Text size="xs" c="dimmed">
            per task
          </Text>
        </Stack>
      </Group>

      <Box mt={6}>
        <ReputationLine
          kind="requester"
          reputation={item.requesterReputation}
          label={`${item.requester.displayName}’s reputation`}
        />
      </Box>

      {item.description && (
        <Text size="sm" mt="sm" lineClamp={2} c="gray.8">
          <InlineMarkdown>{item.description}</InlineMarkdown>
        </Text>
      )}

      {item.testsToTake.length > 0 && (
        <Group gap={6} mt="sm">
          <IconCertificate size={16} aria-hidden="true" />
          <Text size="sm" c="gray.8">
            Pass {item.testsToTake.map((t) => `“${t.name}”`).join(' and ')} to work here.
          </Text>
        </Group>
      )}

      {item.keywords.length > 0 && (
        <Group gap={6} mt="sm" aria-label="Keywords">
          {item.keywords.map((keyword) => (
            <Badge key={keyword} color="gray" size="sm">
              {keyword}
            </Badge>
          ))}
        </Group>
      )}

      <Group justify="space-between" align="center" mt="md" gap="md">
        <Group gap="lg">
          <Fact icon={<IconClock size={16} aria-hidden="true" />}>
            {formatDuration(item.timeAllottedSeconds)} allowed
          </Fact>
          <Fact icon={<IconStack2 size={16} aria-hidden="true" />}>{tasks}</Fact>
          <Group gap={6} wrap="nowrap" c="gray.7">
            <IconTrendingUp size={16} aria-hidden="true" />
            <HourlyPay pay={item.hourlyPay} labelled={false} />
          </Group>
        </Group>
        <Group gap="xs">
          <Button
            component={Link}
            to={paths.worker.projectPreview(item.projectId)}
            variant="default"
            size="xs"
            aria-label={`Preview ${item.title}`}
          >
            Preview
          </Button>
          {test ? (
            <Button
              size="xs"
              component={Link}
              to={paths.worker.qualificationTest(test.qualificationTypeId, item.projectId)}
              aria-label={`Take the test for ${item.title}`}
            >
              Take the test
            </Button>
          ) : (
            <Button
              size="xs"
              onClick={() => onAccept(item.projectId)}
              loading={accepting}
              aria-label={`Accept a task in ${item.title}`}
            >
              Accept
            </Button>
          )}
        </Group>
      </Group>
    </Card>
  );
}
