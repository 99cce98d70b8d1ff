import { fieldProblems, ValidationError } from '../../errors.js';
import type { ProjectRow } from './projects.repository.js';

/** A pilot started and its rest not yet published (DESIGN §10). */
export function isPilotRunning(
  project: Pick<ProjectRow, 'status' | 'pilot_started_at' | 'pilot_ended_at'>,
): boolean {
  return (
    (project.status === 'published' || project.status === 'paused') &&
    project.pilot_started_at !== null &&
    project.pilot_ended_at === null
  );
}

/**
 * A pilot no bigger than the project: no more tasks than it has, no more workers than the
 * pilot's tasks have assignments for (each worker takes a task at most once, so more could never
 * all take part). 400 with each problem, nothing changed.
 */
export function assertPilotFits(
  project: Pick<ProjectRow, 'task_count' | 'assignments_per_task' | 'overlap_max'>,
  size: { tasks: number; workers: number },
): void {
  const problems: Record<string, string> = {};
  if (size.tasks > project.task_count) {
    problems.tasks = `must be at most ${project.task_count}, the tasks this project has`;
  }
  const slots =
    Math.min(size.tasks, project.task_count) *
    (project.overlap_max ?? project.assignments_per_task);
  if (size.workers > slots) {
    problems.workers = `must be at most ${slots}, the assignments the pilot's tasks offer`;
  }
  const entries = Object.entries(problems);
  if (entries.length === 0) return;
  throw new ValidationError(
    `The pilot is bigger than the project — ${entries.map(([f, m]) => `${f}: ${m}`).join('; ')}.`,
    fieldProblems(problems),
    'pilot_too_big',
  );
}
