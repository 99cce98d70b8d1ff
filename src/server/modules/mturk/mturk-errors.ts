import { AppError } from '../../errors.js';

/**
 * An error in AWS JSON 1.1's shape, `{ "__type", "Message" }` (and MTurk's `TurkErrorCode`),
 * which the AWS SDKs turn into exceptions by `__type`. Only the /mturk endpoint throws these;
 * its own error handler sends them.
 */
export class MturkError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: string,
    message: string,
    readonly turkErrorCode?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** MTurk's answer to a request it refuses (bad input, another requester's ids, no money…). */
export function requestError(message: string, turkErrorCode?: string): MturkError {
  return new MturkError(400, 'RequestError', message, turkErrorCode);
}

/** MTurk's answer when the fault is on the service's side. */
export function serviceFault(message = 'The service could not complete the request.'): MturkError {
  return new MturkError(500, 'ServiceFault', message);
}

export const authErrors = {
  missingToken: () =>
    new MturkError(
      400,
      'MissingAuthenticationTokenException',
      'Request is missing Authentication Token',
    ),
  incompleteSignature: (problem: string) =>
    new MturkError(400, 'IncompleteSignatureException', problem),
  unknownKey: () =>
    new MturkError(
      400,
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    ),
  badSignature: (message = signatureMismatch) =>
    new MturkError(400, 'InvalidSignatureException', message),
};

const signatureMismatch =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** MTurk's codes for the refusals of Tessera's services that a script may want to tell apart. */
const TURK_CODES: Record<string, string> = {
  insufficient_funds: 'AWS.MechanicalTurk.InsufficientFunds',
  not_found: 'AWS.MechanicalTurk.InvalidParameterValue',
};

/** A refusal of one of Tessera's services (bad input, no money, a limit) as MTurk's RequestError. */
export async function asRequestError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.statusCode < 500) {
      throw requestError(error.message, TURK_CODES[error.code]);
    }
    throw error;
  }
}
