import { Badge, Button, Card, Group, SegmentedControl, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconCertificate, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { QualificationType } from '../../../shared/api/qualifications.js';
import { useQualificationTypes, type QualificationOwnerFilter } from '../../api/qualifications.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ACTIONS_COLUMN, DataTable, type Column } from '../../components/DataTable.js';
import { QueryList } from '../../components/QueryList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SearchInput } from '../../components/SearchInput.js';
import { formatDate } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { HoldersDrawer } from './qualifications/HoldersDrawer.js';
import { QualificationTypeModal } from './qualifications/QualificationTypeForm.js';

const OWNER_FILTERS = [
  { value: 'all', label: 'All' },
  { value: 'me', label: 'Mine' },
  { value: 'system', label: 'System' },
];

const COLUMNS = [
  'Qualification',
  'Value',
  { label: 'Holders', ta: 'right' },
  'Updated',
  ACTIONS_COLUMN,
] satisfies Column[];

function TypeRow({
  type,
  onEdit,
  onHolders,
}: {
  type: QualificationType;
  onEdit: () => void;
  onHolders: () => void;
}) {
  return (
    <Table.Tr>
      <Table.Td maw={420}>
        <Group gap={8} wrap="nowrap">
          <Text size="sm" fw={600}>
            {type.name}
          </Text>
          {type.system && <Badge color="gray">System</Badge>}
        </Group>
        {type.description && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {type.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {type.valueKind === 'locale' ? 'Country' : 'Whole number'}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm">
          {type.holderCount === null ? '—' : type.holderCount.toLocaleString('en')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {type.system ? 'Computed' : formatDate(type.updatedAt)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {!type.system && (
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              onClick={onHolders}
              aria-label={`Holders of ${type.name}`}
            >
              Holders
            </Button>
            <Button
              size="xs"
              variant="subtle"
              component={Link}
              to={paths.requester.qualificationTest(type.id)}
              aria-label={`Test of ${type.name}`}
            >
              {type.hasTest ? 'Test' : 'Add a test'}
            </Button>
            <Button size="xs" variant="subtle" onClick={onEdit} aria-label={`Edit ${type.name}`}>
              Edit
            </Button>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

export function QualificationsPage() {
  const [search, setSearch] = useState('');
  const [owner, setOwner] = useState('all');
  const [q] = useDebouncedValue(search, 300);
  const ownerFilter: QualificationOwnerFilter =
    owner === 'me' || owner === 'system' ? owner : undefined;
  const types = useQualificationTypes({ q, owner: ownerFilter });
  const [editing, setEditing] = useState<QualificationType | undefined>(undefined);
  const [modalOpen, setModalOpen] = useState(false);
  const [holdersOf, setHoldersOf] = useState<QualificationType | null>(null);

  const newButton = (
    <Button
      leftSection={<IconPlus size={16} aria-hidden="true" />}
      onClick={() => {
        setEditing(undefined);
        setModalOpen(true);
      }}
    >
      New qualification
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Qualifications"
        description="Scores and tests that decide which workers may take your tasks. System qualifications are computed from each worker’s record; yours are granted by you."
        actions={newButton}
      />
      <Card p={0}>
        <Group p="md" gap="md" align="flex-end" className="table-toolbar">
          <SearchInput placeholder="Name" value={search} onChange={setSearch} maxWidth={360} />
          <SegmentedControl
            aria-label="Show qualifications"
            value={owner}
            onChange={setOwner}
            data={OWNER_FILTERS}
          />
        </Group>
        <QueryList
          query={types}
          loadingLabel="Loading qualifications…"
          errorMt="md"
          empty={
            <EmptyState
              icon={<IconCertificate size={28} aria-hidden="true" />}
              title={
                owner === 'me' && !q
                  ? 'You have not defined any qualifications'
                  : 'No qualifications match'
              }
              description={
                owner === 'me' && !q
                  ? 'Create one for a test you run or a group of trusted workers, grant it by handle, then require it in a project’s settings.'
                  : 'Try another name or filter.'
              }
              actions={owner === 'me' && !q ? newButton : undefined}
              framed={false}
            />
          }
        >
          {(rows) => (
            <DataTable
              label="Qualification types"
              columns={COLUMNS}
              minWidth={720}
              highlightOnHover
            >
              {rows.map((type) => (
                <TypeRow
                  key={type.id}
                  type={type}
                  onHolders={() => setHoldersOf(type)}
                  onEdit={() => {
                    setEditing(type);
                    setModalOpen(true);
                  }}
                />
              ))}
            </DataTable>
          )}
        </QueryList>
      </Card>
      <QualificationTypeModal
        opened={modalOpen}
        onClose={() => setModalOpen(false)}
        type={editing}
      />
      <HoldersDrawer type={holdersOf} onClose={() => setHoldersOf(null)} />
    </>
  );
}
