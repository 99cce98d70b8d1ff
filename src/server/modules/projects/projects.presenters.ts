import type { Batch, Project, Task } from '../../../shared/api/projects.js';
import type { ProjectRow } from './projects.repository.js';
import type { BatchRow, TaskRow } from './tasks.repository.js';

export function presentProject(row: ProjectRow): Project {
  return {
    id: row.id,
    ownerId: row.owner_id,
    title: row.title,
    description: row.description,
    keywords: row.keywords,
    instructions: row.instructions,
    status: row.status,
    rewardCents: row.reward_cents,
    assignmentsPerTask: row.assignments_per_task,
    timeAllottedSeconds: row.time_allotted_seconds,
    autoApproveSeconds: row.auto_approve_seconds,
    expiresAt: row.expires_at.toISOString(),
    template: row.template,
    qualificationRequirements: row.qualification_requirements,
    quality: {
      goldPercent: row.gold_percent,
      minGoldAccuracyPercent: row.min_gold_accuracy_percent,
      minGoldAnswered: row.min_gold_answered,
      goldFeedback: row.gold_feedback,
    },
    minWorkSeconds: row.min_work_seconds,
    earlyAccessMinutes: row.early_access_minutes,
    includeRatedDown: row.include_rated_down,
    progress: {
      tasks: row.task_count,
      assignmentsSubmitted: row.assignments_submitted ?? 0,
      assignmentsApproved: row.assignments_approved ?? 0,
      assignmentsOutstanding: row.assignments_outstanding ?? 0,
    },
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
