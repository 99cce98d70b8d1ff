import type { AssignmentAppealFields } from '../../../shared/api/appeals.js';
import type { FastifyPluginAsync } from 'fastify';
import { assignmentEndpoints } from '../../../shared/api/assignments.js';
import type { EndpointReply } from '../../../shared/api/endpoint.js';
import type { Bonus } from '../../../shared/api/review.js';
import { workEndpoints as endpoints } from '../../../shared/api/work.js';
import type { Scope } from '../../../shared/scopes.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { frameHtml, sendTaskFrame } from '../../lib/task-frame.js';
import type { TurkParamsOf } from '../../lib/turk-frame.js';
import type { FeedService } from './feed.service.js';
import { presentAssignment, presentAssignmentDetail } from './work.presenters.js';
import type { AssignmentDetailRow, WorkService } from './work.service.js';

/** A route open to several scopes checks, per branch, the one it serves. */
function requireScope(scopes: readonly string[], scope: Scope) {
  if (!scopes.includes(scope)) {
    throw new ForbiddenError(`This token lacks the "${scope}" scope.`, 'insufficient_scope', {
      requiredScope: scope,
    });
  }
}

export const workRoutes: FastifyPluginAsync<{
  work: WorkService;
  feed: FeedService;
  /** MTurk's parameters in a worker's frame (ExternalQuestion address, externalSubmit). */
  turk: Pick<TurkParamsOf, 'ofAssignment'>;
  /** Review's part of `GET /assignments/{id}` (`assignmentViewParts` in review.presenters.ts). */
  reviewed: {
    bonusesFor(assignmentId: string): Promise<Bonus[]>;
    requesterView(
      requesterId: string,
      assignmentId: string,
    ): Promise<EndpointReply<typeof assignmentEndpoints.get>>;
  };
  /**
   * The appeals module's part of a worker's assignments: appeal deadlines and appeals. Declared
   * here, not imported: appeals builds on review, which builds on work.
   */
  appeals: {
    forAssignments(
      rows: readonly { id: string; status: string; reviewed_at: Date | null }[],
    ): Promise<(id: string) => AssignmentAppealFields>;
  };
}> = async (app, { work, feed, turk, reviewed, appeals }) => {
  const presentDetail = (row: AssignmentDetailRow) =>
    presentAssignmentDetail(row, work.effectiveStatus(row));

  serveSignedIn(app, endpoints.feed, async (request, { user }) =>
    feed.list(user.id, request.query),
  );

  serveSignedIn(app, endpoints.preview, async (request, { user }) =>
    work.preview(user.id, request.params.id),
  );

  serveSignedIn(app, endpoints.accept, async (request, { user }) =>
    presentDetail(await work.accept(user.id, request.params.id)),
  );

  serveSignedIn(app, assignmentEndpoints.get, async (request, auth) => {
    const row = await work.find(request.params.id);
    if (row?.worker_id === auth.user.id) {
      requireScope(auth.scopes, 'work:read');
      const appealOf = await appeals.forAssignments([row]);
      return {
        ...presentDetail(row),
        bonuses: await reviewed.bonusesFor(row.id),
        ...appealOf(row.id),
      };
    }
    if (row?.owner_id === auth.user.id) {
      requireScope(auth.scopes, 'projects:read');
      return reviewed.requesterView(auth.user.id, row.id);
    }
    throw new NotFoundError('Assignment');
  });

  serveSignedIn(app, endpoints.frame, async (request, { user }, reply) => {
    const row = await work.get(request.params.id, user.id);
    const params = turk.ofAssignment(row);
    return sendTaskFrame(reply, frameHtml(row.template, row.task_data, params), params);
  });

  serveSignedIn(app, endpoints.submit, async (request, { user }) => {
    const { row, goldFeedback } = await work.submit(
      request.params.id,
      user.id,
      request.body.answers,
      { activeSeconds: request.body.activeSeconds, feedback: request.body.feedback },
    );
    return { ...presentDetail(row), ...(goldFeedback ? { goldFeedback } : {}) };
  });

  serveSignedIn(app, endpoints.return, async (request, { user }) => {
    const workerId = user.id;
    const id = await work.returnAssignment(request.params.id, workerId);
    return presentDetail(await work.get(id, workerId));
  });

  serveSignedIn(app, endpoints.mine, async (request, { user }) => {
    const page = await work.listMine(user.id, request.query);
    const appealOf = await appeals.forAssignments(page.items);
    return {
      ...page,
      items: page.items.map((row) => ({
        ...presentAssignment(row, work.effectiveStatus(row)),
        ...appealOf(row.id),
      })),
    };
  });
};
