import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { APPEAL_LIMITS } from '../../../shared/api/appeals.js';
import type { myAssignmentsSchema } from '../../../shared/api/work.js';
import type { z } from 'zod';
import { useAppeal } from '../../api/appeals.js';
import { formatDateTime } from '../../lib/format.js';
import { AppealStatusBadge } from '../appeals/AppealStatusBadge.js';
import { ReasonDialog } from '../requester/review/ReasonDialog.js';

export type MyAssignment = z.infer<typeof myAssignmentsSchema>['items'][number];

/**
 * A rejected assignment's appeal: the button (with its deadline) while the worker may still
 * appeal, or the appeal's state and until when the requester may answer.
 */
export function AppealCell({ assignment }: { assignment: MyAssignment }) {
  const [open, setOpen] = useState(false);
  const appeal = useAppeal();
  if (assignment.appeal) {
    return (
      <Stack gap={2} align="flex-end">
        <AppealStatusBadge status={assignment.appeal.status} />
        {assignment.appeal.status === 'open' && (
          <Text size="xs" c="dimmed">
            Answer due {formatDateTime(assignment.appeal.responseDeadline)}
          </Text>
        )}
      </Stack>
    );
  }
  const deadline = assignment.appealDeadline;
  if (!deadline || Date.parse(deadline) <= Date.now()) return null;
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Text size="xs" c="dimmed">
        until {formatDateTime(deadline)}
      </Text>
      <Button
        size="xs"
        variant="light"
        color="orange"
        onClick={() => setOpen(true)}
        aria-label={`Appeal the rejection of ${assignment.projectTitle}`}
      >
        Appeal
      </Button>
      {open && (
        <ReasonDialog
          title="Appeal this rejection"
          intro={
            <>
              Tell the requester why your work deserves to be paid. They have a week to answer; if
              they do not, the rejection is overturned and you are paid automatically. You can
              appeal once, until {formatDateTime(deadline)}.
            </>
          }
          label="Your message"
          description="The requester reads this; keep it factual."
          missingMessage="Write why the rejection is wrong."
          confirmLabel="Send appeal"
          confirmColor="orange"
          maxLength={APPEAL_LIMITS.messageMax}
          onConfirm={(message) => appeal.mutateAsync({ assignmentId: assignment.id, message })}
          onClose={() => setOpen(false)}
        />
      )}
    </Group>
  );
}
