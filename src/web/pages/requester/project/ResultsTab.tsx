import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Project } from '../../../../shared/api/projects.js';
import { DEFAULT_RESULT_STATUSES } from '../../../../shared/api/results.js';
import type { AssignmentStatus } from '../../../../shared/api/work.js';
import { resultsUrl, type ResultsFormat } from '../../../api/results.js';
import { paths } from '../../../lib/paths.js';
import { REVIEW_STATUS } from '../review/review-model.js';
import { useBatchOptions } from '../review/use-batch-options.js';
import { StatCard } from '../StatCard.js';
import { AggregatesCard } from './AggregatesCard.js';

const ALL_BATCHES = 'all';
const FORMATS: { format: ResultsFormat; label: string }[] = [
  { format: 'csv', label: 'Download CSV' },
  { format: 'json', label: 'Download JSON lines' },
];

function Downloads({ project }: { project: Project }) {
  const [statuses, setStatuses] = useState<string[]>([...DEFAULT_RESULT_STATUSES]);
  const [batchId, setBatchId] = useState(ALL_BATCHES);
  const batches = useBatchOptions(project.id);
  const filter = {
    statuses: DEFAULT_RESULT_STATUSES.filter((s) => statuses.includes(s)),
    batchId: batchId === ALL_BATCHES ? undefined : batchId,
  };
  const none = filter.statuses.length === 0;

  return (
    <Card>
      <Stack gap="md">
        <div>
          <Title order={2}>Download results</Title>
          <Text size="sm" c="dimmed" maw={720} mt={4}>
            One row per submission, with MTurk’s columns: the task’s data as{' '}
            <Text span ff="monospace" fz="xs" className="nowrap">
              Input.&lt;column&gt;
            </Text>
            , each answer as{' '}
            <Text span ff="monospace" fz="xs" className="nowrap">
              Answer.&lt;item&gt;
            </Text>
            , the task’s aggregated answer and its confidence by Dawid-Skene (
            <Text span ff="monospace" fz="xs" className="nowrap">
              Aggregate.&lt;item&gt;
            </Text>
            ,{' '}
            <Text span ff="monospace" fz="xs" className="nowrap">
              Confidence.&lt;item&gt;
            </Text>
            ), whether the task is gold and the answer was right, the worker, the status and the
            times, and the task’s number (
            <Text span ff="monospace" fz="xs" className="nowrap">
              TaskNumber
            </Text>
            , the #123 shown in review; it never changes). The file is written as it downloads,
            however many rows there are. In the CSV, cells a spreadsheet would run as formulas start
            with an apostrophe; JSON lines keep every value as it was.
          </Text>
        </div>
        <Group gap="xl" align="flex-start" wrap="wrap">
          <Checkbox.Group
            label="Include work that is"
            value={statuses}
            onChange={setStatuses}
            error={none ? 'Choose at least one status.' : undefined}
          >
            <Group gap="md" mt={6}>
              {DEFAULT_RESULT_STATUSES.map((status: AssignmentStatus) => (
                <Checkbox key={status} value={status} label={REVIEW_STATUS[status].label} />
              ))}
            </Group>
          </Checkbox.Group>
          {batches.length > 1 && (
            <Select
              label="Batch"
              w={320}
              allowDeselect={false}
              value={batchId}
              onChange={(value) => setBatchId(value ?? ALL_BATCHES)}
              data={[{ value: ALL_BATCHES, label: 'All batches' }, ...batches]}
            />
          )}
        </Group>
        <Group gap="sm">
          {FORMATS.map(({ format, label }, index) =>
            none ? (
              <Button
                key={format}
                disabled
                leftSection={<IconDownload size={16} aria-hidden="true" />}
              >
                {label}
              </Button>
            ) : (
              <Button
                key={format}
                component="a"
                href={resultsUrl(project.id, format, filter)}
                download
                variant={index === 0 ? 'filled' : 'default'}
                leftSection={<IconDownload size={16} aria-hidden="true" />}
              >
                {label}
              </Button>
            ),
          )}
        </Group>
      </Stack>
    </Card>
  );
}

/** What the project has produced so far, and the files to take it away in. */
export function ResultsTab({ project }: { project: Project }) {
  const { assignmentsSubmitted, assignmentsApproved, assignmentsOutstanding } = project.progress;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <StatCard
          label="Waiting for your review"
          value={assignmentsSubmitted.toLocaleString('en')}
          hint={
            assignmentsSubmitted > 0 ? (
              <Anchor component={Link} to={paths.requester.project(project.id, 'review')} size="xs">
                Review them now
              </Anchor>
            ) : undefined
          }
        />
        <StatCard label="Approved" value={assignmentsApproved.toLocaleString('en')} />
        <StatCard label="Being worked on" value={assignmentsOutstanding.toLocaleString('en')} />
      </SimpleGrid>
      <AggregatesCard project={project} />
      <Downloads project={project} />
    </Stack>
  );
}
