import { Button, Drawer, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUsers } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type {
  QualificationHolder,
  QualificationType,
} from '../../../../shared/api/qualifications.js';
import { QUALIFICATION_LIMITS } from '../../../../shared/api/qualifications.js';
import {
  useGrantQualification,
  useQualificationHolders,
  useRevokeQualification,
} from '../../../api/qualifications.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { ACTIONS_COLUMN, type Column } from '../../../components/DataTable.js';
import { formatDate } from '../../../lib/format.js';
import { DrawerTable } from './DrawerTable.js';
import { RequestsPanel } from './RequestsPanel.js';
import { WorkerName } from './WorkerName.js';

function GrantForm({
  type,
  worker,
  value,
  onWorker,
  onValue,
}: {
  type: QualificationType;
  worker: string;
  value: string | number;
  onWorker: (worker: string) => void;
  onValue: (value: string | number) => void;
}) {
  const grant = useGrantQualification(type.id);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const who = worker.trim().replace(/^@/, '');
    if (!who) {
      setError('Enter the worker’s handle or id.');
      return;
    }
    if (typeof value !== 'number') {
      setError('Enter the value to grant, a whole number.');
      return;
    }
    setError(null);
    grant.mutate(
      { worker: who, value },
      {
        onSuccess: (holder) => {
          notifications.show({
            color: 'teal',
            title: 'Qualification granted',
            message: `${holder.displayName} (@${holder.handle}) now holds ${holder.value}.`,
          });
          onWorker('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Grant or change a value">
      <Stack gap="sm">
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <TextInput
            label="Worker"
            placeholder="@handle or id"
            value={worker}
            onChange={(e) => onWorker(e.currentTarget.value)}
            error={error}
            style={{ flex: 1 }}
          />
          <NumberInput
            label="Value"
            value={value}
            onChange={onValue}
            allowDecimal={false}
            min={QUALIFICATION_LIMITS.valueMin}
            max={QUALIFICATION_LIMITS.valueMax}
            w={120}
          />
        </Group>
        {grant.isError && <ErrorAlert error={grant.error} title="Could not grant it" />}
        <Group justify="flex-end">
          <Button type="submit" loading={grant.isPending}>
            Grant or change value
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const HOLDER_COLUMNS = [
  'Worker',
  { label: 'Value', ta: 'right' },
  'Updated',
  ACTIONS_COLUMN,
] satisfies Column[];

function HolderRow({
  type,
  holder,
  onEdit,
}: {
  type: QualificationType;
  holder: QualificationHolder;
  onEdit: () => void;
}) {
  const revoke = useRevokeQualification(type.id);
  return (
    <Table.Tr>
      <Table.Td>
        <WorkerName displayName={holder.displayName} handle={holder.handle} />
      </Table.Td>
      <Table.Td ta="right">
        <Text size="sm" fw={600}>
          {holder.value}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {formatDate(holder.updatedAt)}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Button
            size="xs"
            variant="subtle"
            onClick={onEdit}
            aria-label={`Change the value of @${holder.handle}`}
          >
            Change
          </Button>
          <ConfirmButton
            size="xs"
            variant="subtle"
            color="red"
            aria-label={`Revoke from @${holder.handle}`}
            title={`Revoke “${type.name}” from ${holder.displayName}?`}
            message="They will no longer meet requirements that need it. Tasks they already accepted are not affected."
            confirmLabel="Revoke"
            onConfirm={async () => {
              await revoke.mutateAsync(holder.workerId);
              notifications.show({
                color: 'teal',
                title: 'Qualification revoked',
                message: `@${holder.handle}`,
              });
            }}
          >
            Revoke
          </ConfirmButton>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function Holders({ type }: { type: QualificationType }) {
  const holders = useQualificationHolders(type.id);
  const [worker, setWorker] = useState('');
  const [value, setValue] = useState<string | number>(1);
  return (
    <Stack gap="lg">
      <GrantForm
        type={type}
        worker={worker}
        value={value}
        onWorker={setWorker}
        onValue={setValue}
      />
      <DrawerTable
        title="Holders"
        query={holders}
        loadingLabel="Loading holders…"
        empty={{
          icon: <IconUsers size={28} aria-hidden="true" />,
          title: 'Nobody holds it yet',
          description:
            'Grant it above by a worker’s handle, e.g. to the workers who passed your test.',
        }}
        label={`Holders of ${type.name}`}
        columns={HOLDER_COLUMNS}
        row={(holder) => (
          <HolderRow
            key={holder.workerId}
            type={type}
            holder={holder}
            onEdit={() => {
              setWorker(holder.handle);
              setValue(holder.value);
            }}
          />
        )}
      />
    </Stack>
  );
}

/** The workers who hold one of my qualification types, with grant, change and revoke. */
export function HoldersDrawer({
  type,
  onClose,
}: {
  type: QualificationType | null;
  onClose: () => void;
}) {
  return (
    <Drawer
      opened={type !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={type ? `Holders of “${type.name}”` : ''}
    >
      {type && (
        <Stack gap="md">
          {type.description && (
            <Text size="sm" c="dimmed">
              {type.description}
            </Text>
          )}
          {type.requestable && <RequestsPanel type={type} />}
          <Holders type={type} />
        </Stack>
      )}
    </Drawer>
  );
}
