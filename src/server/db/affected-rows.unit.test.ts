import { DeleteResult, UpdateResult } from 'kysely';
import { describe, expect, it } from 'vitest';
import { deletedAny, deletedCount, updatedAny, updatedCount } from './affected-rows.js';

/** A statement that reports `result` when run. */
const statement = <R>(result: R) => ({ executeTakeFirst: () => Promise.resolve(result) });

describe('affected rows', () => {
  it('counts the rows a delete removed and says whether there were any', async () => {
    expect(await deletedCount(statement(new DeleteResult(3n)))).toBe(3);
    expect(await deletedAny(statement(new DeleteResult(1n)))).toBe(true);
    expect(await deletedAny(statement(new DeleteResult(0n)))).toBe(false);
  });

  it('counts the rows an update changed and says whether there were any', async () => {
    expect(await updatedCount(statement(new UpdateResult(2n, undefined)))).toBe(2);
    expect(await updatedAny(statement(new UpdateResult(1n, undefined)))).toBe(true);
    expect(await updatedAny(statement(new UpdateResult(0n, undefined)))).toBe(false);
  });
});
