import { sql, type Kysely } from 'kysely';

/**
 * Collective rules (DESIGN §11).
 *
 * - `rule_values`: every value a rule has had, with when it took effect and why (`initial`: the
 *   environment's value recorded at first boot; `proposal`: voted in). The rule in force is its
 *   latest row whose `effective_from` has come; one initial row per rule.
 * - `governance_proposals`: a proposed value with its reason, open for votes until `closes_at`;
 *   at most one open proposal per rule, so two passing changes never race for one rule.
 * - `governance_votes`: one vote per member and proposal, with the houses it counts in
 *   (decided when cast, from the member's record then).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table governance_proposals (
    id uuid primary key default gen_random_uuid(),
    rule text not null check (rule in ('minHourlyCents', 'maxAutoApproveSeconds', 'appealDays', 'appealResponseDays', 'flagRejectionPercent')),
    value double precision not null,
    previous_value double precision not null,
    reason text not null,
    proposer_id uuid not null references users (id) on delete cascade,
    status text not null default 'voting' check (status in ('voting', 'passed', 'failed', 'vetoed')),
    created_at timestamptz not null,
    closes_at timestamptz not null,
    decided_at timestamptz,
    veto_reason text,
    vetoed_by uuid references users (id) on delete set null
  )`.execute(db);
  await sql`create unique index governance_proposals_one_open on governance_proposals (rule) where status = 'voting'`.execute(
    db,
  );
  await sql`create index governance_proposals_closing on governance_proposals (closes_at) where status = 'voting'`.execute(
    db,
  );
  await sql`create index governance_proposals_newest on governance_proposals (created_at desc, id desc)`.execute(
    db,
  );

  await sql`create table governance_votes (
    proposal_id uuid not null references governance_proposals (id) on delete cascade,
    voter_id uuid not null references users (id) on delete cascade,
    vote text not null check (vote in ('yes', 'no')),
    as_worker boolean not null,
    as_requester boolean not null,
    created_at timestamptz not null,
    primary key (proposal_id, voter_id),
    check (as_worker or as_requester)
  )`.execute(db);

  await sql`create table rule_values (
    id uuid primary key default gen_random_uuid(),
    rule text not null check (rule in ('minHourlyCents', 'maxAutoApproveSeconds', 'appealDays', 'appealResponseDays', 'flagRejectionPercent')),
    value double precision not null,
    effective_from timestamptz not null,
    source text not null check (source in ('initial', 'proposal')),
    proposal_id uuid references governance_proposals (id) on delete set null,
    created_at timestamptz not null
  )`.execute(db);
  await sql`create unique index rule_values_one_initial on rule_values (rule) where source = 'initial'`.execute(
    db,
  );
  await sql`create index rule_values_history on rule_values (rule, effective_from desc, id desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table rule_values`.execute(db);
  await sql`drop table governance_votes`.execute(db);
  await sql`drop table governance_proposals`.execute(db);
}
