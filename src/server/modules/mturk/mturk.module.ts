import type { AuditService } from '../audit/audit.service.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { IdempotencyKeys } from '../idempotency/idempotency.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { ProjectsModule } from '../projects/projects.module.js';
import type { QualificationRequestsService } from '../qualifications/qualification-requests.service.js';
import type { QualificationTestsService } from '../qualifications/qualification-tests.service.js';
import type { QualificationsService } from '../qualifications/qualifications.service.js';
import type { BonusesService } from '../review/bonuses.service.js';
import type { ReviewService } from '../review/review.service.js';
import type { BlocksService } from '../review/blocks.service.js';
import type { EmailService } from '../email/email.service.js';
import type { MessagesService } from '../messages/messages.service.js';
import type { Notifier } from '../notifications/notifications.service.js';
import type { OutboxListener } from '../webhooks/webhooks.module.js';
import type { WebhookDispatch } from '../webhooks/webhooks.service.js';
import { loadServerKeyBox } from '../../lib/server-key-box.js';
import { createServerSecrets } from '../../db/server-secrets.js';
import { createAccessKeysRepository } from './access-keys.repository.js';
import { createAccessKeysService } from './access-keys.service.js';
import { createMturkAssignmentsRepository } from './assignments.repository.js';
import { createMturkBonusesRepository } from './bonuses.repository.js';
import { createHitChangesRepository } from './hit-changes.repository.js';
import { createHitChangesService } from './hit-changes.service.js';
import { createHitMovesRepository } from './hit-moves.repository.js';
import { createHitMovesService } from './hit-moves.service.js';
import { createHitsRepository } from './hits.repository.js';
import { createHitsService } from './hits.service.js';
import { accountOperations } from './operations/account.js';
import { assignmentOperations } from './operations/assignments.js';
import { bonusOperations } from './operations/bonuses.js';
import { hitChangeOperations } from './operations/hit-changes.js';
import { hitReviewOperations } from './operations/hit-review.js';
import { hitOperations } from './operations/hits.js';
import {
  qualificationOperations,
  type QualificationTypeService,
} from './operations/qualifications.js';
import { workerOperations } from './operations/workers.js';
import { notificationOperations } from './operations/notifications.js';
import { createMturkNotifications } from './mturk-notifications.js';
import { createNotificationSettingsRepository } from './notification-settings.repository.js';
import { createWorkerMessagesRepository } from './worker-messages.repository.js';
import { createWorkerMessagesService } from './worker-messages.service.js';

type Log = { info(obj: object, msg: string): void; error(obj: object, msg: string): void };

/**
 * The MTurk-compatible requester API: access keys and the operations /mturk runs. Async because
 * the server key that seals access keys' secrets may come from the database, and because a
 * rotated key's secrets are sealed again with the current key before the server answers.
 */
export async function createMturkModule(deps: {
  db: Db;
  config: Pick<Config, 'accessKeyEncryption' | 'sessionSecret'>;
  clock: Clock;
  log: Log;
  services: {
    audit: Pick<AuditService, 'record'>;
    ledger: Pick<LedgerService, 'balance' | 'feeFor' | 'escrowForProject' | 'releaseEscrow'>;
    projects: Pick<ProjectsModule, 'projects' | 'batches' | 'lifecycle'>;
    qualifications: QualificationTypeService &
      Pick<QualificationsService, 'assertRequirementsUsable'>;
    qualificationRequests: Pick<
      QualificationRequestsService,
      'listForOwner' | 'grant' | 'refuse' | 'announceGrant'
    >;
    qualificationTests: Pick<QualificationTestsService, 'definition'>;
    idempotency: Pick<IdempotencyKeys, 'resourceOf' | 'once'>;
    review: {
      review: Pick<ReviewService, 'approve' | 'reject'>;
      bonuses: Pick<BonusesService, 'give'>;
      blocks: BlocksService;
    };
    notifications: Pick<Notifier, 'notifyMany'>;
    messages: Pick<MessagesService, 'deliver'>;
    email: Pick<EmailService, 'sendRequesterMessage'>;
    webhooks: WebhookDispatch;
    /** The committed changes' events, as the webhooks module hears them. */
    webhookOutbox: { listen(listener: OutboxListener): void };
  };
}) {
  // The store of server-generated secrets (the OAuth module's keys live there too).
  const box = await loadServerKeyBox(deps.config, createServerSecrets(deps.db));
  const accessKeys = createAccessKeysService({
    db: deps.db,
    keys: createAccessKeysRepository(deps.db),
    box,
    clock: deps.clock,
    audit: deps.services.audit,
  });
  const { resealed, unreadable } = await accessKeys.resealWithCurrentKey();
  if (resealed > 0) deps.log.info({ resealed }, 'access key secrets sealed with the current key');
  if (unreadable > 0) {
    deps.log.error(
      { unreadable },
      'access key secrets that no configured ACCESS_KEY_ENCRYPTION_KEY opens: those keys are refused until their key is listed in ACCESS_KEY_ENCRYPTION_PREVIOUS_KEYS',
    );
  }
  const {
    ledger,
    projects,
    qualifications,
    qualificationRequests,
    qualificationTests,
    idempotency,
    review,
  } = deps.services;
  const notifications = createMturkNotifications({
    settings: createNotificationSettingsRepository(deps.db),
    webhooks: deps.services.webhooks,
    clock: deps.clock,
    log: deps.log,
  });
  deps.services.webhookOutbox.listen(notifications.outboxListener);
  const hitsRepository = createHitsRepository(deps.db);
  const hits = createHitsService({
    hits: hitsRepository,
    projects: projects.projects,
    batches: projects.batches,
    lifecycle: projects.lifecycle,
    ledger,
    qualifications,
    idempotency,
    // CreateHIT spans several transactions (project, batch, publish): HITCreated is queued once
    // the HIT exists, in a statement of its own.
    notify: (ownerId, hit, type) => notifications.onHit(deps.db, ownerId, hit, type),
    clock: deps.clock,
  });
  const assignments = createMturkAssignmentsRepository(deps.db);
  const hitMoves = createHitMovesService({
    moves: createHitMovesRepository(deps.db),
    hits: hitsRepository,
    hitTypes: hits,
    projects: projects.projects,
    lifecycle: projects.lifecycle,
    ledger,
    clock: deps.clock,
  });
  const hitChanges = createHitChangesService({
    changes: createHitChangesRepository(deps.db),
    hits: hitsRepository,
    ledger,
    projects: projects.projects,
    moves: hitMoves,
    idempotency,
    notify: (trx, ownerId, hit, type) => notifications.onHit(trx, ownerId, hit, type),
    clock: deps.clock,
  });
  return {
    accessKeys,
    operations: {
      ...accountOperations({ ledger }),
      ...hitOperations({ hits, clock: deps.clock }),
      ...hitReviewOperations({ hits, clock: deps.clock }),
      ...hitChangeOperations({ changes: hitChanges, moves: hitMoves }),
      ...assignmentOperations({ assignments, hits, review: review.review, clock: deps.clock }),
      ...bonusOperations({
        assignments,
        bonuses: review.bonuses,
        paid: createMturkBonusesRepository(deps.db),
        hits,
        clock: deps.clock,
      }),
      ...qualificationOperations({
        qualifications,
        requests: qualificationRequests,
        tests: qualificationTests,
        hits,
        clock: deps.clock,
      }),
      ...workerOperations({
        blocks: review.blocks,
        messages: createWorkerMessagesService({
          messages: createWorkerMessagesRepository(deps.db),
          threads: deps.services.messages,
          email: deps.services.email,
          clock: deps.clock,
        }),
      }),
      ...notificationOperations({ notifications, hits }),
    },
  };
}

export type MturkModule = Awaited<ReturnType<typeof createMturkModule>>;
