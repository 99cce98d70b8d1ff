import {
  ActionIcon,
  Button,
  Card,
  Group,
  Menu,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArrowsSort,
  IconBan,
  IconCertificate,
  IconDots,
  IconGift,
  IconSortAscending,
  IconSortDescending,
  IconUsers,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { WorkerQuality } from '../../../../shared/api/aggregates.js';
import type { Project } from '../../../../shared/api/projects.js';
import { useProjectWorkers } from '../../../api/aggregates.js';
import {
  useGrantQualification,
  useQualificationTypeOptions,
  useRevokeQualification,
} from '../../../api/qualifications.js';
import { useBlocks } from '../../../api/review.js';
import { ACTIONS_COLUMN, DataTable } from '../../../components/DataTable.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { QueryList } from '../../../components/QueryList.js';
import { TableHeading } from '../../../components/TableHeading.js';
import { BonusDialog } from '../review/BonusDialog.js';
import { BlockWorkerDialog } from '../review/BlockWorkerDialog.js';
import { AccuracyScatter } from './AccuracyScatter.js';
import { percent } from './AggregatesCard.js';
import { WorkTimesCard } from './WorkTimesCard.js';

type SortKey =
  | 'displayName'
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'goldAccuracy'
  | 'agreementPercent'
  | 'estimatedAccuracy'
  | 'medianWorkSeconds';

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'displayName', label: 'Worker' },
  { key: 'submitted', label: 'Submitted' },
  { key: 'approved', label: 'Approved' },
  { key: 'rejected', label: 'Rejected' },
  { key: 'goldAccuracy', label: 'Gold correct' },
  { key: 'agreementPercent', label: 'Agreement' },
  { key: 'estimatedAccuracy', label: 'Est. accuracy' },
  { key: 'medianWorkSeconds', label: 'Median time' },
];

function sortValue(w: WorkerQuality, key: SortKey): number | string | null {
  if (key === 'goldAccuracy') return w.goldAnswered > 0 ? w.goldCorrect / w.goldAnswered : null;
  return w[key];
}

/** Sorted by one column; workers without a value (no estimate yet) always last. */
export function sortWorkers(
  workers: readonly WorkerQuality[],
  key: SortKey,
  descending: boolean,
): WorkerQuality[] {
  return [...workers].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - Number(y);
    return descending ? -order : order;
  });
}

function seconds(value: number | null) {
  if (value === null) return '—';
  return value < 90 ? `${Math.round(value)} s` : `${Math.round(value / 60)} min`;
}

function QualificationDialog({ worker, onClose }: { worker: WorkerQuality; onClose: () => void }) {
  const types = useQualificationTypeOptions('');
  const [typeId, setTypeId] = useState<string | null>(null);
  const [value, setValue] = useState<string | number>(1);
  const grant = useGrantQualification(typeId ?? '');
  const revoke = useRevokeQualification(typeId ?? '');
  const own = (types.data ?? []).filter((t) => !t.system);
  const done = (title: string) => {
    notifications.show({ color: 'teal', title, message: worker.displayName });
    onClose();
  };
  const error = grant.error ?? revoke.error;
  return (
    <Modal opened onClose={onClose} title={`Qualification for ${worker.displayName}`} centered>
      <Stack gap="md">
        <Select
          label="Qualification type"
          placeholder={own.length === 0 ? 'You have no qualification types yet' : 'Choose one'}
          data={own.map((t) => ({ value: t.id, label: t.name }))}
          value={typeId}
          onChange={setTypeId}
          searchable
        />
        <NumberInput label="Value" value={value} onChange={setValue} allowDecimal={false} />
        {error && <ErrorAlert error={error} title="That did not work" />}
        <Group justify="flex-end">
          <Button
            variant="default"
            color="red"
            disabled={!typeId}
            loading={revoke.isPending}
            onClick={() =>
              revoke.mutate(worker.workerId, { onSuccess: () => done('Qualification revoked') })
            }
          >
            Revoke
          </Button>
          <Button
            disabled={!typeId || typeof value !== 'number'}
            loading={grant.isPending}
            onClick={() =>
              grant.mutate(
                { worker: worker.workerId, value: Number(value) },
                { onSuccess: () => done('Qualification granted') },
              )
            }
          >
            Grant
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

type Dialog = { kind: 'bonus' | 'block' | 'qualification'; worker: WorkerQuality } | null;

function WorkerMenu({
  worker,
  blocked,
  onOpen,
}: {
  worker: WorkerQuality;
  blocked: boolean;
  onOpen: (dialog: Dialog) => void;
}) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" aria-label={`Actions for ${worker.displayName}`}>
          <IconDots size={16} aria-hidden="true" />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          leftSection={<IconGift size={16} aria-hidden="true" />}
          onClick={() => onOpen({ kind: 'bonus', worker })}
        >
          Pay a bonus…
        </Menu.Item>
        <Menu.Item
          leftSection={<IconCertificate size={16} aria-hidden="true" />}
          onClick={() => onOpen({ kind: 'qualification', worker })}
        >
          Grant or revoke a qualification…
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          disabled={blocked}
          leftSection={<IconBan size={16} aria-hidden="true" />}
          onClick={() => onOpen({ kind: 'block', worker })}
        >
          {blocked ? 'Blocked' : 'Block worker…'}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function SortHeading({
  label,
  active,
  descending,
  onSort,
}: {
  label: string;
  active: boolean;
  descending: boolean;
  onSort: () => void;
}) {
  const Icon = !active ? IconArrowsSort : descending ? IconSortDescending : IconSortAscending;
  return (
    <UnstyledButton onClick={onSort} className="sort-heading">
      <Group gap={4} wrap="nowrap">
        <Text size="sm" fw={700}>
          {label}
        </Text>
        <Icon size={14} aria-hidden="true" />
      </Group>
    </UnstyledButton>
  );
}

/**
 * Who is doing the project's work, and how well: counts by review, gold, agreement with the
 * aggregate, Dawid-Skene's estimated accuracy and time; with a bonus, a qualification or a block
 * a click away.
 */
export function QualityTab({ project }: { project: Project }) {
  const workers = useProjectWorkers(project.id);
  const blocks = useBlocks();
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'submitted',
    descending: true,
  });
  const [dialog, setDialog] = useState<Dialog>(null);
  const blocked = new Set((blocks.data ?? []).map((b) => b.worker.id));
  const items = workers.data?.items;
  const close = () => setDialog(null);

  return (
    <Stack gap="lg">
      <WorkTimesCard project={project} />
      {items && items.length > 0 && (
        <Card>
          <Text fw={650} mb={4}>
            Estimated accuracy against volume
          </Text>
          <Text size="sm" c="dimmed" mb="sm">
            Each dot is a worker; red ones are below 70%. Estimates come from Dawid-Skene over every
            answer in the project, with gold answers as the truth.
          </Text>
          {items.some((w) => w.estimatedAccuracy !== null) ? (
            <AccuracyScatter workers={items} />
          ) : (
            <Text size="sm">
              No estimates yet: they appear once answers from several workers to the same tasks (or
              to gold tasks) have been aggregated, a few seconds after the work comes in.
            </Text>
          )}
        </Card>
      )}
      <Card p={0}>
        <TableHeading title="Workers" />
        <QueryList
          query={workers}
          items={items && sortWorkers(items, sort.key, sort.descending)}
          loadingLabel="Loading workers…"
          errorMt="md"
          empty={
            <EmptyState
              framed={false}
              icon={<IconUsers size={28} aria-hidden="true" />}
              title="No work handed in yet"
              description="Workers appear here once they submit work in this project."
            />
          }
        >
          {(rows) => (
            <DataTable
              label="Workers"
              columns={[
                ...COLUMNS.map(({ key, label }) => ({
                  // Room for a name and handle on one or two lines, not one word a line.
                  miw: key === 'displayName' ? 150 : undefined,
                  label: (
                    <SortHeading
                      label={label}
                      active={sort.key === key}
                      descending={sort.descending}
                      onSort={() =>
                        setSort((s) => ({
                          key,
                          descending: s.key === key ? !s.descending : key !== 'displayName',
                        }))
                      }
                    />
                  ),
                  'aria-sort':
                    sort.key === key
                      ? sort.descending
                        ? ('descending' as const)
                        : ('ascending' as const)
                      : undefined,
                })),
                ACTIONS_COLUMN,
              ]}
              minWidth={880}
              horizontalSpacing="sm"
              highlightOnHover
            >
              {rows.map((w) => (
                <Table.Tr key={w.workerId}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {w.displayName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      @{w.handle}
                      {blocked.has(w.workerId) && ' · blocked'}
                    </Text>
                  </Table.Td>
                  <Table.Td className="stat-value">{w.submitted}</Table.Td>
                  <Table.Td className="stat-value">{w.approved}</Table.Td>
                  <Table.Td className="stat-value">{w.rejected}</Table.Td>
                  <Table.Td className="stat-value" style={{ whiteSpace: 'nowrap' }}>
                    {w.goldAnswered > 0
                      ? `${w.goldCorrect} of ${w.goldAnswered} (${percent(w.goldCorrect / w.goldAnswered)})`
                      : '—'}
                  </Table.Td>
                  <Table.Td className="stat-value">
                    {w.agreementPercent === null ? '—' : `${Math.round(w.agreementPercent)}%`}
                  </Table.Td>
                  <Table.Td className="stat-value">
                    {w.estimatedAccuracy === null ? '—' : percent(w.estimatedAccuracy)}
                  </Table.Td>
                  <Table.Td className="stat-value">{seconds(w.medianWorkSeconds)}</Table.Td>
                  <Table.Td>
                    <WorkerMenu worker={w} blocked={blocked.has(w.workerId)} onOpen={setDialog} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </QueryList>
      </Card>
      {dialog?.kind === 'bonus' && (
        <BonusDialog
          assignment={{
            id: dialog.worker.latestAssignmentId,
            projectId: project.id,
            worker: { displayName: dialog.worker.displayName },
          }}
          onClose={close}
        />
      )}
      {dialog?.kind === 'qualification' && (
        <QualificationDialog worker={dialog.worker} onClose={close} />
      )}
      {dialog?.kind === 'block' && (
        <BlockWorkerDialog
          worker={{ id: dialog.worker.workerId, displayName: dialog.worker.displayName }}
          onClose={close}
        />
      )}
    </Stack>
  );
}
