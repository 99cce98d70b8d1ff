import type { GoldTruths } from './project-aggregates.js';

/**
 * The known answers of a project's gold tasks (DESIGN §9) by task id, in the shape of a worker's
 * answers: aggregation takes them as observed truth. Read from `task_gold` by the projects
 * module's gold repository, which app.ts passes in.
 */
export type LoadGoldTruths = (projectId: string) => Promise<GoldTruths>;
