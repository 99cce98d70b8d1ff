import { describe, expect, it } from 'vitest';
import { PLAIN_PROJECT_COLUMNS, plainColumns } from './project-columns.js';

describe('the plain project fields', () => {
  it('are every field a requester sets but those stored in a form of their own, each in its column', () => {
    expect(Object.fromEntries(PLAIN_PROJECT_COLUMNS)).toEqual({
      title: 'title',
      description: 'description',
      keywords: 'keywords',
      instructions: 'instructions',
      rewardCents: 'reward_cents',
      assignmentsPerTask: 'assignments_per_task',
      timeAllottedSeconds: 'time_allotted_seconds',
      autoApproveSeconds: 'auto_approve_seconds',
      minWorkSeconds: 'min_work_seconds',
      estimatedSeconds: 'estimated_seconds',
      topUpToFloor: 'top_up_to_floor',
      earlyAccessMinutes: 'early_access_minutes',
      includeRatedDown: 'include_rated_down',
    });
  });

  it('leaves a field the body does not name undefined, so an update keeps it', () => {
    const columns = plainColumns({ rewardCents: 25, topUpToFloor: true });
    expect(columns).toMatchObject({ reward_cents: 25, top_up_to_floor: true });
    expect(columns.title).toBeUndefined();
  });
});
