import { z } from 'zod';
import { useNavigate } from 'react-router';
import { notQualifiedDetailsSchema } from '../../../shared/api/work.js';
import { isApiError } from '../../api/client.js';
import { useAcceptTask } from '../../api/work.js';
import { errorMessage } from '../../components/ErrorAlert.js';
import { paths } from '../../lib/paths.js';

/**
 * `reasons`: one line per thing the worker can act on, such as each requirement they fail;
 * `tests`: qualification tests they can take to meet some of them; `requestable`: types they
 * may ask the requester for.
 */
export type Problem = {
  title: string;
  message: string;
  reasons?: string[];
  tests?: { qualificationTypeId: string; name: string }[];
  /** Qualification types the worker lacks and may ask the requester for. */
  requestable?: { typeId: string; name: string }[];
};

/** The numbers behind a 403 `quality_too_low` (work.service's accuracy floor). */
const qualityTooLowDetailsSchema = z.object({
  accuracyPercent: z.number(),
  minimumPercent: z.number(),
});

/** Why a task could not be accepted, in words a worker can act on. */
export function acceptProblem(error: unknown): Problem {
  if (isApiError(error)) {
    switch (error.code) {
      case 'no_task_available':
        return {
          title: 'No tasks left for you',
          message:
            'Every task in this project is taken or already done by you. Other workers may return tasks, so it is worth looking again later.',
        };
      case 'project_not_available':
        return { title: 'This project is closed', message: error.message };
      case 'quality_too_low': {
        const details = qualityTooLowDetailsSchema.safeParse(error.details);
        return {
          title: 'You no longer get tasks from this project',
          message: details.success
            ? `Your accuracy on known-answer tasks is ${details.data.accuracyPercent} % (minimum ${details.data.minimumPercent} %). Other projects are not affected.`
            : error.message,
        };
      }
      case 'own_project':
        return {
          title: 'This is your own project',
          message:
            'You posted it, so you cannot take its tasks. The project’s Preview tab shows it as workers see it.',
        };
      case 'not_qualified': {
        // The message names every unmet requirement too; `reasons` lists them one a line.
        const details = notQualifiedDetailsSchema.safeParse(error.details);
        return {
          title: 'You are not qualified for this project',
          message: `${error.message} The requester decides who may work on it.`,
          ...(details.success
            ? {
                reasons: details.data.unmet.map((u) => u.hint),
                tests: details.data.unmet
                  .filter((u) => u.testAvailable)
                  .map(({ requirement: r }) => ({
                    qualificationTypeId: r.qualificationTypeId,
                    name: r.name,
                  })),
                ...(details.data.unmet.some((u) => u.requestable) && {
                  requestable: details.data.unmet
                    .filter((u) => u.requestable)
                    .map((u) => ({
                      typeId: u.requirement.qualificationTypeId,
                      name: u.requirement.name,
                    })),
                }),
              }
            : {}),
        };
      }
      default:
        if (error.status === 404) {
          return {
            title: 'Project not found',
            message: 'It may have been withdrawn, or it is not open to you.',
          };
        }
    }
  }
  return { title: 'Could not accept the task', message: errorMessage(error) };
}

/** Accepts the next task of a project and opens it on the work page. */
export function useAcceptAndOpen() {
  const accept = useAcceptTask();
  const navigate = useNavigate();
  return {
    accept: (projectId: string) =>
      accept.mutateAsync(projectId).then((assignment) => {
        void navigate(paths.worker.assignment(assignment.id));
        return assignment;
      }),
    mutation: accept,
  };
}
