import type { FastifyPluginAsync } from 'fastify';
import { governanceEndpoints as endpoints } from '../../../shared/api/governance.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import type { GovernanceService } from './governance.service.js';

export const governanceRoutes: FastifyPluginAsync<{ governance: GovernanceService }> = async (
  app,
  { governance },
) => {
  serveEndpoint(app, endpoints.rules, async () => governance.rules());
  serveSignedIn(app, endpoints.propose, async (request, { user }) =>
    governance.propose(user.id, request.body),
  );
  serveEndpoint(app, endpoints.list, async (request) =>
    governance.list(request.auth?.user.id, request.query),
  );
  serveEndpoint(app, endpoints.get, async (request) =>
    governance.get(request.auth?.user.id, request.params.proposalId),
  );
  serveSignedIn(app, endpoints.vote, async (request, { user }) =>
    governance.vote(user.id, request.params.proposalId, request.body.vote),
  );
  serveSignedIn(app, endpoints.veto, async (request, { user }) =>
    governance.veto(user.id, request.params.proposalId, request.body.reason),
  );
};
