import { z } from 'zod';
import { pagedList, pageQuerySchema } from './common.js';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';
import { projectParamsSchema, projectSchema } from './projects.js';
import { ASSIGNMENT_STATUSES } from './work.js';

/** Pilot runs (DESIGN §10): a small first run whose workers say what was unclear. */
export const PILOT_LIMITS = {
  /** A pilot is a small first run, not a way around escrowing a whole project. */
  tasksMax: 100,
  workersMax: 100,
} as const;

export const pilotBodySchema = z.strictObject({
  /** How many tasks, the first in upload order, the pilot opens. */
  tasks: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(PILOT_LIMITS.tasksMax, `must be at most ${PILOT_LIMITS.tasksMax}`),
  /** How many distinct workers may take pilot work. */
  workers: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(PILOT_LIMITS.workersMax, `must be at most ${PILOT_LIMITS.workersMax}`),
});
export type PilotBody = z.infer<typeof pilotBodySchema>;

export const pilotFeedbackQuerySchema = pageQuerySchema;

/** One pilot submission as the requester reads it: the task, the answers and the feedback. */
export const pilotSubmissionSchema = z.object({
  assignmentId: z.string(),
  taskId: z.string(),
  taskNumber: z.number().int(),
  taskData: z.record(z.string(), z.string()),
  workerId: z.string(),
  workerHandle: z.string(),
  status: z.enum(ASSIGNMENT_STATUSES),
  submittedAt: z.string().nullable(),
  answers: z.record(z.string(), z.unknown()).nullable(),
  /** The worker's answer to "What was unclear?", null when they left it blank. */
  feedback: z.string().nullable(),
});
export type PilotSubmission = z.infer<typeof pilotSubmissionSchema>;

const { read, write } = readWriteAccess('projects', 'projects', ['requester']);

export const pilotEndpoints = {
  start: endpoint({
    ...write,
    method: 'POST',
    path: '/projects/:id/pilot',
    summary:
      'Publish a draft as a pilot: its first tasks, to a few workers, with a feedback question',
    description: `Escrows and opens only the first \`tasks\` tasks (upload order); at most \`workers\` distinct workers may take them, and each submission may carry \`feedback\` (what was unclear). The project is \`published\` with \`pilot\` set; while the pilot runs, its template may still change. \`POST /projects/{id}/publish\` publishes the rest. 400 when the pilot is bigger than the project (more tasks than it has, more workers than the pilot has assignments), 409 \`invalid_state\` unless a draft.`,
    params: projectParamsSchema,
    body: pilotBodySchema,
    response: projectSchema,
  }),
  feedback: endpoint({
    ...read,
    ...pagedList(pilotFeedbackQuerySchema, pilotSubmissionSchema),
    path: '/projects/:id/pilot/submissions',
    summary: "A pilot's submissions with their answers and feedback, newest first",
    params: projectParamsSchema,
  }),
};
