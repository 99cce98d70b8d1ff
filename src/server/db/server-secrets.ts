import type { Db } from './database.js';

/**
 * Secrets the server makes for itself on first start and keeps in the database (the table is
 * named for its first user, the OAuth signing keys; the access-key sealing key lives there too
 * when no ACCESS_KEY_ENCRYPTION_KEY is configured), so every instance reads the same ones.
 */
export function createServerSecrets(db: Db) {
  return {
    /**
     * The stored value under `name`, storing a new one from `create` first if there is none. When
     * several instances start at once, exactly one candidate wins and all of them read that one.
     */
    async getOrCreate(name: string, create: () => Promise<unknown>): Promise<unknown> {
      const existing = await db
        .selectFrom('oauth_secrets')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirst();
      if (existing) return existing.value;
      const candidate = await create();
      await db
        .insertInto('oauth_secrets')
        .values({ name, value: JSON.stringify(candidate) })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db
        .selectFrom('oauth_secrets')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirstOrThrow();
      return row.value;
    },
  };
}

export type ServerSecrets = ReturnType<typeof createServerSecrets>;
