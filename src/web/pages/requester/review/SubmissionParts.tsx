import { Anchor, Badge, Button, Stack, Text, Tooltip } from '@mantine/core';
import { IconLayoutSidebarRightExpand } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ReviewAssignment, ReviewFlag } from '../../../../shared/api/review.js';
import { formatCents } from '../../../../shared/money.js';
import type { Template } from '../../../../shared/templates/index.js';
import { formatDate } from '../../../lib/format.js';
import { paths } from '../../../lib/paths.js';
import { AnnotationView } from './AnnotationView.js';
import { MediaValue } from './MediaValue.js';
import { formatTimeSpent, REVIEW_STATUS, type AnswerLine } from './review-model.js';
import { altText, columnMedia, mediaView, type MediaView } from './task-media.js';

/** Task columns shown per row. */
const DATA_COLUMNS_MAX = 5;
/** Characters of an answer shown before "Show all". */
const LONG_TEXT = 240;

/** Long answers (a transcript) are cut to a few lines until the reviewer asks for all of it. */
function LongText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  if (text.length <= LONG_TEXT) return text;
  return (
    <>
      {open ? text : `${text.slice(0, LONG_TEXT).trimEnd()}…`}{' '}
      <Anchor
        component="button"
        type="button"
        size="xs"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? 'Show less' : 'Show all'}
      </Anchor>
    </>
  );
}

const shortDateTime = new Intl.DateTimeFormat('en', {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** Who did the work, on which task, when it came in and how long it took. */
export function WhoAndWhen({
  assignment,
  blocked,
}: {
  assignment: ReviewAssignment;
  blocked: boolean;
}) {
  const { worker, task } = assignment;
  const submitted = assignment.submittedAt
    ? shortDateTime.format(new Date(assignment.submittedAt))
    : 'not submitted';
  return (
    <Stack gap={1} align="flex-start">
      <Anchor component={Link} to={paths.publicProfile(worker.handle)} size="sm" fw={600}>
        {worker.displayName}
      </Anchor>
      <Text size="xs" c="dimmed" truncate maw={170} title={`@${worker.handle}`}>
        @{worker.handle}
      </Text>
      <Text size="xs" mt={4} className="nowrap">
        <Text span fw={600} size="xs" title={`Row ${task.rowNumber} of its batch`}>
          Task #{task.number}
        </Text>{' '}
        · {submitted}
      </Text>
      {assignment.timeSpentSeconds !== null && (
        <Text size="xs" c="dimmed">
          took {formatTimeSpent(assignment.timeSpentSeconds)}
        </Text>
      )}
      {assignment.autoApproveAt && (
        <Text size="xs" c="dimmed" className="nowrap">
          auto-approves {formatDate(assignment.autoApproveAt)}
        </Text>
      )}
      {blocked && (
        <Badge color="red" variant="outline" size="xs" mt={4}>
          Blocked
        </Badge>
      )}
      {assignment.flags.map((flag) => (
        <ReviewFlagBadge key={flag.kind} flag={flag} />
      ))}
    </Stack>
  );
}

const FLAG_LABELS: Record<ReviewFlag['kind'], string> = {
  gold_accuracy: 'Low gold accuracy',
  too_fast: 'Very fast',
};

/** A quality flag (DESIGN §9): a short badge, its details in a tooltip and for screen readers. */
function ReviewFlagBadge({ flag }: { flag: ReviewFlag }) {
  return (
    <Tooltip label={flag.message} events={{ hover: true, focus: true, touch: true }} withArrow>
      <Badge color="orange" variant="light" size="xs" mt={4} tabIndex={0} tt="none">
        {FLAG_LABELS[flag.kind]}
        <span className="visually-hidden">: {flag.message}</span>
      </Badge>
    </Tooltip>
  );
}

const isMedia = (view: MediaView) =>
  view.kind === 'image' || view.kind === 'audio' || view.kind === 'video';

/**
 * The task's data as "column value" lines, each cut to one line (the task's full view has it all),
 * with images as thumbnails and recordings as players.
 */
export function TaskData({
  data,
  template,
  number,
  onOpen,
}: {
  data: Readonly<Record<string, string>>;
  template: Template;
  number: number;
  onOpen: () => void;
}) {
  const media = columnMedia(template);
  const shown = Object.entries(data).slice(0, DATA_COLUMNS_MAX);
  const hidden = Object.keys(data).length - shown.length;
  return (
    <Stack gap={6} align="flex-start">
      <dl className="review-data">
        {shown.map(([column, value]) => {
          const view = mediaView(value, media.get(column)?.kind);
          return (
            <div key={column} data-media={isMedia(view) || undefined}>
              <dt>{column}</dt>
              <dd title={view.kind === 'text' ? value : undefined}>
                <MediaValue
                  value={value}
                  view={view}
                  label={altText(column, media.get(column), data)}
                />
              </dd>
            </div>
          );
        })}
      </dl>
      <Button
        variant="subtle"
        size="compact-xs"
        leftSection={<IconLayoutSidebarRightExpand size={14} aria-hidden="true" />}
        onClick={onOpen}
        aria-label={`Show task #${number} in full`}
        aria-haspopup="dialog"
      >
        {hidden > 0
          ? `Show all · ${hidden} more ${hidden === 1 ? 'column' : 'columns'}`
          : 'Show all'}
      </Button>
    </Stack>
  );
}

/** An answer that is a web address shows what it points at; other answers are text. */
function AnswerValue({ label, value }: { label: string; value: string }) {
  const view = mediaView(value);
  if (view.kind === 'text') return <LongText text={value} />;
  return <MediaValue value={value} view={view} label={`Answer: ${label}`} />;
}

/**
 * The answers, each under its question: compact in the list, `full` in the task panel (every
 * answer whole, media large).
 */
export function Answers({ lines, full = false }: { lines: AnswerLine[]; full?: boolean }) {
  if (lines.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {full ? 'No answers.' : '—'}
      </Text>
    );
  }
  return (
    <dl className={full ? 'review-full review-full-answers' : 'review-pairs'}>
      {lines.map((line) => (
        <div key={line.name}>
          <dt>{line.label}</dt>
          <dd>
            {line.annotation ? (
              <AnnotationView
                name={line.label}
                summary={line.value ?? ''}
                annotation={line.annotation}
                size={full ? 'large' : 'small'}
              />
            ) : line.value === null ? (
              <Text span size="sm" c="dimmed" fs="italic">
                No answer
              </Text>
            ) : full ? (
              <MediaValue
                value={line.value}
                view={mediaView(line.value)}
                label={`Answer: ${line.label}`}
                size="large"
              />
            ) : (
              <AnswerValue label={line.label} value={line.value} />
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The status, and what the review said: reason, note, bonuses. */
export function Outcome({ assignment }: { assignment: ReviewAssignment }) {
  const status = REVIEW_STATUS[assignment.status];
  const feedback = assignment.feedback?.trim();
  return (
    <Stack gap={4} align="flex-start">
      <Badge color={status.color} variant="light">
        {status.label}
      </Badge>
      {assignment.status === 'rejected' && feedback && (
        <Text size="xs" c="red.9" lineClamp={4}>
          Reason: {feedback}
        </Text>
      )}
      {assignment.status === 'approved' && feedback && (
        <Text size="xs" c="dimmed" lineClamp={3}>
          Note: {feedback}
        </Text>
      )}
      {assignment.bonuses.map((bonus) => (
        <Text key={bonus.id} size="xs" c="grape.9" lineClamp={2}>
          Bonus {formatCents(bonus.amountCents)}: {bonus.reason}
        </Text>
      ))}
    </Stack>
  );
}
