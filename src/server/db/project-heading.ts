import type { Projects } from './schema.js';

/**
 * What every check that reads (often locks) a project before acting on it selects: the project,
 * whose it is (the owner check, the ledger), its title (notifications) and its status (open or
 * not). Spread it into a select and add what the check needs besides.
 */
export const projectHeading = [
  'id',
  'owner_id',
  'title',
  'status',
] satisfies readonly (keyof Projects)[];
