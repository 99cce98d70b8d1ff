import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { fromCursor, newestFirstPage } from '../../db/pagination.js';
import type { NewUser, Role, UserRow, UserStatus, UserUpdate } from '../../db/types.js';

type Executor = Db;

/** The user whose email or handle is `value`, compared case-insensitively as the unique indexes do. */
function findCaseless(
  trx: Executor,
  column: 'email' | 'handle',
  value: string,
): Promise<UserRow | undefined> {
  return trx
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(${sql.ref(column)})`, '=', value.toLowerCase())
    .executeTakeFirst();
}

export function createAccountsRepository(db: Db) {
  return {
    transaction<T>(work: (trx: Db) => Promise<T>): Promise<T> {
      return db.transaction().execute(work);
    },

    async insertUser(user: NewUser, trx: Executor = db): Promise<UserRow> {
      return trx.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
    },

    async findUserById(id: string, trx: Executor = db): Promise<UserRow | undefined> {
      return trx.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    },

    findUserByEmail: (email: string, trx: Executor = db) => findCaseless(trx, 'email', email),

    findUserByHandle: (handle: string, trx: Executor = db) => findCaseless(trx, 'handle', handle),

    async updateUser(id: string, patch: UserUpdate, trx: Executor = db): Promise<UserRow> {
      return trx
        .updateTable('users')
        .set({ ...patch, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    /**
     * Gives the user `role` in one statement, so that of two concurrent calls only one adds it
     * (the other waits for the row, then finds the role there). `added` says whether this call
     * did; the user is returned either way.
     */
    async addRole(
      id: string,
      role: Role,
      trx: Executor = db,
    ): Promise<{ user: UserRow; added: boolean }> {
      const updated = await trx
        .updateTable('users')
        .set({
          roles: sql<
            Role[]
          >`(select array_agg(r order by r) from unnest(array_append(roles, ${role}::text)) r)`,
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', id)
        .where(sql<boolean>`not (${role}::text = any(roles))`)
        .returningAll()
        .executeTakeFirst();
      if (updated) return { user: updated, added: true };
      const user = await trx
        .selectFrom('users')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return { user, added: false };
    },

    async setStatus(
      id: string,
      status: UserStatus,
      trx: Executor = db,
    ): Promise<UserRow | undefined> {
      return trx
        .updateTable('users')
        .set({ status, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },

    async listUsers(
      filter: {
        q?: string | undefined;
        status?: UserStatus | undefined;
        role?: Role | undefined;
        cursor?: string | undefined;
        limit: number;
      },
      trx: Executor = db,
    ): Promise<UserRow[]> {
      let query = trx.selectFrom('users').selectAll();
      if (filter.q) {
        const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        query = query.where((eb) =>
          eb.or([
            eb('email', 'ilike', pattern),
            eb('display_name', 'ilike', pattern),
            eb('handle', 'ilike', pattern),
          ]),
        );
      }
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.role) query = query.where(sql<boolean>`${filter.role} = any(roles)`);
      return newestFirstPage(query, ['created_at', 'id'], fromCursor(filter)).execute();
    },

    async countAdmins(trx: Executor = db): Promise<number> {
      const row = await trx
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(sql<boolean>`'admin' = any(roles)`)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}

export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
