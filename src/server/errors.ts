/**
 * Domain errors with stable codes. Services throw these; the error handler turns them into
 * `{ error: { code, message, details? }, requestId }` with the matching status.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A problem with one field, named as a request names it: `email`, `answers.q1`, `scopes.0`. */
export type FieldProblem = { field: string; message: string };

/**
 * The `details` of an error about request fields, named without saying where in the request they
 * are: services know fields, not requests. The error handler answers them as
 * `[{ path: 'body.email', message }]`, or `query.…` for GET, HEAD and DELETE, which have no body.
 */
export class FieldProblems {
  constructor(readonly list: readonly FieldProblem[]) {}
}

/** Field problems by field name: `fieldProblems({ handle: 'is already taken' })`. */
export function fieldProblems(messages: Readonly<Record<string, string>>): FieldProblems {
  return new FieldProblems(
    Object.entries(messages).map(([field, message]) => ({ field, message })),
  );
}

export class ValidationError extends AppError {
  constructor(message: string, details?: unknown, code = 'invalid_input') {
    super(400, code, message, details);
  }
}

/**
 * 400 `invalid_answers`: what is wrong with a worker's answers (a task's or a qualification
 * test's), each problem under `answers.<item>`.
 */
export function invalidAnswers(problems: readonly { item: string; message: string }[]) {
  return new ValidationError(
    `Invalid answers — ${problems.map((p) => `${p.item}: ${p.message}`).join('; ')}`,
    new FieldProblems(problems.map((p) => ({ field: `answers.${p.item}`, message: p.message }))),
    'invalid_answers',
  );
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in to continue.', code = 'unauthorized') {
    super(401, code, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do that.', code = 'forbidden', details?: unknown) {
    super(403, code, message, details);
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource') {
    super(404, 'not_found', `${what} not found.`);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string, details?: unknown) {
    super(413, 'payload_too_large', message, details);
  }
}

/** Too much at once: the handler sends `Retry-After` with the seconds to wait. */
export class TooManyRequestsError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
    details?: unknown,
  ) {
    super(429, code, message, details);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(message = 'The service is temporarily unavailable. Try again shortly.') {
    super(503, 'unavailable', message);
  }
}
