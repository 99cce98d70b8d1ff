import { Card, Text, Textarea, Title } from '@mantine/core';
import { PILOT_FEEDBACK_MAX, PILOT_QUESTION } from '../../../shared/api/work.js';

/**
 * The feedback question of a pilot run (DESIGN §10), asked with each submission of pilot work
 * only. Optional: the requester reads it beside the answers, as plain text.
 */
export function PilotFeedbackBox({
  value,
  onChange,
  readOnly,
}: {
  value: string;
  onChange: (value: string) => void;
  readOnly: boolean;
}) {
  return (
    <Card component="section" aria-labelledby="pilot-feedback-heading">
      <Title order={2} size="h4" id="pilot-feedback-heading">
        Pilot feedback
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        This project is trying its tasks on a few workers first. Tell the requester what to improve
        before everyone else gets it (optional, sent with your answers).
      </Text>
      <Textarea
        label={PILOT_QUESTION}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={PILOT_FEEDBACK_MAX}
        value={value}
        readOnly={readOnly}
        onChange={(event) => onChange(event.currentTarget.value)}
        description={`${value.length.toLocaleString('en')} / ${PILOT_FEEDBACK_MAX.toLocaleString('en')} characters`}
      />
    </Card>
  );
}
