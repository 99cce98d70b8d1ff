import { endpoint } from './endpoint.js';
import { assignmentViewSchema } from './review.js';
import { assignmentParamsSchema } from './work.js';

/**
 * `GET /assignments/{id}` answers its worker (the task, and bonuses received) or its project's
 * requester (the submission) with the shapes of both areas, so it is declared apart from either.
 */
export const assignmentEndpoints = {
  get: endpoint({
    tag: 'work',
    auth: { scope: ['work:read', 'projects:read'], roles: ['worker', 'requester'] },
    method: 'GET',
    path: '/assignments/:id',
    summary:
      'One assignment: mine with its task and bonuses, or (for its project’s requester) the submission',
    params: assignmentParamsSchema,
    response: assignmentViewSchema,
  }),
};
