import type { FastifyPluginAsync } from 'fastify';
import { qualificationTestEndpoints as endpoints } from '../../../shared/api/qualification-tests.js';
import type { Clock } from '../../lib/clock.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
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
  serveSignedIn(app, endpoints.summary, async (request, { user }) =>
    presentTestSummary(await tests.summary(user.id, request.params.id)),
  );

  serveSignedIn(app, endpoints.start, async (request, { user }) => {
    const attempt = await tests.start(user.id, request.params.id);
    return presentAttempt(attempt, clock.now(), null);
  });

  serveSignedIn(app, endpoints.attempt, async (request, { user }) => {
    const { attempt, retryDelaySeconds } = await tests.attempt(user.id, request.params.id);
    return presentAttempt(attempt, clock.now(), retryDelaySeconds);
  });

  serveSignedIn(app, endpoints.submit, async (request, { user }) => {
    const result = await tests.submit(user.id, request.params.id, request.body.answers);
    return { ...result, retryAt: result.retryAt.toISOString() };
  });

  serveSignedIn(app, endpoints.listAttempts, async (request, { user }) => {
    const page = await tests.listAttempts(user.id, request.params.id, request.query);
    const now = clock.now();
    return {
      items: page.items.map((row) => presentOwnerAttempt(row, now)),
      nextCursor: page.nextCursor,
    };
  });
};
