import { z } from 'zod';
import { pagedList, pageQuerySchema } from './common.js';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';
import { projectParamsSchema, projectTaskParamsSchema } from './projects.js';
import { goldInputSchema } from './quality.js';

/** A gold task as its requester sees it in the Data tab: the known answers and how workers did. */
export const goldTaskSchema = z.object({
  taskId: z.string(),
  /** The task's number in its project (#1, #2, …). */
  taskNumber: z.number().int(),
  data: z.record(z.string(), z.string()),
  answers: z.record(z.string(), z.unknown()),
  explanation: z.string().nullable(),
  /** Submissions scored against the known answers (as they were when each was submitted). */
  answered: z.number().int(),
  correct: z.number().int(),
  /** correct / answered as a whole percent; null before anyone answered. */
  correctPercent: z.number().int().nullable(),
});
export type GoldTask = z.infer<typeof goldTaskSchema>;

export const removedGoldSchema = z.object({ taskId: z.string(), removed: z.literal(true) });

const { read, write } = readWriteAccess('quality', 'projects', ['requester']);

/** A project's gold (known-answer) tasks: listed and edited by their requester (DESIGN §9). */
export const goldEndpoints = {
  list: endpoint({
    ...read,
    ...pagedList(pageQuerySchema, goldTaskSchema),
    path: '/projects/:id/gold',
    summary: "A project's gold tasks with their known answers, in task order",
    description:
      'Each gold task with its data, known answers and explanation, and how many submissions were scored against it and how many were right.',
    params: projectParamsSchema,
  }),
  set: endpoint({
    ...write,
    method: 'PUT',
    path: '/projects/:id/gold/:taskId',
    summary: "Set or replace one task's known answers",
    description:
      'Checked against the template as an upload is (400 invalid_gold naming the item; nothing changed). Makes an ordinary task gold. Submissions already scored keep their score.',
    params: projectTaskParamsSchema,
    body: goldInputSchema,
    response: goldTaskSchema,
  }),
  remove: endpoint({
    ...write,
    method: 'DELETE',
    path: '/projects/:id/gold/:taskId',
    summary: 'Make a gold task an ordinary one again',
    description:
      'Its known answers are forgotten; submissions already scored keep their score. 404 when the task is not gold.',
    params: projectTaskParamsSchema,
    response: removedGoldSchema,
  }),
};
