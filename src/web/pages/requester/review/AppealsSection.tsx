import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { APPEAL_LIMITS, type Appeal } from '../../../../shared/api/appeals.js';
import { formatCents } from '../../../../shared/money.js';
import { useDecideAppeal, useProjectAppeals } from '../../../api/appeals.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { formatDateTime } from '../../../lib/format.js';
import { AppealConversation } from '../../appeals/AppealConversation.js';
import { AppealStatusBadge } from '../../appeals/AppealStatusBadge.js';
import { ReasonDialog } from './ReasonDialog.js';

type Decision = 'overturn' | 'uphold';

function AppealCard({ appeal }: { appeal: Appeal }) {
  const [deciding, setDeciding] = useState<Decision | null>(null);
  const decide = useDecideAppeal();
  const who = appeal.worker.displayName;
  return (
    <Card withBorder component="li" aria-label={`Appeal by ${who}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <div>
            <Text fw={600}>
              {who}{' '}
              <Text span c="dimmed" size="sm">
                @{appeal.worker.handle}
              </Text>
            </Text>
            <Text size="sm" c="dimmed">
              Reward {formatCents(appeal.rewardCents)} · appealed {formatDateTime(appeal.createdAt)}
            </Text>
          </div>
          <Stack gap={2} align="flex-end">
            <AppealStatusBadge status={appeal.status} automatic={appeal.automatic} />
            {appeal.status === 'open' && (
              <Text size="xs" c="orange.9">
                Answer by {formatDateTime(appeal.responseDeadline)}, or it is overturned and paid
              </Text>
            )}
          </Stack>
        </Group>
        <AppealConversation appeal={appeal} />
        {appeal.status === 'open' && (
          <Group gap="xs">
            <Button color="teal" onClick={() => setDeciding('overturn')}>
              Overturn and pay
            </Button>
            <Button variant="default" onClick={() => setDeciding('uphold')}>
              Uphold
            </Button>
          </Group>
        )}
      </Stack>
      {deciding && (
        <ReasonDialog
          title={deciding === 'overturn' ? 'Overturn the rejection' : 'Uphold the rejection'}
          intro={
            deciding === 'overturn'
              ? `The work is approved and ${who} is paid ${formatCents(appeal.rewardCents)} (plus the platform fee), from the project’s escrow or your available funds.`
              : `The rejection stands and ${who} is not paid. Tell them why.`
          }
          label="Message to the worker"
          description={`${who} reads this with your decision.`}
          missingMessage="Write a message to the worker."
          confirmLabel={deciding === 'overturn' ? 'Overturn and pay' : 'Uphold'}
          confirmColor={deciding === 'overturn' ? 'teal' : 'red'}
          maxLength={APPEAL_LIMITS.messageMax}
          onConfirm={(message) =>
            decide.mutateAsync({ appealId: appeal.id, body: { decision: deciding, message } })
          }
          onClose={() => setDeciding(null)}
        />
      )}
    </Card>
  );
}

/**
 * Workers' appeals of this project's rejections, open ones first in the count: each with its
 * deadline, its conversation and the requester's two answers. Hidden while there are none.
 */
export function AppealsSection({ projectId }: { projectId: string }) {
  const appeals = useProjectAppeals(projectId);
  if (appeals.isError) {
    return <ErrorAlert error={appeals.error} onRetry={() => void appeals.refetch()} />;
  }
  if (!appeals.data || appeals.data.items.length === 0) return null;
  const { items, openCount } = appeals.data;
  return (
    <section id="appeals" aria-labelledby="appeals-heading">
      <Group gap="xs" mb="sm">
        <Title order={2} size="h4" id="appeals-heading">
          Appeals
        </Title>
        {openCount > 0 && (
          <Badge color="orange" aria-label={`${openCount} open`}>
            {openCount}
          </Badge>
        )}
      </Group>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((appeal) => (
          <AppealCard key={appeal.id} appeal={appeal} />
        ))}
      </Stack>
    </section>
  );
}
