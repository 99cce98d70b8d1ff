import { sql, type Kysely } from 'kysely';
import {
  plausibleByAllotment,
  plausibleByRequesterFigures,
  refreshProjectWorkTimes,
} from './shared/work-time-functions.js';

/**
 * Fair pay (DESIGN §10):
 * - `projects.estimated_seconds`: the requester's estimate of one assignment's work, shown (as an
 *   estimate) until measured times exist, and what the pay floor is checked against.
 * - `projects.top_up_to_floor`: approved work whose measured time paid below the floor is topped
 *   up from the requester's escrow. `pay_floor_cents` and `top_up_reserve_cents` are fixed at
 *   publish: the floor then in force and the most one slot's top-up can be (escrowed per slot,
 *   with its fee, next to the reward), so a later change of MIN_HOURLY_CENTS never leaves
 *   escrow short.
 * - `assignments.top_up_cents`: the top-up paid with an approval, shown to both sides.
 * - ledger transactions of kind `top_up`.
 * - Plausible work for the work-time quartiles also counts the requester's own figures: at least
 *   5 seconds, 1 % of the allotted time, a tenth of the requester's estimate and the project's
 *   minWorkSeconds. A requester who overstates the estimate or the minimum only hides their own
 *   measured pay behind the estimate they gave; a bot's instant submissions never count.
 */

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table projects
    add column estimated_seconds integer check (estimated_seconds > 0),
    add column top_up_to_floor boolean not null default false,
    add column pay_floor_cents integer not null default 0 check (pay_floor_cents >= 0),
    add column top_up_reserve_cents integer not null default 0 check (top_up_reserve_cents >= 0)`.execute(
    db,
  );
  await sql`alter table assignments
    add column top_up_cents integer not null default 0 check (top_up_cents >= 0)`.execute(db);
  await sql`alter table ledger_transactions drop constraint ledger_transactions_kind_check`.execute(
    db,
  );
  await sql`alter table ledger_transactions add constraint ledger_transactions_kind_check
    check (kind in ('deposit', 'escrow', 'release', 'payment', 'bonus', 'top_up', 'payout',
                    'payout_reversal'))`.execute(db);
  await refreshProjectWorkTimes(plausibleByRequesterFigures, true).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await refreshProjectWorkTimes(plausibleByAllotment, true).execute(db);
  await sql`alter table ledger_transactions drop constraint ledger_transactions_kind_check`.execute(
    db,
  );
  await sql`alter table ledger_transactions add constraint ledger_transactions_kind_check
    check (kind in ('deposit', 'escrow', 'release', 'payment', 'bonus', 'payout',
                    'payout_reversal'))`.execute(db);
  await sql`alter table assignments drop column top_up_cents`.execute(db);
  await sql`alter table projects
    drop column estimated_seconds, drop column top_up_to_floor,
    drop column pay_floor_cents, drop column top_up_reserve_cents`.execute(db);
}
