import { z } from 'zod';
import { bonusBodySchema } from '../../../../shared/api/review.js';
import type { Clock } from '../../../lib/clock.js';
import type { BonusesService } from '../../review/bonuses.service.js';
import type { MturkAssignmentsRepository } from '../assignments.repository.js';
import type { MturkBonusesRepository, MturkBonusRow } from '../bonuses.repository.js';
import type { HitsService } from '../hits.service.js';
import { dollarAmount, dollarsOf } from '../money.js';
import { asRequestError, requestError } from '../mturk-errors.js';
import { idOfNextToken, pageOf } from '../next-token.js';
import { operation, type MturkOperations } from '../operation.js';
import { uniqueRequestTokenScope } from '../unique-request-token.js';
import { requireMturkAssignment } from './assignments.js';

const TOKEN_PREFIX = 'bonuses';

const presentBonus = (row: MturkBonusRow) => ({
  WorkerId: row.worker_id,
  BonusAmount: dollarsOf(row.amount_cents),
  AssignmentId: row.assignment_id,
  Reason: row.reason,
  GrantTime: Math.floor(row.created_at.getTime() / 1000),
});

/** Bonuses through the web app's bonus service and ledger: SendBonus, ListBonusPayments. */
export function bonusOperations(deps: {
  assignments: Pick<MturkAssignmentsRepository, 'find'>;
  bonuses: Pick<BonusesService, 'give'>;
  paid: MturkBonusesRepository;
  hits: Pick<HitsService, 'getHit'>;
  clock: Clock;
}): MturkOperations {
  const { assignments, bonuses, paid, hits, clock } = deps;

  const requireAssignment = (ownerId: string, id: string) =>
    requireMturkAssignment(assignments, ownerId, id, clock.now());

  return {
    SendBonus: operation(
      z.strictObject({
        WorkerId: z.string().min(1).max(64),
        BonusAmount: dollarAmount,
        AssignmentId: z.string().min(1).max(64),
        Reason: z.string().min(1),
        UniqueRequestToken: z.string().min(1).max(64).optional(),
      }),
      async (caller, input) => {
        const row = await requireAssignment(caller.user.id, input.AssignmentId);
        if (row.worker_id !== input.WorkerId) {
          throw requestError(
            `Worker ${input.WorkerId} did not work on assignment ${input.AssignmentId}.`,
            'AWS.MechanicalTurk.InvalidParameterValue',
          );
        }
        // The web app's limits (a positive amount, a reason of a sane length) hold here too.
        const body = bonusBodySchema.safeParse({
          amountCents: input.BonusAmount,
          reason: input.Reason,
        });
        if (!body.success) {
          const names: Record<string, string> = { amountCents: 'BonusAmount', reason: 'Reason' };
          const problems = body.error.issues.map(
            (issue) => `${names[String(issue.path[0])] ?? ''}: ${issue.message}`,
          );
          throw requestError(problems.join('; '), 'AWS.MechanicalTurk.InvalidParameterValue');
        }
        const scope = uniqueRequestTokenScope(
          caller.user.id,
          'SendBonus',
          input.UniqueRequestToken,
        );
        const { bonus, replayed } = await asRequestError(() =>
          bonuses.give(
            caller.user.id,
            { assignmentId: row.id, amountCents: body.data.amountCents, reason: body.data.reason },
            scope,
          ),
        );
        // MTurk pays once and answers a token repeated within 24 h with an error naming the first request.
        if (replayed) {
          throw requestError(
            `The bonus ${bonus.id} was already sent with this UniqueRequestToken.`,
            'AWS.MechanicalTurk.DuplicateRequest',
          );
        }
        return {};
      },
    ),

    ListBonusPayments: operation(
      z.strictObject({
        HITId: z.string().min(1).max(64).optional(),
        AssignmentId: z.string().min(1).max(64).optional(),
        NextToken: z.string().min(1).max(256).optional(),
        MaxResults: z.number().int().min(1).max(100).optional(),
      }),
      async (caller, input) => {
        if ((input.HITId === undefined) === (input.AssignmentId === undefined)) {
          throw requestError(
            'Give exactly one of HITId and AssignmentId.',
            'AWS.MechanicalTurk.InvalidParameterValue',
          );
        }
        const of =
          input.HITId !== undefined
            ? { taskId: (await hits.getHit(caller.user.id, input.HITId)).task_id }
            : { assignmentId: (await requireAssignment(caller.user.id, input.AssignmentId!)).id };
        const limit = input.MaxResults ?? 10;
        const rows = await paid.list(caller.user.id, of, {
          afterId: idOfNextToken(TOKEN_PREFIX, input.NextToken),
          limit,
        });
        const { shown, nextToken } = pageOf(TOKEN_PREFIX, rows, limit);
        return {
          NumResults: shown.length,
          BonusPayments: shown.map(presentBonus),
          ...(nextToken !== undefined && { NextToken: nextToken }),
        };
      },
    ),
  };
}
