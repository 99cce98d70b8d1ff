import { z } from 'zod';
import type { HitsService } from '../hits.service.js';
import { MTURK_EVENT_TYPES, type MturkNotifications } from '../mturk-notifications.js';
import { operation, type MturkOperations } from '../operation.js';

const notificationSpec = z.strictObject({
  Destination: z.string().min(1).max(2_048),
  Transport: z.enum(['Email', 'SQS', 'SNS']),
  Version: z.string().min(1).max(32),
  EventTypes: z.array(z.enum(MTURK_EVENT_TYPES)).min(1).max(MTURK_EVENT_TYPES.length),
});

/** UpdateNotificationSettings and SendTestEventNotification, over Tessera's webhooks. */
export function notificationOperations(deps: {
  notifications: Pick<MturkNotifications, 'update' | 'test'>;
  hits: Pick<HitsService, 'requireHitType'>;
}): MturkOperations {
  const { notifications, hits } = deps;
  return {
    UpdateNotificationSettings: operation(
      z.strictObject({
        HITTypeId: z.string().min(1).max(64),
        Notification: notificationSpec.optional(),
        Active: z.boolean().optional(),
      }),
      async (caller, input) => {
        const hitType = await hits.requireHitType(caller.user.id, input.HITTypeId);
        await notifications.update(caller.user.id, hitType.id, {
          notification: input.Notification,
          active: input.Active,
        });
        return {};
      },
    ),

    SendTestEventNotification: operation(
      z.strictObject({ Notification: notificationSpec, TestEventType: z.enum(MTURK_EVENT_TYPES) }),
      async (caller, input) => {
        await notifications.test(caller.user.id, input.Notification, input.TestEventType);
        return {};
      },
    ),
  };
}
