import {
  IconCircleCheck,
  IconCircleX,
  IconFlag,
  IconGavel,
  IconGift,
  IconMail,
  IconMessage,
  IconReceiptRefund,
  IconSend,
  IconShieldCheck,
  IconShieldX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { NotificationKind } from '../../../shared/api/notifications.js';

/** How each kind of notification looks: an icon and colour that tell them apart at a glance. */
export const NOTIFICATION_KINDS_INFO: Record<NotificationKind, { icon: ReactNode; color: string }> =
  {
    assignment_approved: { icon: <IconCircleCheck size={18} aria-hidden="true" />, color: 'teal' },
    assignment_rejected: { icon: <IconCircleX size={18} aria-hidden="true" />, color: 'red' },
    bonus_received: { icon: <IconGift size={18} aria-hidden="true" />, color: 'grape' },
    project_finished: { icon: <IconFlag size={18} aria-hidden="true" />, color: 'tessera' },
    escrow_returned: { icon: <IconReceiptRefund size={18} aria-hidden="true" />, color: 'orange' },
    payout_paid: { icon: <IconSend size={18} aria-hidden="true" />, color: 'teal' },
    qualification_granted: {
      icon: <IconShieldCheck size={18} aria-hidden="true" />,
      color: 'teal',
    },
    qualification_refused: { icon: <IconShieldX size={18} aria-hidden="true" />, color: 'red' },
    requester_message: { icon: <IconMail size={18} aria-hidden="true" />, color: 'blue' },
    message_received: { icon: <IconMessage size={18} aria-hidden="true" />, color: 'blue' },
    appeal_received: { icon: <IconGavel size={18} aria-hidden="true" />, color: 'orange' },
    appeal_decided: { icon: <IconGavel size={18} aria-hidden="true" />, color: 'tessera' },
  };
