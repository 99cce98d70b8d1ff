import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { IdempotencyKeys } from '../idempotency/idempotency.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { OverlapService } from '../overlap/overlap.service.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import type { WebhookOutbox } from '../webhooks/webhooks.module.js';
import { createBlocksRepository } from './blocks.repository.js';
import { createBlocksService } from './blocks.service.js';
import { createBonusesService } from './bonuses.service.js';
import type { Notify } from '../notifications/notices.js';
import { createReviewRepository } from './review.repository.js';
import { createReviewService } from './review.service.js';
import { createSettlementRepository } from './settlement.repository.js';
import { createSettlementService } from './settlement.service.js';

/** Review, bonuses, blocks and escrow settlement over one database. */
export function createReviewModule(deps: {
  db: Db;
  clock: Clock;
  ledger: LedgerService;
  overlap: Pick<OverlapService, 'reconsider'>;
  feePercent: number;
  notify?: Notify | undefined;
  events: LiveEventPublisher;
  /** Where approvals, rejections and finished projects queue their webhook deliveries. */
  outbox?: WebhookOutbox | undefined;
  idempotency: IdempotencyKeys;
}) {
  const { db, clock, ledger, feePercent, notify, events, outbox } = deps;
  const review = createReviewRepository(db);
  return {
    review: createReviewService({
      db,
      review,
      ledger,
      overlap: deps.overlap,
      clock,
      feePercent,
      notify,
      events,
      outbox,
    }),
    bonuses: createBonusesService({
      db,
      review,
      ledger,
      clock,
      feePercent,
      notify,
      events,
      idempotency: deps.idempotency,
    }),
    blocks: createBlocksService({ blocks: createBlocksRepository(db), clock }),
    settlement: createSettlementService({
      db,
      settlement: createSettlementRepository(db),
      ledger,
      clock,
      feePercent,
      notify,
      events,
      outbox,
    }),
  };
}

export type ReviewModule = ReturnType<typeof createReviewModule>;
