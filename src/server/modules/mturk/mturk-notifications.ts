import { randomUUID } from 'node:crypto';
import type { AssignmentStatus } from '../../../shared/api/work.js';
import type { Db } from '../../db/database.js';
import { cachedValue } from '../../lib/cached-value.js';
import type { Clock } from '../../lib/clock.js';
import type { OutboxListener } from '../webhooks/webhooks.module.js';
import type { WebhookDispatch } from '../webhooks/webhooks.service.js';
import { requestError } from './mturk-errors.js';
import type {
  NotificationSettingsRepository,
  NotificationSettingsRow,
} from './notification-settings.repository.js';

export const MTURK_EVENT_TYPES = [
  'AssignmentAccepted',
  'AssignmentAbandoned',
  'AssignmentReturned',
  'AssignmentSubmitted',
  'AssignmentRejected',
  'AssignmentApproved',
  'HITCreated',
  'HITExtended',
  'HITDisposed',
  'HITReviewable',
  'HITExpired',
  'Ping',
] as const;
export type MturkEventType = (typeof MTURK_EVENT_TYPES)[number];
/** The events of a change the requester made to a HIT itself, its creation included. */
export type HitEventType = 'HITCreated' | 'HITExpired' | 'HITExtended' | 'HITDisposed';

/** MTurk's NotificationSpecification, as the operations' schemas read it. */
export type NotificationSpec = {
  Destination: string;
  Transport: 'Email' | 'SQS' | 'SNS';
  Version: string;
  EventTypes: MturkEventType[];
};

/** The versions MTurk documents; every document is sent in the 2014-08-15 shape. */
const VERSIONS = ['2006-05-05', '2014-08-15'];
const EVENT_DOC_VERSION = '2014-08-15';
const EVENT_OF_STATUS: Record<AssignmentStatus, MturkEventType> = {
  accepted: 'AssignmentAccepted',
  submitted: 'AssignmentSubmitted',
  approved: 'AssignmentApproved',
  rejected: 'AssignmentRejected',
  returned: 'AssignmentReturned',
  expired: 'AssignmentAbandoned',
};
/** How stale this instance's "are any notifications on?" may be (its own changes: none). */
const ANY_ACTIVE_TTL_MS = 5_000;

type MturkEvent = {
  EventType: MturkEventType;
  EventTimestamp: string;
  HITTypeId?: string;
  HITGroupId?: string;
  HITId?: string;
  AssignmentId?: string;
  WorkerId?: string;
};

const webhookHelp =
  'give the https:// URL of one of your Tessera webhooks as Destination (create one in the web app under Developer settings → Webhooks, or with POST /api/v1/webhooks), with Transport SQS or SNS';

/** MTurk's event document: the body a webhook receives, signed as every Tessera delivery is. */
export function eventDocument(ownerId: string, events: MturkEvent[]) {
  return {
    EventDocId: randomUUID(),
    SourceAccount: ownerId,
    CustomerId: ownerId,
    EventDocVersion: EVENT_DOC_VERSION,
    Events: events,
  };
}

/** A time as MTurk writes it in events, UTC to the second: 2026-12-08T10:00:00Z. */
const timestamp = (at: Date) => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * MTurk's notifications over Tessera's signed webhooks: UpdateNotificationSettings and
 * SendTestEventNotification, and the events of HITs whose HIT type has its notifications on.
 * Amazon SQS, SNS and email are not destinations Tessera can reach: a Destination is the URL of
 * one of the requester's webhooks (docs/mturk.md, "Notifications").
 */
export function createMturkNotifications(deps: {
  settings: NotificationSettingsRepository;
  webhooks: WebhookDispatch;
  clock: Clock;
  log: { error(obj: object, msg: string): void };
}) {
  const { settings, webhooks, clock } = deps;
  const anyActive = cachedValue((trx?: Db) => settings.anyActive(trx), ANY_ACTIVE_TTL_MS, clock);

  /** The webhook a specification names, or the RequestError that says why there is none. */
  async function webhookOf(ownerId: string, spec: NotificationSpec, test: boolean) {
    const destination = spec.Destination.trim();
    const amazon =
      /^arn:/i.test(destination) ||
      (URL.canParse(destination) && new URL(destination).hostname.endsWith('.amazonaws.com'));
    if (amazon) {
      throw requestError(
        `Tessera cannot deliver to Amazon ${spec.Transport === 'SNS' ? 'SNS' : 'SQS'}; ${webhookHelp}.`,
        'AWS.MechanicalTurk.InvalidParameterValue',
      );
    }
    if (spec.Transport === 'Email') {
      throw requestError(
        `Tessera does not send notifications by email; ${webhookHelp}.`,
        'AWS.MechanicalTurk.InvalidParameterValue',
      );
    }
    if (!VERSIONS.includes(spec.Version)) {
      throw requestError(
        `Version ${spec.Version} is not supported; use 2006-05-05.`,
        'AWS.MechanicalTurk.InvalidParameterValue',
      );
    }
    if (!test && spec.EventTypes.includes('Ping')) {
      throw requestError(
        'The Ping event is only valid for the SendTestEventNotification operation.',
        'AWS.MechanicalTurk.InvalidParameterValue',
      );
    }
    const webhook = await webhooks.findByUrl(ownerId, destination);
    if (!webhook) {
      throw requestError(
        `Destination ${destination} is not the URL of one of your webhooks; ${webhookHelp}.`,
        'AWS.MechanicalTurk.InvalidParameterValue',
      );
    }
    return webhook;
  }

  /** In the transaction of the assignment's change: its deliveries commit with it. */
  async function onAssignment(trx: Db, assignmentId: string, status: AssignmentStatus) {
    const hit = await settings.forAssignment(assignmentId, status === 'submitted', trx);
    if (!hit) return;
    const at = timestamp(clock.now());
    const ids = {
      HITTypeId: hit.hit_type_id,
      HITGroupId: hit.project_id,
      HITId: hit.task_id,
    };
    const wanted = new Set(hit.event_types);
    const events: MturkEvent[] = [];
    const type = EVENT_OF_STATUS[status];
    if (wanted.has(type)) {
      events.push({
        EventType: type,
        EventTimestamp: at,
        ...ids,
        AssignmentId: hit.assignment_id,
        WorkerId: hit.worker_id,
      });
    }
    if (hit.reviewable && wanted.has('HITReviewable')) {
      events.push({ EventType: 'HITReviewable', EventTimestamp: at, ...ids });
    }
    if (events.length === 0) return;
    const webhook = await webhooks.findByUrl(hit.owner_id, hit.destination, trx);
    // The webhook was deleted since: its notifications stop with it.
    if (!webhook) return;
    const label = `mturk.${events.map((event) => event.EventType).join('+')}`;
    const document = eventDocument(hit.owner_id, events);
    await webhooks.enqueueTo(trx, hit.owner_id, webhook.id, label, document);
  }

  return {
    async update(
      ownerId: string,
      hitTypeId: string,
      input: { notification?: NotificationSpec | undefined; active?: boolean | undefined },
    ): Promise<void> {
      const existing = await settings.find(ownerId, hitTypeId);
      let row: NotificationSettingsRow;
      if (input.notification) {
        const spec = input.notification;
        await webhookOf(ownerId, spec, false);
        row = {
          hit_type_id: hitTypeId,
          owner_id: ownerId,
          destination: spec.Destination.trim(),
          transport: spec.Transport,
          version: spec.Version,
          event_types: [...new Set(spec.EventTypes)],
          active: input.active ?? existing?.active ?? true,
        };
      } else if (input.active === undefined) {
        throw requestError(
          'Give Notification, Active or both.',
          'AWS.MechanicalTurk.InvalidParameterValue',
        );
      } else if (!existing) {
        throw requestError(
          `HIT type ${hitTypeId} has no notification settings yet; give a Notification.`,
          'AWS.MechanicalTurk.InvalidParameterValue',
        );
      } else {
        row = { ...existing, active: input.active };
      }
      await settings.save(row, clock.now());
      anyActive.invalidate();
    },

    /** Sends one event of `type` now, once, whatever the specification's events are. */
    async test(ownerId: string, spec: NotificationSpec, type: MturkEventType): Promise<void> {
      const webhook = await webhookOf(ownerId, spec, true);
      const document = eventDocument(ownerId, [
        { EventType: type, EventTimestamp: timestamp(clock.now()) },
      ]);
      const delivery = await webhooks.sendNow(ownerId, webhook.id, `mturk.${type}`, document);
      if (delivery.status !== 'delivered') {
        const why =
          delivery.last_status_code === null
            ? (delivery.last_error ?? 'no answer')
            : `it answered HTTP ${delivery.last_status_code}`;
        throw requestError(
          `The test notification was not delivered to ${webhook.url}: ${why}. The webhook's delivery log has the details.`,
        );
      }
    },

    /**
     * A HIT's own event (its creation, or its expiry, extension or disposal by the requester), to the webhook of
     * its HIT type's active settings if they name the event; a HIT made in the web app has none.
     * Queued in `trx`, the transaction of the change.
     */
    async onHit(
      trx: Db,
      ownerId: string,
      hit: { hit_type_id: string | null; project_id: string; task_id: string },
      type: HitEventType,
    ): Promise<void> {
      if (hit.hit_type_id === null) return;
      const row = await settings.find(ownerId, hit.hit_type_id, trx);
      if (!row?.active || !row.event_types.includes(type)) return;
      const webhook = await webhooks.findByUrl(ownerId, row.destination, trx);
      if (!webhook) return;
      const event: MturkEvent = {
        EventType: type,
        EventTimestamp: timestamp(clock.now()),
        HITTypeId: hit.hit_type_id,
        HITGroupId: hit.project_id,
        HITId: hit.task_id,
      };
      await webhooks.enqueueTo(
        trx,
        ownerId,
        webhook.id,
        `mturk.${type}`,
        eventDocument(ownerId, [event]),
      );
    },

    /** For the webhooks' outbox: MTurk's events of the same changes, in their transactions. */
    outboxListener: {
      active: (trx) => anyActive.get(trx),
      assignmentChanged: onAssignment,
    } satisfies OutboxListener,
  };
}

export type MturkNotifications = ReturnType<typeof createMturkNotifications>;
