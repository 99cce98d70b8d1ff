import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import type { Project } from '../../../../shared/api/projects.js';
import { StatCard } from '../StatCard.js';

/** Review comes with its own issue; until then this says what will appear here, and when. */
export function ResultsTab({ project }: { project: Project }) {
  const { assignmentsSubmitted, assignmentsApproved, assignmentsOutstanding } = project.progress;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <StatCard
          label="Waiting for your review"
          value={assignmentsSubmitted.toLocaleString('en')}
        />
        <StatCard label="Approved" value={assignmentsApproved.toLocaleString('en')} />
        <StatCard label="Being worked on" value={assignmentsOutstanding.toLocaleString('en')} />
      </SimpleGrid>
      <Card>
        <Group align="flex-start" wrap="nowrap" gap="md">
          <ThemeIcon size={40} radius="md" variant="light">
            <IconChecklist size={22} aria-hidden="true" />
          </ThemeIcon>
          <Stack gap={4}>
            <Title order={2}>Results arrive as workers submit</Title>
            <Text size="sm" c="dimmed" maw={640}>
              {project.status === 'draft'
                ? 'Once you publish, each answer a worker submits appears here for you to approve or reject, and you can download all results as CSV or JSON.'
                : assignmentsSubmitted === 0
                  ? 'No answers are waiting yet. Each one a worker submits appears here for you to approve or reject, and you can download all results as CSV or JSON.'
                  : `${assignmentsSubmitted} ${assignmentsSubmitted === 1 ? 'answer is' : 'answers are'} waiting. Reviewing them here, and downloading results, arrives in the next release; answers not reviewed in time are approved automatically.`}
            </Text>
          </Stack>
        </Group>
      </Card>
    </Stack>
  );
}
