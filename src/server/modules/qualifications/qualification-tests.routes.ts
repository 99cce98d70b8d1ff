import type { FastifyPluginAsync } from 'fastify';
import { qualificationTestEndpoints as endpoints } from '../../../shared/api/qualification-tests.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import type { Clock } from '../../lib/clock.js';
import { requireUser } from '../../plugins/auth.js';
import {
  presentAttempt,
  presentOwnerAttempt,
  presentTestSummary,
} from './qualification-tests.presenters.js';
import type { QualificationTestsService } from './qualification-tests.service.js';

export const qualificationTestsRoutes: FastifyPluginAsync<{
  qualificationTests: QualificationTestsService;
  clock: Clock;
}> = async (app, { qualificationTests: tests, clock }) => {
  serveEndpoint(app, endpoints.summary, async (request) =>
    presentTestSummary(await tests.summary(requireUser(request).user.id, request.params.id)),
  );

  serveEndpoint(app, endpoints.start, async (request) => {
    const attempt = await tests.start(requireUser(request).user.id, request.params.id);
    return presentAttempt(attempt, clock.now(), null);
  });

  serveEndpoint(app, endpoints.attempt, async (request) => {
    const { attempt, retryDelaySeconds } = await tests.attempt(
      requireUser(request).user.id,
      request.params.id,
    );
    return presentAttempt(attempt, clock.now(), retryDelaySeconds);
  });

  serveEndpoint(app, endpoints.submit, async (request) => {
    const result = await tests.submit(
      requireUser(request).user.id,
      request.params.id,
      request.body.answers,
    );
    return { ...result, retryAt: result.retryAt.toISOString() };
  });

  serveEndpoint(app, endpoints.listAttempts, async (request) => {
    const page = await tests.listAttempts(
      requireUser(request).user.id,
      request.params.id,
      request.query,
    );
    const now = clock.now();
    return {
      items: page.items.map((row) => presentOwnerAttempt(row, now)),
      nextCursor: page.nextCursor,
    };
  });
};
