import type { GoldTask } from '../../../shared/api/gold.js';
import type { Batch, Project, Task } from '../../../shared/api/projects.js';
import type { GoldRepository } from './gold.repository.js';
import { hourlyPayOf } from '../../lib/hourly-pay.js';
import type { ProjectRow } from './projects.repository.js';

type GoldListRow = Awaited<ReturnType<GoldRepository['listForProject']>>[number];
import { overlapOf } from './projects.service.js';
import { plainFields } from './project-columns.js';
import type { BatchRow, TaskRow } from './tasks.repository.js';

/**
 * What adaptive overlap spent beyond `min`: the extra assignments, and for each answer count past
 * `min`, how many tasks needed it (a task that needed a 5th answer also needed a 4th).
 */
function overlapProgress(row: ProjectRow): Project['progress']['overlap'] {
  const overlap = overlapOf(row);
  if (!overlap) return null;
  const extensions = row.overlap_extensions ?? [];
  const most = Math.max(0, ...extensions.map((e) => e.extra));
  return {
    extraAssignments: extensions.reduce((sum, e) => sum + e.extra * e.tasks, 0),
    tasksNeeding: Array.from({ length: most }, (_, k) => ({
      answers: overlap.min + k + 1,
      tasks: extensions.filter((e) => e.extra > k).reduce((sum, e) => sum + e.tasks, 0),
    })),
  };
}

/** The project's pilot run, if it ran one (all its pilot columns are set together). */
function pilotOf(row: ProjectRow): Project['pilot'] {
  if (row.pilot_started_at === null || row.pilot_tasks === null || row.pilot_workers === null) {
    return null;
  }
  return {
    tasks: row.pilot_tasks,
    workers: row.pilot_workers,
    workersJoined: row.pilot_workers_joined ?? 0,
    startedAt: row.pilot_started_at.toISOString(),
    endedAt: row.pilot_ended_at?.toISOString() ?? null,
  };
}

export function presentProject(row: ProjectRow): Project {
  return {
    id: row.id,
    ownerId: row.owner_id,
    ...plainFields(row),
    status: row.status,
    overlap: overlapOf(row),
    expiresAt: row.expires_at.toISOString(),
    template: row.template,
    qualificationRequirements: row.qualification_requirements,
    quality: {
      goldPercent: row.gold_percent,
      minGoldAccuracyPercent: row.min_gold_accuracy_percent,
      minGoldAnswered: row.min_gold_answered,
      goldFeedback: row.gold_feedback,
    },
    payFloorCents: row.pay_floor_cents,
    topUpReserveCents: row.top_up_reserve_cents,
    hourlyPay: hourlyPayOf(row),
    progress: {
      tasks: row.task_count,
      assignmentsSubmitted: row.assignments_submitted ?? 0,
      assignmentsApproved: row.assignments_approved ?? 0,
      assignmentsOutstanding: row.assignments_outstanding ?? 0,
      overlap: overlapProgress(row),
    },
    pilot: pilotOf(row),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
  };
}

export function presentBatch(row: BatchRow): Batch {
  return {
    id: row.id,
    projectId: row.project_id,
    filename: row.filename,
    rowCount: row.row_count,
    columns: row.columns,
    status: row.status,
    escrowCents: Number(row.escrow_cents),
    createdAt: row.created_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
    releasedCents: Number(row.released_cents),
  };
}

export function presentTask(row: TaskRow): Task {
  return {
    id: row.id,
    projectId: row.project_id,
    batchId: row.batch_id,
    rowNumber: row.row_number,
    number: row.number,
    data: row.data,
    rewardCents: row.reward_cents,
    createdAt: row.created_at.toISOString(),
    cancelledAt: row.cancelled_at?.toISOString() ?? null,
  };
}

/** A gold task as the requester's Data tab shows it. */
export function presentGoldTask(row: GoldListRow): GoldTask {
  return {
    taskId: row.task_id,
    taskNumber: row.number,
    data: row.data,
    // Written only from answers checked against the template, as an object keyed by item.
    answers: row.answers as Record<string, unknown>,
    explanation: row.explanation,
    answered: row.answered ?? 0,
    correct: row.correct ?? 0,
    correctPercent: row.answered ? Math.round(((row.correct ?? 0) * 100) / row.answered) : null,
  };
}
