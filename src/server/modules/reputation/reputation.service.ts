import type { RateBody } from '../../../shared/api/reputation.js';
import { ConflictError, fieldProblems, NotFoundError, ValidationError } from '../../errors.js';
import type { Clock } from '../../lib/clock.js';
import type { AccountsService } from '../accounts/accounts.service.js';
import {
  EMPTY_REPUTATION,
  presentMyRating,
  presentRequesterReputation,
  presentWorkerReputation,
} from './reputation.presenters.js';
import type { ReputationRepository } from './reputation.repository.js';

/**
 * Reputation (DESIGN §10): read from the counts kept beside the record (never typed in), and the
 * Boomerang ratings that feed them and steer who works with whom.
 */
export function createReputationService(deps: {
  reputation: ReputationRepository;
  accounts: Pick<AccountsService, 'getPublicProfile'>;
  clock: Clock;
  /** The rule in force above which a requester's rejection rate flags them. */
  flagRejectionPercent: () => Promise<number>;
}) {
  const { reputation, accounts, clock } = deps;

  return {
    async reputation(idOrHandle: string) {
      const user = await accounts.getPublicProfile(idOrHandle);
      const row = (await reputation.findReputation(user.id)) ?? EMPTY_REPUTATION;
      const flagPercent = await deps.flagRejectionPercent();
      return {
        requester: user.roles.includes('requester')
          ? presentRequesterReputation(row, flagPercent)
          : null,
        worker: user.roles.includes('worker') ? presentWorkerReputation(row) : null,
      };
    },

    /** Workers' reputations by id, for review rows (a worker with no record reads as empty). */
    async workerReputations(workerIds: string[]) {
      const rows = await reputation.reputationsOf([...new Set(workerIds)]);
      return (workerId: string) => presentWorkerReputation(rows.get(workerId) ?? EMPTY_REPUTATION);
    },

    /**
     * Sets the caller's one rating of `userId`, replacing any earlier one. Needs a decided
     * assignment of which the caller is one side and `userId` the other.
     */
    async rate(raterId: string, userId: string, body: RateBody) {
      if (userId === raterId) {
        // A path parameter: named where it is (field problems would place it in the body).
        throw new ValidationError('Invalid input — userId: you cannot rate yourself', [
          { path: 'params.userId', message: 'you cannot rate yourself' },
        ]);
      }
      const sides = await reputation.findAssignmentSides(body.assignmentId);
      // Someone else's assignment is "not found", as everywhere.
      if (!sides || (sides.worker_id !== raterId && sides.owner_id !== raterId)) {
        throw new NotFoundError('Assignment');
      }
      const other = sides.worker_id === raterId ? sides.owner_id : sides.worker_id;
      if (other !== userId) {
        throw new ValidationError(
          'Invalid input — assignmentId: this assignment is not between you and this user',
          fieldProblems({ assignmentId: 'is not between you and this user' }),
        );
      }
      if (sides.status !== 'approved' && sides.status !== 'rejected') {
        throw new ConflictError(
          'not_decided',
          'You can rate once this work has been approved or rejected.',
          { status: sides.status },
        );
      }
      const row = await reputation.upsertRating({
        raterId,
        rateeId: userId,
        value: body.value,
        assignmentId: body.assignmentId,
        now: clock.now(),
      });
      return presentMyRating(userId, row);
    },

    async myRating(raterId: string, userId: string) {
      return presentMyRating(userId, await reputation.findRating(raterId, userId));
    },
  };
}

export type ReputationService = ReturnType<typeof createReputationService>;
