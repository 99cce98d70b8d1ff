import { auditEndpoints as endpoints } from '../../shared/api/audit.js';
import { useCursorList } from './endpoints.js';

/** The admin's search: each field narrows it (empty: no condition). */
export type AuditFilter = {
  action: string;
  actorId: string;
  subjectUserId: string;
  /** Whole days, `YYYY-MM-DD`, in the browser's time zone; `to` includes its day. */
  fromDay: string;
  toDay: string;
};

/** Every query of the audit log, in one place. */
export const auditKeys = {
  all: ['audit'] as const,
  search: (filter: AuditFilter) => [...auditKeys.all, 'search', filter] as const,
  mine: () => [...auditKeys.all, 'mine'] as const,
};

/** The start of a local day as an instant; the day after it when `end` (so `to` includes it). */
function dayStart(day: string, end = false): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  if (y === undefined || m === undefined || d === undefined) return undefined;
  return new Date(y, m - 1, d + (end ? 1 : 0)).toISOString();
}

export function useAuditSearch(filter: AuditFilter) {
  return useCursorList(endpoints.search, {
    queryKey: auditKeys.search(filter),
    query: {
      limit: 50,
      action: filter.action || undefined,
      actorId: filter.actorId || undefined,
      subjectUserId: filter.subjectUserId || undefined,
      from: dayStart(filter.fromDay),
      to: dayStart(filter.toDay, true),
    },
    keepPrevious: true,
  });
}

export function useMyAudit() {
  return useCursorList(endpoints.mine, { queryKey: auditKeys.mine(), query: { limit: 10 } });
}
