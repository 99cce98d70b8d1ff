import type { PublicProject } from '../../../shared/api/profiles.js';
import type { PublicProjectRow } from './profiles.repository.js';

export function presentPublicProject(row: PublicProjectRow): PublicProject {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    publishedAt: row.published_at.toISOString(),
    jobsApproved: row.jobs_approved,
    paidToWorkersCents: row.paid_to_workers_cents,
  };
}
