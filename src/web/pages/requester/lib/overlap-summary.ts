import type { Project } from '../../../../shared/api/projects.js';

/** 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st. */
export function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const last = n % 10;
  const suffix = teen ? 'th' : last === 1 ? 'st' : last === 2 ? 'nd' : last === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

/**
 * What adaptive overlap spent and why, in a sentence: "12 tasks needed a 4th answer, 3 a 5th:
 * agreement below 70 %." Null for a project without it; a plain statement when no task has
 * needed more yet.
 */
export function overlapSummary(
  project: Pick<Project, 'overlap'> & { progress: Pick<Project['progress'], 'overlap'> },
): string | null {
  const { overlap } = project;
  const spent = project.progress.overlap;
  if (!overlap || !spent) return null;
  const why = `agreement below ${overlap.agreementPercent} %`;
  if (spent.extraAssignments === 0) {
    return `No task has needed more than ${overlap.min} ${overlap.min === 1 ? 'answer' : 'answers'} yet (more open, up to ${overlap.max}, when ${why}).`;
  }
  const parts = spent.tasksNeeding.map(({ answers, tasks }, i) =>
    i === 0
      ? `${tasks} ${tasks === 1 ? 'task' : 'tasks'} needed a ${ordinal(answers)} answer`
      : `${tasks} a ${ordinal(answers)}`,
  );
  const extra = `${spent.extraAssignments} extra ${spent.extraAssignments === 1 ? 'assignment' : 'assignments'}`;
  return `${parts.join(', ')}: ${why} (${extra}).`;
}

/** "× 3 workers", or with adaptive overlap "× 3–5 workers". */
export function workersPerTask(project: Pick<Project, 'assignmentsPerTask' | 'overlap'>): string {
  const { overlap } = project;
  if (overlap && overlap.max > overlap.min) return `× ${overlap.min}–${overlap.max} workers`;
  return `× ${project.assignmentsPerTask} ${project.assignmentsPerTask === 1 ? 'worker' : 'workers'}`;
}
