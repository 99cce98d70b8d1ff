import type { NotificationKind } from '../../../shared/api/notifications.js';
import type { Db } from '../../db/database.js';

/** A notification to record inside the transaction of the change it announces. */
export type Notice = {
  userId: string;
  kind: NotificationKind;
  title: string;
  body?: string;
  link?: string;
};

/** The notifications module's `notify`, given by whoever wires the services together. */
export type Notify = (trx: Db, notice: Notice) => Promise<unknown>;

export async function announce(notify: Notify | undefined, trx: Db, notices: Notice[]) {
  if (!notify) return;
  for (const notice of notices) await notify(trx, notice);
}

/** Web app paths the notices link to (kept in step with src/web/lib/paths.ts). */
export const links = {
  assignment: (id: string) => `/work/${id}`,
  project: (id: string) => `/projects/${id}`,
  /** The project's review tab, where its appeals are answered. */
  projectAppeals: (id: string) => `/projects/${id}/review#appeals`,
  earnings: '/earnings',
  funds: '/funds',
};
