import type { Db } from '../../db/database.js';

/** Leases on a requester's concurrent-upload slots (see the upload_slots migration). */
export function createUploadSlotsRepository(db: Db) {
  return {
    /**
     * Takes the first of the requester's `slots` slots that is free or whose lease ran out before
     * `now`; undefined when every one is held. Each attempt is one atomic upsert, so two servers
     * racing for the same slot cannot both get it.
     */
    async claim(
      requesterId: string,
      holder: string,
      slots: number,
      lease: { now: Date; expiresAt: Date },
    ): Promise<number | undefined> {
      for (let slot = 0; slot < slots; slot++) {
        const taken = await db
          .insertInto('upload_slots')
          .values({ requester_id: requesterId, slot, holder, expires_at: lease.expiresAt })
          .onConflict((oc) =>
            oc
              .columns(['requester_id', 'slot'])
              .doUpdateSet((eb) => ({
                holder: eb.ref('excluded.holder'),
                expires_at: eb.ref('excluded.expires_at'),
              }))
              .where('upload_slots.expires_at', '<=', lease.now),
          )
          .returning('slot')
          .executeTakeFirst();
        if (taken) return taken.slot;
      }
      return undefined;
    },

    async renew(requesterId: string, holder: string, expiresAt: Date): Promise<void> {
      await db
        .updateTable('upload_slots')
        .set({ expires_at: expiresAt })
        .where('requester_id', '=', requesterId)
        .where('holder', '=', holder)
        .execute();
    },

    async release(requesterId: string, holder: string): Promise<void> {
      await db
        .deleteFrom('upload_slots')
        .where('requester_id', '=', requesterId)
        .where('holder', '=', holder)
        .execute();
    },
  };
}

export type UploadSlotsRepository = ReturnType<typeof createUploadSlotsRepository>;
