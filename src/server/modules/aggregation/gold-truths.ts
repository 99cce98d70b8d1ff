import type { GoldTruths } from './project-aggregates.js';

/**
 * The seam to gold tasks (DESIGN §9), which are built on another branch: the known answers of a
 * project's gold tasks by task id, in the shape of a worker's answers. Until the `task_gold`
 * table exists here there are none; the merger replaces this with a repository read of
 * `task_gold.answers` for the project's tasks.
 */
export type LoadGoldTruths = (projectId: string) => Promise<GoldTruths>;

export const loadGoldTruths: LoadGoldTruths = () => Promise.resolve(new Map());
