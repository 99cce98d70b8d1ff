import { formatCents, platformFeeCents } from '../../../shared/money.js';
import { afterCommit } from '../../db/after-commit.js';
import type { Db } from '../../db/database.js';
import { ConflictError, NotFoundError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import { isUniqueViolation, type LedgerService } from '../ledger/ledger.service.js';
import { announceAssignmentChanges } from '../realtime/announce.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import { announce, links, type Notify } from './notices.js';
import type { BonusRow, ReviewRepository } from './review.repository.js';

const BONUSABLE = new Set(['submitted', 'approved', 'rejected']);

/**
 * Bonuses: requester available → worker earnings (+ the platform's fee). With an
 * `Idempotency-Key` a retry returns the first bonus; the bonus row is written before the money
 * moves, so a concurrent retry with the same key waits on its unique index and then finds it.
 */
export function createBonusesService(deps: {
  db: Db;
  review: ReviewRepository;
  ledger: Pick<LedgerService, 'payBonus'>;
  clock: Clock;
  feePercent: number;
  notify?: Notify | undefined;
  events: LiveEventPublisher;
}) {
  const { db, review, ledger, clock } = deps;

  function replayOf(
    previous: BonusRow,
    args: { assignmentId: string; amountCents: number; reason: string },
  ) {
    if (
      previous.assignment_id !== args.assignmentId ||
      previous.amount_cents !== args.amountCents
    ) {
      throw new ConflictError(
        'idempotency_key_reused',
        'This Idempotency-Key was already used for a different bonus.',
        { bonusId: previous.id },
      );
    }
    return { bonus: previous, replayed: true };
  }

  return {
    async give(
      requesterId: string,
      args: { assignmentId: string; amountCents: number; reason: string },
      idempotencyKey: string | undefined,
    ): Promise<{ bonus: BonusRow; replayed: boolean }> {
      if (idempotencyKey) {
        const previous = await review.findBonusByKey(requesterId, idempotencyKey);
        if (previous) return replayOf(previous, args);
      }
      const row = await review.findForReview(args.assignmentId);
      if (!row || row.owner_id !== requesterId) throw new NotFoundError('Assignment');
      if (!BONUSABLE.has(row.status)) {
        throw new ConflictError(
          'not_bonusable',
          `This assignment is ${row.status}; only submitted, approved or rejected work can get a bonus.`,
          { status: row.status },
        );
      }
      const run = () =>
        db.transaction().execute(async (trx) => {
          if (idempotencyKey) {
            const previous = await review.findBonusByKey(requesterId, idempotencyKey, trx);
            if (previous) return replayOf(previous, args);
          }
          const inserted = await review.insertBonus(trx, {
            assignmentId: row.id,
            projectId: row.project_id,
            requesterId,
            workerId: row.worker_id,
            amountCents: args.amountCents,
            feeCents: platformFeeCents(args.amountCents, deps.feePercent),
            reason: args.reason,
            idempotencyKey: idempotencyKey ?? null,
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
          return { bonus, replayed: false };
        });
      try {
        return await run();
      } catch (error) {
        // Two concurrent retries with one key: the loser finds the winner's bonus.
        if (idempotencyKey && isUniqueViolation(error)) return run();
        throw error;
      }
    },
  };
}

export type BonusesService = ReturnType<typeof createBonusesService>;
