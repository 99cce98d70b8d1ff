import { Button, Card, Checkbox, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { Project } from '../../../../shared/api/projects.js';
import { DEFAULT_RESULT_STATUSES } from '../../../../shared/api/results.js';
import type { AssignmentStatus } from '../../../../shared/api/work.js';
import { resultsUrl, type ResultsFormat } from '../../../api/results.js';
import { REVIEW_STATUS } from '../review/review-model.js';
import { useBatchOptions } from '../review/use-batch-options.js';

const ALL_BATCHES = 'all';
const FORMATS: { format: ResultsFormat; label: string }[] = [
  { format: 'csv', label: 'Download CSV' },
  { format: 'json', label: 'Download JSON lines' },
];

/** A column of the download, as it is spelt in the file. */
function ColumnName({ children }: { children: string }) {
  return (
    <Text span ff="monospace" fz="xs" className="nowrap">
      {children}
    </Text>
  );
}

/** The results as files, filtered by status and batch, with what each column holds. */
export function ResultsDownloads({ project }: { project: Project }) {
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
            <ColumnName>Input.&lt;column&gt;</ColumnName>, each answer as{' '}
            <ColumnName>Answer.&lt;item&gt;</ColumnName>, the task’s aggregated answer and its
            confidence by Dawid-Skene (<ColumnName>Aggregate.&lt;item&gt;</ColumnName>,{' '}
            <ColumnName>Confidence.&lt;item&gt;</ColumnName>
            ), whether the task is gold and the answer was right, the worker, the status and the
            times, and the task’s number (<ColumnName>TaskNumber</ColumnName>, the #123 shown in
            review; it never changes). The file is written as it downloads, however many rows there
            are. In the CSV, cells a spreadsheet would run as formulas start with an apostrophe;
            JSON lines keep every value as it was.
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
