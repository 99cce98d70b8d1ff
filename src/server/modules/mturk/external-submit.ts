import { isUuid } from '../../../shared/api/qualifications.js';
import { AppError } from '../../errors.js';
import type { SubmitTokens } from '../../lib/turk-frame.js';
import type { WorkService } from '../work/work.service.js';

/** Why an externalSubmit post submitted nothing: the page's status and what it says. */
export class ExternalSubmitRefusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Who posts: the holder of an assignment's submit address, or a signed-in worker. */
export type ExternalSubmitter = { token: string } | { userId: string };

/** A form's fields as answers: one value each, or a list for a repeated field. */
function answersOf(form: URLSearchParams): Record<string, string | string[]> {
  const answers: [string, string | string[]][] = [];
  for (const name of new Set(form.keys())) {
    // MTurk leaves assignmentId out of the answer: it names the assignment, it is not an answer.
    if (name === 'assignmentId') continue;
    const values = form.getAll(name);
    answers.push([name, values.length === 1 ? (values[0] ?? '') : values]);
  }
  // fromEntries defines own properties, so even a field named "__proto__" stays an answer.
  return Object.fromEntries(answers);
}

const NO_SUCH_ASSIGNMENT = 'There is no assignment with this assignmentId for you to submit.';

/**
 * MTurk's `externalSubmit` (DESIGN §8): a task page's form posts `assignmentId` and its fields,
 * which become the assignment's answers. Nothing changes unless the assignment is the poster's
 * and still in progress, so a replayed post, another's assignment or an expired one is refused.
 */
export function createExternalSubmit(deps: {
  work: Pick<WorkService, 'find' | 'submit' | 'effectiveStatus'>;
  tokens: Pick<SubmitTokens, 'assignmentOf'>;
}) {
  return {
    async submit(submitter: ExternalSubmitter, form: URLSearchParams): Promise<void> {
      const assignmentId = form.get('assignmentId');
      if (assignmentId === null || assignmentId === '') {
        throw new ExternalSubmitRefusal(400, 'The form has no assignmentId field.');
      }
      if ('token' in submitter) {
        const owner = deps.tokens.assignmentOf(submitter.token);
        if (owner === undefined) {
          throw new ExternalSubmitRefusal(404, 'This submit address is not valid.');
        }
        if (owner !== assignmentId) {
          throw new ExternalSubmitRefusal(
            403,
            'The assignmentId in the form is not the assignment this submit address belongs to.',
          );
        }
      }
      const row = isUuid(assignmentId) ? await deps.work.find(assignmentId) : undefined;
      if (!row || ('userId' in submitter && row.worker_id !== submitter.userId)) {
        throw new ExternalSubmitRefusal(404, NO_SUCH_ASSIGNMENT);
      }
      const status = deps.work.effectiveStatus(row);
      if (status === 'expired') {
        throw new ExternalSubmitRefusal(
          410,
          'This assignment expired: its time ran out, and it can no longer be submitted.',
        );
      }
      if (status !== 'accepted') {
        throw new ExternalSubmitRefusal(
          409,
          status === 'returned'
            ? 'This assignment was returned and can no longer be submitted.'
            : 'This assignment was already submitted; nothing was changed.',
        );
      }
      try {
        await deps.work.submit(row.id, row.worker_id, answersOf(form));
      } catch (error) {
        if (error instanceof AppError && error.statusCode < 500) {
          throw new ExternalSubmitRefusal(error.statusCode, error.message);
        }
        throw error;
      }
    },
  };
}

export type ExternalSubmit = ReturnType<typeof createExternalSubmit>;
