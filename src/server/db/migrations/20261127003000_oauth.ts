import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_clients')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('public', 'confidential')`))
    .addColumn('redirect_uris', sql`text[]`, (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    // Only the SHA-256 of a confidential client's secret: the secret itself is shown once.
    .addColumn('secret_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'oauth_clients_secret_matches_type',
      sql`(type = 'confidential') = (secret_hash is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('oauth_clients_owner_idx')
    .on('oauth_clients')
    .columns(['owner_id', 'created_at'])
    .execute();

  // Everything oidc-provider stores (grants, codes, tokens, sessions, interactions, device codes,
  // replay markers), one row per artefact. Deleting a client or a user removes its artefacts.
  await db.schema
    .createTable('oauth_models')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('grant_id', 'text')
    .addColumn('user_code', 'text')
    .addColumn('uid', 'text')
    .addColumn('client_id', 'text', (c) => c.references('oauth_clients.id').onDelete('cascade'))
    .addColumn('account_id', 'uuid', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('expires_at', 'timestamptz')
    .addColumn('consumed_at', 'timestamptz')
    .addPrimaryKeyConstraint('oauth_models_pkey', ['kind', 'id'])
    .execute();
  await sql`create index oauth_models_grant_id_idx on oauth_models (grant_id) where grant_id is not null`.execute(
    db,
  );
  await sql`create index oauth_models_user_code_idx on oauth_models (kind, user_code) where user_code is not null`.execute(
    db,
  );
  await sql`create index oauth_models_uid_idx on oauth_models (kind, uid) where uid is not null`.execute(
    db,
  );
  await sql`create index oauth_models_account_idx on oauth_models (account_id, kind) where account_id is not null`.execute(
    db,
  );
  await db.schema
    .createIndex('oauth_models_client_id_idx')
    .on('oauth_models')
    .column('client_id')
    .execute();
  await db.schema
    .createIndex('oauth_models_expires_at_idx')
    .on('oauth_models')
    .column('expires_at')
    .execute();

  // Secrets the authorization server generates once and every instance shares: the token and
  // ID-token signing keys, and the cookie keys when SESSION_SECRET is not configured.
  await db.schema
    .createTable('oauth_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oauth_secrets').execute();
  await db.schema.dropTable('oauth_models').execute();
  await db.schema.dropTable('oauth_clients').execute();
}
