import { pagedList } from './common.js';
import { readWriteAccess } from './access.js';
import { endpoint } from './endpoint.js';
import { idempotencyHeadersSchema } from './money.js';
import {
  batchListQuerySchema,
  batchParamsSchema,
  batchQuerySchema,
  batchSchema,
  deletedBatchSchema,
  PROJECT_LIMITS,
  projectParamsSchema,
  taskListQuerySchema,
  taskSchema,
} from './projects.js';

const { read, write } = readWriteAccess('projects', 'projects', ['requester']);

/** A project's batches of rows and the tasks they became (the schemas live in projects.ts). */
export const batchEndpoints = {
  /**
   * The body is a CSV file streamed into the parser, or JSON rows the handler checks against
   * `jsonRowsSchema`/`jsonBatchBodySchema`; so it has media types rather than one body schema.
   */
  upload: endpoint({
    ...write,
    method: 'POST',
    path: '/projects/:id/batches',
    summary: 'Upload a batch of rows: text/csv (header row first) or JSON { rows: [...] }',
    description: `Every row becomes a task; all or nothing. Limits: ${PROJECT_LIMITS.batchBytes} bytes, ${PROJECT_LIMITS.batchRows} rows, ${PROJECT_LIMITS.batchColumns} columns. A CSV may be separated by commas, semicolons or tabs (delimiter, found in the header line by default). Cells the template uses as web addresses or numbers are checked (400 invalid_cells, naming line, column and value). Adding a batch to a published project escrows for it. Send an Idempotency-Key to make retries safe.`,
    params: projectParamsSchema,
    query: batchQuerySchema,
    headers: idempotencyHeadersSchema,
    consumes: ['text/csv', 'application/json'],
    response: batchSchema,
    status: 201,
  }),
  list: endpoint({
    ...read,
    ...pagedList(batchListQuerySchema, batchSchema),
    path: '/projects/:id/batches',
    summary: "A project's batches, newest first",
    params: projectParamsSchema,
  }),
  deleteDraft: endpoint({
    ...write,
    method: 'DELETE',
    path: '/projects/:id/batches/:batchId',
    summary: "Delete a draft project's batch and its tasks",
    description:
      "Only while the project is a draft (nothing was charged for it); a published or paused project's batch is cancelled instead (409 invalid_state). Deleting it again answers 404.",
    params: batchParamsSchema,
    response: deletedBatchSchema,
  }),
  cancel: endpoint({
    ...write,
    method: 'POST',
    path: '/projects/:id/batches/:batchId/cancel',
    summary: "Cancel a published project's batch: close its untaken tasks, return their escrow",
    description:
      'Slots nobody has taken close and their escrow returns to available funds (releasedCents); accepted and submitted work stays and is paid as usual. Slots such work gives back later close too. Cancelling again answers the batch as it is.',
    params: batchParamsSchema,
    response: batchSchema,
  }),
  tasks: endpoint({
    ...read,
    ...pagedList(taskListQuerySchema, taskSchema),
    path: '/projects/:id/tasks',
    summary: "A project's tasks in upload order",
    params: projectParamsSchema,
  }),
};
