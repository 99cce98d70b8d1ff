import { WORK_TIME_SAMPLE_MAX, type WorkTimeDistribution } from '../../../shared/api/work-times.js';
import { hourlyCents, plausibleWorkSeconds } from '../../../shared/fair-pay.js';
import { hourlyPayOf } from '../../lib/hourly-pay.js';
import type { ProjectsRepository } from './projects.repository.js';
import { requireOwnedProject } from './projects.service.js';
import { binWorkTimes } from './work-time-bins.js';
import type { WorkTimesRepository } from './work-times.repository.js';

/** The requester's chart of how long their project's work took (DESIGN §10), owner-only. */
export function createWorkTimesService(deps: {
  projects: ProjectsRepository;
  workTimes: WorkTimesRepository;
}) {
  return {
    async distribution(ownerId: string, projectId: string): Promise<WorkTimeDistribution> {
      const project = await requireOwnedProject(deps.projects, projectId, ownerId);
      const seconds = await deps.workTimes.latestWorkSeconds(projectId, WORK_TIME_SAMPLE_MAX);
      const plausible = plausibleWorkSeconds({
        timeAllottedSeconds: project.time_allotted_seconds,
        estimatedSeconds: project.estimated_seconds,
        minWorkSeconds: project.min_work_seconds,
      });
      return {
        submissions: seconds.length,
        plausibleFromSeconds: Math.ceil(plausible),
        tooFast: seconds.filter((s) => s < plausible).length,
        // Work can last no longer than allotted; a slower figure is a clock's doing, not a bar.
        bins: binWorkTimes(seconds.map((s) => Math.min(s, project.time_allotted_seconds))),
        medianSeconds: project.work_seconds_median,
        hourlyPay: hourlyPayOf(project),
        estimatedSeconds: project.estimated_seconds,
        estimatedHourlyCents:
          project.estimated_seconds === null
            ? null
            : hourlyCents(project.reward_cents, project.estimated_seconds),
      };
    },
  };
}

export type WorkTimesService = ReturnType<typeof createWorkTimesService>;
