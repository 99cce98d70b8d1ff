import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Clock } from '../../lib/clock.js';
import type { AccessKeysService } from './access-keys.service.js';
import { MturkError, authErrors, requestError, serviceFault } from './mturk-errors.js';
import type { MturkCaller, MturkOperations } from './operation.js';
import {
  hasValidSignature,
  parseAuthorization,
  SIGNING_SERVICE,
  signingDateOf,
  type SignedRequest,
} from './sigv4.js';

const TARGET_PREFIX = 'MTurkRequesterServiceV20170117.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';
/** A whole CreateHIT with MTurk's largest Question (131,072 characters, escaped) fits. */
const BODY_LIMIT_BYTES = 1_048_576;

declare module 'fastify' {
  interface FastifyRequest {
    mturkCaller: MturkCaller | null;
  }
}

/** `path: message` for each problem zod found, in MTurk's words for a parameter. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      if (issue.code === 'unrecognized_keys') {
        return `Unknown parameter${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}${path ? ` in ${path}` : ''}`;
      }
      return `Value of ${path || 'the request'} is invalid: ${issue.message}`;
    })
    .join('; ');
}

function sendMturkError(reply: FastifyReply, error: MturkError) {
  return reply
    .status(error.statusCode)
    .type(CONTENT_TYPE)
    .header('x-amzn-errortype', error.type)
    .send({
      __type: error.type,
      Message: error.message,
      ...(error.turkErrorCode === undefined ? {} : { TurkErrorCode: error.turkErrorCode }),
    });
}

/**
 * `POST /mturk` (and `/mturk/`, which the JavaScript SDK signs): MTurk's requester API in AWS
 * JSON 1.1, for scripts written against MTurk. Every request is signed with SigV4 by one of the
 * caller's access keys; the operation named in `X-Amz-Target` runs with their requester powers.
 */
export const mturkRoutes: FastifyPluginAsync<{
  accessKeys: Pick<AccessKeysService, 'holderOf'>;
  operations: MturkOperations;
  clock: Clock;
  rateLimit: { max: number; timeWindow: number };
}> = async (app, { accessKeys, operations, clock, rateLimit }) => {
  app.decorateRequest('mturkCaller', null);
  // The body is kept as bytes: the signature covers them exactly, and they are parsed only
  // once the signature holds.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-amzn-requestid', request.id);
  });

  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof MturkError) return sendMturkError(reply, error);
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendMturkError(
        reply,
        new MturkError(
          413,
          'RequestError',
          `The request is larger than ${BODY_LIMIT_BYTES} bytes.`,
        ),
      );
    }
    if (error.statusCode === 429) {
      return sendMturkError(reply, new MturkError(400, 'ThrottlingException', 'Rate exceeded'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendMturkError(reply, requestError(error.message));
    }
    request.log.error({ err: error }, 'unhandled error in an MTurk operation');
    return sendMturkError(reply, serviceFault());
  });

  const limiter = app.rateLimit({
    timeWindow: rateLimit.timeWindow,
    max: rateLimit.max,
    keyGenerator: (request) => `mturk:user:${request.mturkCaller?.user.id ?? request.ip}`,
  });

  async function verifySignature(request: FastifyRequest) {
    const signed: SignedRequest = {
      method: request.method,
      url: request.raw.url ?? request.url,
      headers: request.headers,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
    };
    const auth = parseAuthorization(signed);
    if (auth.service !== SIGNING_SERVICE) {
      throw authErrors.badSignature(
        `Credential should be scoped to correct service: '${SIGNING_SERVICE}'.`,
      );
    }
    const signingDate = signingDateOf(signed, auth, clock.now());
    const holder = await accessKeys.holderOf(auth.accessKeyId);
    if (!holder) throw authErrors.unknownKey();
    if (!(await hasValidSignature(signed, auth, signingDate, holder.secretAccessKey))) {
      throw authErrors.badSignature();
    }
    request.mturkCaller = { user: holder.user };
  }

  app.route({
    method: 'POST',
    url: '/mturk',
    bodyLimit: BODY_LIMIT_BYTES,
    // Not a Tessera credential: the signature is checked here, not by the auth plugin.
    config: { auth: 'external' },
    // AWS JSON 1.1, not Tessera's REST API: described in docs/mturk.md, not in the OpenAPI file.
    schema: { hide: true },
    preHandler: [verifySignature, limiter],
    handler: async (request, reply) => {
      const caller = request.mturkCaller!;
      const target = request.headers['x-amz-target'];
      const name =
        typeof target === 'string' && target.startsWith(TARGET_PREFIX)
          ? target.slice(TARGET_PREFIX.length)
          : undefined;
      const operation =
        name !== undefined && Object.hasOwn(operations, name) ? operations[name] : undefined;
      if (!operation) {
        throw new MturkError(
          400,
          'UnknownOperationException',
          `Unknown operation ${typeof target === 'string' ? target : '(no X-Amz-Target header)'}.`,
        );
      }
      const contentType = request.headers['content-type']?.split(';')[0]?.trim();
      if (contentType !== CONTENT_TYPE) {
        throw new MturkError(
          400,
          'SerializationException',
          `Content-Type must be ${CONTENT_TYPE}.`,
        );
      }
      // The content-type parser registered above hands the body over as a Buffer.
      const text = (request.body as Buffer).toString('utf8');
      let body: unknown;
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw new MturkError(400, 'SerializationException', 'The request body is not valid JSON.');
      }
      const input = operation.input.safeParse(body);
      if (!input.success)
        throw requestError(describeIssues(input.error), 'ParameterValidationError');
      const result = await operation.run(caller, input.data);
      return reply.status(200).type(CONTENT_TYPE).send(JSON.stringify(result));
    },
  });
};
