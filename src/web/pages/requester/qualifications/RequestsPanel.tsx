import { Button, Group, NumberInput, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInbox } from '@tabler/icons-react';
import { useState } from 'react';
import type { QualificationRequest } from '../../../../shared/api/qualification-requests.js';
import {
  QUALIFICATION_LIMITS,
  type QualificationType,
} from '../../../../shared/api/qualifications.js';
import {
  useGrantQualificationRequest,
  usePendingQualificationRequests,
  useRefuseQualificationRequest,
} from '../../../api/qualification-requests.js';
import { ACTIONS_COLUMN, type Column } from '../../../components/DataTable.js';
import { errorMessage } from '../../../components/ErrorAlert.js';
import { formatDate } from '../../../lib/format.js';
import { DrawerTable } from './DrawerTable.js';
import { WorkerName } from './WorkerName.js';

const COLUMNS = [
  'Worker',
  'Asked',
  { label: 'Value', ta: 'right' },
  ACTIONS_COLUMN,
] satisfies Column[];

function failed(error: unknown) {
  notifications.show({ color: 'red', title: 'That did not work', message: errorMessage(error) });
}

function RequestRow({ request }: { request: QualificationRequest }) {
  const grant = useGrantQualificationRequest();
  const refuse = useRefuseQualificationRequest();
  const [value, setValue] = useState<string | number>(1);
  const [reason, setReason] = useState('');
  const who = `@${request.workerHandle}`;
  return (
    <Table.Tr>
      <Table.Td>
        <WorkerName displayName={request.workerDisplayName} handle={request.workerHandle} />
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {formatDate(request.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <NumberInput
          size="xs"
          w={90}
          ml="auto"
          aria-label={`Value to grant ${who}`}
          allowDecimal={false}
          min={QUALIFICATION_LIMITS.valueMin}
          max={QUALIFICATION_LIMITS.valueMax}
          value={value}
          onChange={setValue}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Button
            size="xs"
            loading={grant.isPending}
            aria-label={`Grant ${who}`}
            onClick={() => {
              if (typeof value !== 'number') return;
              grant.mutate(
                { requestId: request.id, value },
                {
                  onSuccess: () =>
                    notifications.show({ color: 'teal', title: 'Granted', message: who }),
                  onError: failed,
                },
              );
            }}
          >
            Grant
          </Button>
          <TextInput
            size="xs"
            w={150}
            placeholder="Reason (optional)"
            aria-label={`Reason for refusing ${who}`}
            maxLength={QUALIFICATION_LIMITS.reasonMax}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={refuse.isPending}
            aria-label={`Refuse ${who}`}
            onClick={() =>
              refuse.mutate(
                { requestId: request.id, reason },
                {
                  onSuccess: () =>
                    notifications.show({ color: 'gray', title: 'Refused', message: who }),
                  onError: failed,
                },
              )
            }
          >
            Refuse
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Workers' pending requests for a requestable type, each granted with a value or refused. */
export function RequestsPanel({ type }: { type: QualificationType }) {
  const pending = usePendingQualificationRequests(type.id);
  return (
    <DrawerTable
      title="Pending requests"
      query={pending}
      loadingLabel="Loading requests…"
      empty={{
        icon: <IconInbox size={28} aria-hidden="true" />,
        title: 'No pending requests',
        description: type.autoGranted
          ? 'Requests are granted automatically.'
          : 'Workers who ask for it appear here.',
      }}
      label={`Pending requests for ${type.name}`}
      columns={COLUMNS}
      row={(request) => <RequestRow key={request.id} request={request} />}
    />
  );
}
