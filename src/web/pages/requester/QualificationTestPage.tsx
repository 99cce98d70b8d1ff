import { Anchor, Badge, Button, Card, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconListCheck } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import type { OwnerTestAttempt } from '../../../shared/api/qualification-tests.js';
import { useTestAttempts } from '../../api/qualification-tests.js';
import { useQualificationType, useUpdateQualificationType } from '../../api/qualifications.js';
import { DataTable, type Column } from '../../components/DataTable.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryList } from '../../components/QueryList.js';
import { formatDateTime } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { QualificationTestEditor } from './qualifications/QualificationTestEditor.js';

const COLUMNS = [
  'Worker',
  'Status',
  { label: 'Score', ta: 'right' },
  'Started',
  'Submitted',
] satisfies Column[];

function StatusBadge({ attempt }: { attempt: OwnerTestAttempt }) {
  if (attempt.status === 'open') return <Badge color="blue">In progress</Badge>;
  if (attempt.status === 'expired') return <Badge color="gray">Ran out of time</Badge>;
  return attempt.passed ? <Badge color="teal">Passed</Badge> : <Badge color="red">Failed</Badge>;
}

function Attempts({ typeId }: { typeId: string }) {
  const attempts = useTestAttempts(typeId);
  return (
    <Card p={0}>
      <QueryList
        query={attempts}
        loadingLabel="Loading attempts…"
        empty={
          <EmptyState
            icon={<IconListCheck size={28} aria-hidden="true" />}
            title="Nobody has taken the test yet"
            description="Require this qualification in a project: workers find the test from its place in Find work."
            framed={false}
          />
        }
      >
        {(rows) => (
          <DataTable label="Test attempts" columns={COLUMNS} minWidth={640}>
            {rows.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {a.worker.displayName}
                  </Text>
                  <Anchor component={Link} to={paths.publicProfile(a.worker.handle)} size="xs">
                    @{a.worker.handle}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <StatusBadge attempt={a} />
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600}>
                    {a.score === null ? '—' : `${a.score} / ${a.maxScore}`}
                  </Text>
                  <Text size="xs" c="dimmed">
                    pass mark {a.passingScore}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(a.startedAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.submittedAt ? formatDateTime(a.submittedAt) : '—'}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryList>
    </Card>
  );
}

/** One of my qualification types' test: the editor, and who took it with what score. */
export function QualificationTestPage() {
  const { typeId = '' } = useParams();
  const type = useQualificationType(typeId);
  const update = useUpdateQualificationType(typeId);

  const back = (
    <Button
      component={Link}
      to={paths.requester.qualifications}
      variant="subtle"
      leftSection={<IconArrowLeft size={16} aria-hidden="true" />}
      mb="md"
      ml={-12}
    >
      Back to Qualifications
    </Button>
  );
  if (type.isPending) return <LoadingState label="Loading the qualification…" />;
  if (type.isError) {
    return (
      <>
        {back}
        <ErrorAlert error={type.error} title="Could not load the qualification" />
      </>
    );
  }
  return (
    <>
      {back}
      <PageHeader
        title={`Test for “${type.data.name}”`}
        description="Workers who pass are granted this qualification with their score as its value, and see the projects that require it."
      />
      <Tabs defaultValue="test" keepMounted={false}>
        <Tabs.List mb="lg" aria-label="Test sections">
          <Tabs.Tab value="test">Test</Tabs.Tab>
          <Tabs.Tab value="attempts">Attempts</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="test">
          <QualificationTestEditor
            key={type.data.test?.updatedAt ?? 'none'}
            saved={type.data.test}
            onSave={async (test) => {
              await update.mutateAsync({ test });
              notifications.show({
                color: 'teal',
                title: test ? 'Test saved' : 'Test removed',
                message: type.data.name,
              });
            }}
          />
        </Tabs.Panel>
        <Tabs.Panel value="attempts">
          <Attempts typeId={typeId} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
