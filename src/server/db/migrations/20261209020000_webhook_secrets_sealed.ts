import { sql, type Kysely } from 'kysely';

/**
 * Webhooks' signing secrets are sealed at rest (AES-256-GCM) with the server key that seals MTurk
 * access keys' secrets; `encryption_key_id` names the key, so a rotation finds the rows to seal
 * again. The key is configuration (ACCESS_KEY_ENCRYPTION_KEY), which a migration cannot read, so
 * the plaintext of webhooks made before this change moves to `unsealed_secret` and each server
 * seals those rows when it starts, before it answers (webhooks.service.ts `sealStoredSecrets`),
 * emptying the column. A row holds exactly one of the two.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table webhooks rename column secret to unsealed_secret`.execute(db);
  await sql`alter table webhooks alter column unsealed_secret drop not null`.execute(db);
  await sql`alter table webhooks
    add column secret_ciphertext text,
    add column encryption_key_id text`.execute(db);
  await sql`alter table webhooks add constraint webhooks_secret_sealed_or_not check (
    (unsealed_secret is null) <> (secret_ciphertext is null)
    and (secret_ciphertext is null) = (encryption_key_id is null)
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // Sealed secrets cannot be opened here (no key): those webhooks could not sign, so they go.
  await sql`delete from webhooks where unsealed_secret is null`.execute(db);
  await sql`alter table webhooks drop constraint webhooks_secret_sealed_or_not`.execute(db);
  await sql`alter table webhooks drop column secret_ciphertext, drop column encryption_key_id`.execute(
    db,
  );
  await sql`alter table webhooks alter column unsealed_secret set not null`.execute(db);
  await sql`alter table webhooks rename column unsealed_secret to secret`.execute(db);
}
