import {
  Badge,
  Blockquote,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconFlask, IconMessageQuestion } from '@tabler/icons-react';
import type { PilotSubmission } from '../../../../shared/api/pilot.js';
import type { Project } from '../../../../shared/api/projects.js';
import { PILOT_QUESTION } from '../../../../shared/api/work.js';
import { usePilotSubmissions } from '../../../api/pilot.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadingState } from '../../../components/LoadingState.js';
import { countOf, formatDate } from '../../../lib/format.js';
import { isPilotRunning } from './PilotButtons.js';

/** An answer as text: lists joined, anything else as JSON (never as HTML). */
function answerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ');
  return JSON.stringify(value);
}

function Pairs({ title, values }: { title: string; values: Record<string, unknown> }) {
  const entries = Object.entries(values);
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.5} mb={4}>
        {title}
      </Text>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          None
        </Text>
      ) : (
        <dl className="pilot-pairs">
          {entries.map(([name, value]) => (
            <div key={name}>
              <Text component="dt" size="sm" c="dimmed">
                {name}
              </Text>
              <Text component="dd" size="sm" ml={0} style={{ overflowWrap: 'anywhere' }}>
                {answerText(value)}
              </Text>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function SubmissionCard({ item }: { item: PilotSubmission }) {
  return (
    <Card component="article" aria-label={`Task ${item.taskNumber} by @${item.workerHandle}`}>
      <Group justify="space-between" mb="sm">
        <Text fw={650}>
          Task {item.taskNumber} · @{item.workerHandle}
        </Text>
        <Group gap="xs">
          <Badge variant="light" color={item.status === 'approved' ? 'teal' : 'gray'}>
            {item.status}
          </Badge>
          {item.submittedAt && (
            <Text size="xs" c="dimmed">
              {formatDate(item.submittedAt)}
            </Text>
          )}
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Pairs title="Task data" values={item.taskData} />
        <Pairs title="Answers" values={item.answers ?? {}} />
        <div>
          <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.5} mb={4}>
            {PILOT_QUESTION}
          </Text>
          {item.feedback ? (
            <Blockquote
              p="sm"
              data-testid="pilot-feedback"
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
            >
              {item.feedback}
            </Blockquote>
          ) : (
            <Text size="sm" c="dimmed">
              {item.submittedAt ? 'No feedback given.' : 'Not submitted yet.'}
            </Text>
          )}
        </div>
      </SimpleGrid>
    </Card>
  );
}

/** What the pilot's workers answered and found unclear, to read before publishing the rest. */
export function PilotTab({ project }: { project: Project }) {
  const list = usePilotSubmissions(project.id);
  const pilot = project.pilot;
  if (!pilot) {
    return (
      <EmptyState
        icon={<IconFlask size={28} aria-hidden="true" />}
        title="No pilot run"
        description="Run a pilot from a draft to try the first tasks on a few workers."
      />
    );
  }
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="md">
      <Card padding="sm" px="md">
        <Group justify="space-between">
          <Stack gap={2}>
            <Title order={2} size="h4">
              Pilot feedback
            </Title>
            <Text size="sm" c="dimmed">
              {countOf(pilot.tasks, 'task')} · {pilot.workersJoined} of{' '}
              {countOf(pilot.workers, 'worker')} took part · started {formatDate(pilot.startedAt)}
              {pilot.endedAt && ` · rest published ${formatDate(pilot.endedAt)}`}
            </Text>
          </Stack>
          {isPilotRunning(project) && (
            <Text size="sm" maw={360}>
              Change the instructions or the form under Design and Settings, then publish the rest.
            </Text>
          )}
        </Group>
      </Card>
      {list.isPending ? (
        <LoadingState label="Loading the pilot’s work…" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<IconMessageQuestion size={28} aria-hidden="true" />}
          title="No pilot work yet"
          description="Submissions and their feedback appear here as the pilot’s workers send them."
        />
      ) : (
        <>
          {items.map((item) => (
            <SubmissionCard key={item.assignmentId} item={item} />
          ))}
          {list.hasNextPage && (
            <Group justify="center">
              <Button
                variant="default"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                Show more
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
