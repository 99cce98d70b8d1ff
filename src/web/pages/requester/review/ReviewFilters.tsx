import { Button, Group, SegmentedControl, Select } from '@mantine/core';
import { IconRefresh, IconX } from '@tabler/icons-react';
import type { AssignmentStatus } from '../../../../shared/api/work.js';
import type { BatchOption } from './use-batch-options.js';
import { REVIEW_STATUS, type ReviewView } from './review-model.js';

const STATUS_CHOICES: (AssignmentStatus | 'all')[] = ['submitted', 'approved', 'rejected', 'all'];
const ALL_BATCHES = 'all';

type ReviewFiltersProps = {
  view: ReviewView;
  counts: Partial<Record<AssignmentStatus, number>> | undefined;
  batches: BatchOption[];
  /** The filtered worker's name, when the list shows one worker's work. */
  workerName: string | undefined;
  onChange: (view: ReviewView) => void;
  onRefresh: () => void;
  refreshing: boolean;
};

export function ReviewFilters({
  view,
  counts,
  batches,
  workerName,
  onChange,
  onRefresh,
  refreshing,
}: ReviewFiltersProps) {
  const total = Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0);
  const label = (choice: AssignmentStatus | 'all') => {
    const n = choice === 'all' ? total : (counts?.[choice] ?? 0);
    const name = choice === 'all' ? 'All' : REVIEW_STATUS[choice].label;
    return counts ? `${name} · ${n.toLocaleString('en')}` : name;
  };

  return (
    <Group gap="sm" justify="space-between" wrap="wrap">
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label="Show work by status"
          size="sm"
          value={view.status ?? 'all'}
          onChange={(value) =>
            onChange({
              ...view,
              status: value === 'all' ? undefined : value,
            })
          }
          data={STATUS_CHOICES.map((choice) => ({ value: choice, label: label(choice) }))}
        />
        {batches.length > 1 && (
          <Select
            aria-label="Batch"
            size="sm"
            w={280}
            allowDeselect={false}
            value={view.batchId ?? ALL_BATCHES}
            onChange={(value) =>
              onChange({
                ...view,
                batchId: value && value !== ALL_BATCHES ? value : undefined,
              })
            }
            data={[{ value: ALL_BATCHES, label: 'All batches' }, ...batches]}
          />
        )}
        {view.workerId && (
          <Button
            size="sm"
            variant="light"
            rightSection={<IconX size={14} aria-hidden="true" />}
            onClick={() => onChange({ ...view, workerId: undefined })}
            aria-label={`Only ${workerName ?? 'one worker'}: show every worker’s work instead`}
          >
            Only {workerName ?? 'one worker'}
          </Button>
        )}
      </Group>
      <Button
        size="sm"
        variant="subtle"
        leftSection={<IconRefresh size={16} aria-hidden="true" />}
        onClick={onRefresh}
        loading={refreshing}
      >
        Check for new work
      </Button>
    </Group>
  );
}
