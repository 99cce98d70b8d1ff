import type { DeleteResult, UpdateResult } from 'kysely';

/*
 * What a delete or an update changed. Repositories answer with it "was there such a row" (an id
 * that is not the caller's counts as no row: the caller learns nothing of others' rows) or "how
 * many went" (what a sweep reports).
 */

/** A delete or update statement, not yet run. */
type Statement<R> = { executeTakeFirst(): Promise<R> };

/** Runs the delete; how many rows it removed. */
export async function deletedCount(query: Statement<DeleteResult>): Promise<number> {
  const { numDeletedRows } = await query.executeTakeFirst();
  return Number(numDeletedRows);
}

/** Runs the delete; whether it removed any row. */
export async function deletedAny(query: Statement<DeleteResult>): Promise<boolean> {
  return (await deletedCount(query)) > 0;
}

/** Runs the update; how many rows it changed. */
export async function updatedCount(query: Statement<UpdateResult>): Promise<number> {
  const { numUpdatedRows } = await query.executeTakeFirst();
  return Number(numUpdatedRows);
}

/** Runs the update; whether it changed any row (false when its conditions held for none). */
export async function updatedAny(query: Statement<UpdateResult>): Promise<boolean> {
  return (await updatedCount(query)) > 0;
}
