import { RULE_KEYS, type RuleKey } from '../../../shared/api/governance.js';
import type { Clock } from '../../lib/clock.js';
import type { GovernanceRepository, RuleValueRow } from './governance.repository.js';

export type RuleValues = Record<RuleKey, number>;

/** How long one instance reuses the rules it read: a vote elsewhere shows within this. */
const CACHE_MS = 5_000;

/**
 * The rules in force, for the modules that apply them (the pay floor, the auto-approve limit, the
 * appeal windows, the requester flag). Read from their history, so a value voted in elsewhere
 * applies everywhere; cached a few seconds per instance, and dropped at once when this instance
 * changes a rule. Before the first boot recorded anything (the CLI, seeding), the environment's
 * values apply.
 */
export function createRulesService(deps: {
  governance: Pick<GovernanceRepository, 'ruleValues' | 'seedInitial'>;
  clock: Clock;
  initial: RuleValues;
}) {
  let cached: { values: RuleValues; history: RuleValueRow[]; at: number } | undefined;

  async function load() {
    const now = deps.clock.now().getTime();
    if (cached && now >= cached.at && now - cached.at < CACHE_MS) return cached;
    const history = await deps.governance.ruleValues();
    const values = { ...deps.initial };
    for (const rule of RULE_KEYS) {
      // Newest first: the first that has taken effect is in force.
      const inForce = history.find(
        (row) => row.rule === rule && row.effective_from.getTime() <= now,
      );
      if (inForce) values[rule] = inForce.value;
    }
    cached = { values, history, at: now };
    return cached;
  }

  return {
    /** The value of one rule in force now. */
    current: async (rule: RuleKey) => (await load()).values[rule],
    /** Every rule's value in force now. */
    snapshot: async (): Promise<RuleValues> => ({ ...(await load()).values }),
    /** Every value every rule has had, newest first per rule. */
    history: async () => (await load()).history,
    /** After this instance changed a rule. */
    invalidate() {
      cached = undefined;
    },
    /** At boot: the environment's values become each rule's first recorded value, once. */
    async recordInitial() {
      await deps.governance.seedInitial(deps.initial, deps.clock.now());
      cached = undefined;
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
