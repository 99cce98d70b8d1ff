import type { PilotSubmission } from '../../../shared/api/pilot.js';
import { effectiveStatus } from '../../db/assignment-status.js';
import { fromCursor, keysetPage, type CursorRequest } from '../../db/pagination.js';
import type { Clock } from '../../lib/clock.js';
import type { PilotRepository } from './pilot.repository.js';
import type { ProjectsRepository } from './projects.repository.js';
import { requireOwnedProject } from './projects.service.js';

type SubmissionRow = Awaited<ReturnType<PilotRepository['listSubmissions']>>[number];

function presentSubmission(row: SubmissionRow, now: Date): PilotSubmission {
  return {
    assignmentId: row.id,
    taskId: row.task_id,
    taskNumber: row.task_number,
    taskData: row.task_data,
    workerId: row.worker_id,
    workerHandle: row.worker_handle,
    status: effectiveStatus(row, now),
    submittedAt: row.submitted_at?.toISOString() ?? null,
    answers: row.answers,
    feedback: row.pilot_feedback,
  };
}

/** What a pilot's workers did and said, for the project's owner only (DESIGN §10). */
export function createPilotService(deps: {
  projects: ProjectsRepository;
  pilots: PilotRepository;
  clock: Clock;
}) {
  return {
    async submissions(ownerId: string, projectId: string, page: CursorRequest) {
      // Someone else's project, and so its pilot's feedback, is not found.
      await requireOwnedProject(deps.projects, projectId, ownerId);
      const rows = await deps.pilots.listSubmissions(projectId, fromCursor(page));
      const found = keysetPage(rows, page.limit, (row) => [row.accepted_at, row.id]);
      const now = deps.clock.now();
      return {
        items: found.items.map((row) => presentSubmission(row, now)),
        nextCursor: found.nextCursor,
      };
    },
  };
}

export type PilotService = ReturnType<typeof createPilotService>;
