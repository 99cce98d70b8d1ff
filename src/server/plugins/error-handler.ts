import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { isDataException, isDatabaseUnavailable } from '../db/pg-errors.js';
import { AppError, FieldProblems, TooManyRequestsError } from '../errors.js';

type ErrorBody = {
  error: { code: string; message: string; details?: unknown };
  requestId: string;
};

export function sendError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
) {
  const body: ErrorBody = {
    error: { code, message, ...(details === undefined ? {} : { details }) },
    requestId: String(reply.request.id),
  };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

type ValidationIssue = { path: string; message: string };

/** Requests whose fields can only be in the query string. */
const BODILESS_METHODS = new Set(['GET', 'HEAD', 'DELETE']);

/** An error's details, with field problems placed in the request: `email` → `body.email`. */
function detailsOf(error: AppError, request: FastifyRequest): unknown {
  if (!(error.details instanceof FieldProblems)) return error.details;
  const location = BODILESS_METHODS.has(request.method) ? 'query' : 'body';
  return error.details.list.map(({ field, message }): ValidationIssue => ({
    path: `${location}.${field}`,
    message,
  }));
}

function describeValidation(error: FastifyError, context: string): ValidationIssue[] {
  if (hasZodFastifySchemaValidationErrors(error)) {
    return error.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
      return { path: path ? `${context}.${path}` : context, message: v.message ?? 'is invalid' };
    });
  }
  return (error.validation ?? []).map((v) => ({
    path: context,
    message: v.message ?? 'is invalid',
  }));
}

async function errorHandlerPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error instanceof TooManyRequestsError)
        reply.header('retry-after', String(error.retryAfterSeconds));
      return sendError(
        reply,
        error.statusCode,
        error.code,
        error.message,
        detailsOf(error, request),
      );
    }
    if (error.validation) {
      const issues = describeValidation(error, error.validationContext ?? 'body');
      const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return sendError(reply, 400, 'invalid_input', `Invalid input — ${summary}`, issues);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return sendError(reply, 500, 'internal', 'Something went wrong on our side.');
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(
          reply,
          413,
          'payload_too_large',
          `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit} bytes.`,
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(
          reply,
          415,
          'unsupported_media_type',
          `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted here.`,
        );
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(reply, 400, 'invalid_input', 'The JSON body is empty.');
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return sendError(reply, 400, 'malformed_json', 'The body is not valid JSON.');
      default:
        break;
    }
    if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      return sendError(reply, 400, 'malformed_json', 'The body is not valid JSON.');
    }
    if (error.statusCode === 429) {
      return sendError(reply, 429, 'rate_limited', error.message);
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, error.statusCode, 'bad_request', error.message);
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendError(
        reply,
        503,
        'unavailable',
        'The database is temporarily unavailable. Try again shortly.',
      );
    }
    if (isDataException(error)) {
      request.log.warn({ err: error }, 'the database refused a value of the request');
      return sendError(
        reply,
        400,
        'invalid_input',
        'A value in the request cannot be stored: it is out of range or not valid text.',
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return sendError(reply, 500, 'internal', 'Something went wrong on our side.');
  });
}

export default fp(errorHandlerPlugin, { name: 'error-handler' });
