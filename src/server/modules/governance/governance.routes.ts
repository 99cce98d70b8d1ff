import type { FastifyPluginAsync } from 'fastify';
import { governanceEndpoints as endpoints } from '../../../shared/api/governance.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import type { GovernanceService } from './governance.service.js';

export const governanceRoutes: FastifyPluginAsync<{ governance: GovernanceService }> = async (
  app,
  { governance },
) => {
  serveEndpoint(app, endpoints.rules, async () => governance.rules());
  serveEndpoint(app, endpoints.propose, async (request) =>
    governance.propose(requireUser(request).user.id, request.body),
  );
  serveEndpoint(app, endpoints.list, async (request) =>
    governance.list(request.auth?.user.id, request.query),
  );
  serveEndpoint(app, endpoints.get, async (request) =>
    governance.get(request.auth?.user.id, request.params.proposalId),
  );
  serveEndpoint(app, endpoints.vote, async (request) =>
    governance.vote(requireUser(request).user.id, request.params.proposalId, request.body.vote),
  );
  serveEndpoint(app, endpoints.veto, async (request) =>
    governance.veto(requireUser(request).user.id, request.params.proposalId, request.body.reason),
  );
};
