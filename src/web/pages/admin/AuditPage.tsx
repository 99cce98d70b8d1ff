import { Anchor, Badge, Button, Card, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { IconFilterOff, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import type { AuditEntry } from '../../../shared/api/audit.js';
import { useAuditSearch, type AuditFilter } from '../../api/audit.js';
import { AuditDetailsCell, AuditWhatCell, AuditWhenCell } from '../../components/AuditCells.js';
import { CardTable } from '../../components/CardList.js';
import { PageHeader } from '../../components/PageHeader.js';
import { AUDIT_FAMILIES } from '../../lib/audit-actions.js';

const COLUMNS = ['When', 'What', 'By', 'Account', 'Details', 'Request'];

const ACTION_OPTIONS = [{ value: '', label: 'Every action' }, ...AUDIT_FAMILIES];

/** A person named in an entry: a button that narrows the log to them. */
type Person = { id: string; name: string };

function PersonFilterButton({
  person,
  role,
  onPick,
}: {
  person: AuditEntry['actor'];
  role: 'by' | 'about';
  onPick: (person: Person) => void;
}) {
  if (!person) {
    return (
      <Text size="sm" c="dimmed">
        {role === 'by' ? 'Tessera' : '—'}
      </Text>
    );
  }
  const name = person.displayName ?? 'Deleted account';
  return (
    <Anchor
      component="button"
      type="button"
      size="sm"
      onClick={() => onPick({ id: person.id, name })}
      aria-label={`Show only entries ${role === 'by' ? 'by' : 'about'} ${name}`}
    >
      {name}
    </Anchor>
  );
}

function AuditRow({
  entry,
  onActor,
  onSubject,
}: {
  entry: AuditEntry;
  onActor: (person: Person) => void;
  onSubject: (person: Person) => void;
}) {
  return (
    <Table.Tr>
      <AuditWhenCell entry={entry} />
      <AuditWhatCell entry={entry} forAdmin />
      <Table.Td>
        <PersonFilterButton person={entry.actor} role="by" onPick={onActor} />
      </Table.Td>
      <Table.Td>
        <PersonFilterButton person={entry.subjectUser} role="about" onPick={onSubject} />
      </Table.Td>
      <AuditDetailsCell entry={entry} forAdmin />
      <Table.Td>
        <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {entry.requestId ?? 'none'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** A filter on one person, shown as a removable badge. */
function PersonBadge({
  label,
  person,
  onClear,
}: {
  label: string;
  person: Person;
  onClear: () => void;
}) {
  return (
    <Badge
      variant="light"
      size="lg"
      rightSection={
        <Anchor
          component="button"
          type="button"
          size="xs"
          onClick={onClear}
          aria-label={`Remove filter ${label} ${person.name}`}
        >
          ×
        </Anchor>
      }
    >
      {label} {person.name}
    </Badge>
  );
}

export function AuditPage() {
  const [action, setAction] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [actor, setActor] = useState<Person | undefined>();
  const [subject, setSubject] = useState<Person | undefined>();
  const filter: AuditFilter = {
    action,
    actorId: actor?.id ?? '',
    subjectUserId: subject?.id ?? '',
    fromDay,
    toDay,
  };
  const entries = useAuditSearch(filter);
  const filtered = Boolean(action || fromDay || toDay || actor || subject);
  const clear = () => {
    setAction('');
    setFromDay('');
    setToDay('');
    setActor(undefined);
    setSubject(undefined);
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what to whom on this site: suspensions and roles, tokens, access keys and apps made or deleted, deposits and payouts. Each entry names the request that made it, to match with the server's logs. Select a name to see only that person's entries."
      />
      <Card p={0}>
        <Group p="md" gap="md" align="flex-end" className="table-toolbar" wrap="wrap">
          <Select
            label="Action"
            data={ACTION_OPTIONS}
            value={action}
            onChange={(value) => setAction(value ?? '')}
            allowDeselect={false}
            w={220}
          />
          <TextInput
            label="From"
            type="date"
            value={fromDay}
            max={toDay || undefined}
            onChange={(event) => setFromDay(event.currentTarget.value)}
            w={170}
          />
          <TextInput
            label="To"
            type="date"
            value={toDay}
            min={fromDay || undefined}
            onChange={(event) => setToDay(event.currentTarget.value)}
            w={170}
          />
          {actor && <PersonBadge label="By" person={actor} onClear={() => setActor(undefined)} />}
          {subject && (
            <PersonBadge label="About" person={subject} onClear={() => setSubject(undefined)} />
          )}
          {filtered && (
            <Button
              variant="subtle"
              leftSection={<IconFilterOff size={16} aria-hidden="true" />}
              onClick={clear}
            >
              Clear filters
            </Button>
          )}
        </Group>
        <CardTable
          query={entries}
          loadingLabel="Loading the audit log…"
          empty={{
            icon: <IconHistory size={28} aria-hidden="true" />,
            title: filtered ? 'No entries match' : 'Nothing recorded yet',
            description: filtered
              ? 'Try another action, a wider time span, or clear the filters.'
              : 'Entries appear here as people suspend accounts, make tokens or keys, deposit funds and pay out.',
          }}
          label="Audit log"
          columns={COLUMNS}
          minWidth={1000}
          highlightOnHover
          row={(entry) => (
            <AuditRow key={entry.id} entry={entry} onActor={setActor} onSubject={setSubject} />
          )}
        />
      </Card>
    </>
  );
}
