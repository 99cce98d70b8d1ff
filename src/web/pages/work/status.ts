import type { AssignmentStatus } from '../../../shared/api/work.js';

/** How each assignment status reads to the worker, in My work and on the work page. */
export const STATUS_INFO: Record<AssignmentStatus, { label: string; tab: string; color: string }> =
  {
    accepted: { label: 'In progress', tab: 'In progress', color: 'tessera' },
    submitted: { label: 'Awaiting review', tab: 'Submitted', color: 'blue' },
    approved: { label: 'Approved', tab: 'Approved', color: 'teal' },
    rejected: { label: 'Rejected', tab: 'Rejected', color: 'red' },
    returned: { label: 'Returned', tab: 'Returned', color: 'gray' },
    expired: { label: 'Expired', tab: 'Expired', color: 'orange' },
  };
