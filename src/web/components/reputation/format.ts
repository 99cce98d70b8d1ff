import type { RequesterReputation, WorkerReputation } from '../../../shared/api/reputation.js';
import { formatCents } from '../../../shared/money.js';
import { formatDuration } from '../../pages/work/time.js';

/** "2 hours", "15 minutes": a review time to its largest unit, as a worker weighs it. */
export function reviewTimeLabel(seconds: number): string {
  return formatDuration(seconds).split(' ').slice(0, 2).join(' ');
}

/** The requester's reputation as short facts, in the words a worker reads them. */
export function requesterFacts(r: RequesterReputation): { label: string; value: string }[] {
  return [
    {
      label: 'Approves',
      value: r.approvalPercent === null ? 'no decisions yet' : `${r.approvalPercent}% of work`,
    },
    {
      label: 'Reviews in',
      value: r.medianReviewSeconds === null ? '—' : `~${reviewTimeLabel(r.medianReviewSeconds)}`,
    },
    {
      label: 'Has paid',
      value:
        r.effectiveHourlyCents === null ? '—' : `~${formatCents(r.effectiveHourlyCents)} an hour`,
    },
    { label: 'Workers paid', value: String(r.workersPaid) },
  ];
}

export function workerFacts(r: WorkerReputation): { label: string; value: string }[] {
  return [
    {
      label: 'Approved',
      value:
        r.approvalPercent === null
          ? 'no decisions yet'
          : `${r.approvalPercent}% (${r.approvedCount} tasks)`,
    },
    {
      label: 'Known-answer accuracy',
      value: r.goldAccuracyPercent === null ? '—' : `${r.goldAccuracyPercent}%`,
    },
  ];
}
