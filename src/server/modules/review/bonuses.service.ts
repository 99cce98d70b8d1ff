import { formatCents, platformFeeCents } from '../../../shared/money.js';
import { afterCommit } from '../../db/after-commit.js';
import type { Db } from '../../db/database.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { IdempotencyKeys, IdempotencyScope } from '../idempotency/idempotency.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import { announceAssignmentChanges } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import { announce, links, type Notify } from '../notifications/notices.js';
import type { BonusRow, ReviewRepository } from './review.repository.js';

const BONUSABLE = new Set(['submitted', 'approved', 'rejected']);

/**
 * Bonuses: requester available → worker earnings (+ the platform's fee). With an
 * `Idempotency-Key` a retry returns the first bonus, and the key sent with another assignment,
 * amount or reason is refused (see idempotency.service.ts).
 */
export function createBonusesService(deps: {
  db: Db;
  review: ReviewRepository;
  ledger: Pick<LedgerService, 'payBonus'>;
  clock: Clock;
  feePercent: number;
  notify?: Notify | undefined;
  events: LiveEventPublisher;
  idempotency: IdempotencyKeys;
}) {
  const { db, review, ledger, clock } = deps;

  async function pay(
    trx: Db,
    requesterId: string,
    args: { assignmentId: string; amountCents: number; reason: string },
  ): Promise<BonusRow> {
    const row = await review.findForReview(args.assignmentId, trx);
    if (!row || row.owner_id !== requesterId) throw new NotFoundError('Assignment');
    if (!BONUSABLE.has(row.status)) {
      throw new ConflictError(
        'not_bonusable',
        `This assignment is ${row.status}; only submitted, approved or rejected work can get a bonus.`,
        { status: row.status },
      );
    }
    const inserted = await review.insertBonus(trx, {
      assignmentId: row.id,
      projectId: row.project_id,
      requesterId,
      workerId: row.worker_id,
      amountCents: args.amountCents,
      feeCents: platformFeeCents(args.amountCents, deps.feePercent),
      reason: args.reason,
      createdAt: clock.now(),
    });
    const { transactionId } = await ledger.payBonus(trx, {
      requesterId,
      workerId: row.worker_id,
      projectId: row.project_id,
      assignmentId: row.id,
      amountCents: args.amountCents,
      memo: `Bonus for work on “${row.project_title}”: ${args.reason}`,
    });
    const bonus = await review.setBonusTransaction(trx, inserted.id, transactionId);
    await announce(deps.notify, trx, [
      {
        userId: row.worker_id,
        kind: 'bonus_received',
        title: `Bonus of ${formatCents(args.amountCents)} for ${row.project_title}`,
        body: args.reason,
        link: links.assignment(row.id),
      },
    ]);
    await afterCommit(trx, () =>
      announceAssignmentChanges(deps.events, [
        {
          assignmentId: row.id,
          projectId: row.project_id,
          workerId: row.worker_id,
          ownerId: requesterId,
          status: row.status,
          availability: false,
          bonusCents: args.amountCents,
        },
      ]),
    );
    return bonus;
  }

  return {
    async give(
      requesterId: string,
      args: { assignmentId: string; amountCents: number; reason: string },
      idempotency: IdempotencyScope | undefined,
    ): Promise<{ bonus: BonusRow; replayed: boolean }> {
      const { value, replayed } = await db.transaction().execute((trx) =>
        deps.idempotency.once(trx, idempotency, args, {
          effect: () => pay(trx, requesterId, args),
          resourceOf: (bonus) => bonus.id,
          replay: (bonusId) => review.findBonus(bonusId, trx),
        }),
      );
      return { bonus: value, replayed };
    },
  };
}

export type BonusesService = ReturnType<typeof createBonusesService>;
