import { Card, Group, Stack, Text } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import type { Project } from '../../../../shared/api/projects.js';
import type { WorkTimeDistribution } from '../../../../shared/api/work-times.js';
import { formatCents } from '../../../../shared/money.js';
import { useWorkTimes } from '../../../api/work-times.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { HourlyPay } from '../../../components/HourlyPay.js';
import { LoadingState } from '../../../components/LoadingState.js';
import { shortDuration } from './work-time-format.js';
import { WorkTimeHistogram } from './WorkTimeHistogram.js';

/** Three plausible submissions before the pay is measured (DESIGN §10). */
const MEASURED_FROM = 3;

/** The figures in words: what the chart shows, for everyone and for screen readers. */
export function workTimeSummary(d: WorkTimeDistribution): string {
  const parts = [`${d.submissions} ${d.submissions === 1 ? 'submission' : 'submissions'}`];
  if (d.tooFast > 0) {
    parts.push(
      `${d.tooFast} faster than ${shortDuration(d.plausibleFromSeconds)} left out as implausible`,
    );
  }
  if (d.medianSeconds !== null && d.hourlyPay.cents !== null) {
    parts.push(
      `median ${shortDuration(d.medianSeconds)}, which pays ${formatCents(d.hourlyPay.cents)} an hour`,
    );
  }
  if (d.estimatedSeconds !== null && d.estimatedHourlyCents !== null) {
    parts.push(
      `your estimate of ${shortDuration(d.estimatedSeconds)} pays ${formatCents(d.estimatedHourlyCents)} an hour`,
    );
  }
  return `${parts.join('; ')}.`;
}

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.5}>
        {label}
      </Text>
      <Text fw={650} component="div" className="stat-figure">
        {children}
      </Text>
    </div>
  );
}

/**
 * How long the project's work really takes, against the estimate the requester gave: the
 * measured hourly pay workers see comes from the median of this, implausibly fast work left out.
 */
export function WorkTimesCard({ project }: { project: Project }) {
  const workTimes = useWorkTimes(project.id);
  const d = workTimes.data;
  return (
    <Card aria-labelledby="work-times-title" component="section">
      <Text fw={650} mb={4} id="work-times-title">
        How long the work takes
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        Time from accepting to submitting, for the latest submissions. Workers see the hourly pay
        measured from the median once {MEASURED_FROM} plausible submissions are in; before that,
        your estimate.
      </Text>
      {workTimes.isPending && <LoadingState label="Loading work times…" />}
      {workTimes.isError && (
        <ErrorAlert error={workTimes.error} onRetry={() => void workTimes.refetch()} />
      )}
      {d && (
        <Stack gap="sm">
          <Group gap="xl" align="flex-start">
            <Figure label="Hourly pay workers see">
              <HourlyPay pay={d.hourlyPay} />
            </Figure>
            <Figure label="Median time">
              {d.medianSeconds === null ? '—' : shortDuration(d.medianSeconds)}
            </Figure>
            <Figure label="Your estimate">
              {d.estimatedSeconds === null
                ? 'none given'
                : `${shortDuration(d.estimatedSeconds)} · ${formatCents(d.estimatedHourlyCents ?? 0)}/h`}
            </Figure>
            <Figure label="Implausibly fast">
              {d.tooFast} of {d.submissions}
            </Figure>
          </Group>
          {d.submissions < MEASURED_FROM ? (
            <EmptyState
              framed={false}
              icon={<IconClockHour4 size={28} aria-hidden="true" />}
              title="Not enough work to chart yet"
              description={`The chart appears once ${MEASURED_FROM} submissions are in (${d.submissions} so far).`}
            />
          ) : (
            <>
              <WorkTimeHistogram distribution={d} summary={workTimeSummary(d)} />
              <Text size="sm" c="dimmed" data-testid="work-times-summary">
                {workTimeSummary(d)}
              </Text>
            </>
          )}
        </Stack>
      )}
    </Card>
  );
}
