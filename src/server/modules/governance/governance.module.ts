import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/audit.service.js';
import { createGovernanceRepository } from './governance.repository.js';
import { createGovernanceService } from './governance.service.js';
import { createRulesService } from './rules.service.js';

/** The rules in force (for other modules) and the members' proposals and votes that change them. */
export function createGovernanceModule(deps: {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'minHourlyCents' | 'governance'>;
  audit: Pick<AuditService, 'record'>;
}) {
  const governance = createGovernanceRepository(deps.db);
  const rules = createRulesService({
    governance,
    clock: deps.clock,
    initial: { minHourlyCents: deps.config.minHourlyCents, ...deps.config.governance.initialRules },
  });
  return {
    rules,
    service: createGovernanceService({
      governance,
      rules,
      audit: deps.audit,
      clock: deps.clock,
      voteDays: deps.config.governance.voteDays,
    }),
  };
}
