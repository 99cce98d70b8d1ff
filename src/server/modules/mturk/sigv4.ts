import { createHash, timingSafeEqual } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { authErrors } from './mturk-errors.js';

/** The service name MTurk's clients sign with (the credential scope's third part). */
export const SIGNING_SERVICE = 'mturk-requester';

/** AWS refuses a request whose X-Amz-Date is further than this from its own clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;._-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export type SignedRequest = {
  method: string;
  /** The path and query as the client sent them. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
};

export type ParsedAuthorization = {
  accessKeyId: string;
  shortDate: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
};

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** The Authorization header's parts, or AWS's refusal of a missing or unreadable one. */
export function parseAuthorization(request: SignedRequest): ParsedAuthorization {
  const authorization = header(request, 'authorization');
  if (!authorization) throw authErrors.missingToken();
  const match = AUTHORIZATION.exec(authorization.trim());
  if (!match) {
    throw authErrors.incompleteSignature(
      'Authorization header requires a SigV4 "Credential", "SignedHeaders" and "Signature" (AWS4-HMAC-SHA256).',
    );
  }
  const [, accessKeyId, shortDate, region, service, signedHeaders, signature] = match;
  // Every group of the pattern is required, so a match has them all; this only tells TypeScript.
  if (!accessKeyId || !shortDate || !region || !service || !signedHeaders || !signature) {
    throw authErrors.incompleteSignature('Authorization header is incomplete.');
  }
  return {
    accessKeyId,
    shortDate,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
  };
}

/** The X-Amz-Date of a request as a time, checked against the credential scope and the clock. */
export function signingDateOf(request: SignedRequest, auth: ParsedAuthorization, now: Date): Date {
  const amzDate = header(request, 'x-amz-date');
  if (!amzDate || !AMZ_DATE.test(amzDate)) {
    throw authErrors.incompleteSignature(
      'Authorization header requires existence of a valid X-Amz-Date header (YYYYMMDDTHHMMSSZ).',
    );
  }
  const date = new Date(amzDate.replace(AMZ_DATE, '$1-$2-$3T$4:$5:$6Z'));
  // An impossible time (a 13th month, a 61st second) is invalid or rolls over: only a real time
  // reads back the same.
  if (Number.isNaN(date.getTime()) || toAmzDate(date) !== amzDate) {
    throw authErrors.incompleteSignature('X-Amz-Date is not a valid time.');
  }
  if (!amzDate.startsWith(auth.shortDate)) {
    throw authErrors.badSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  const skew = date.getTime() - now.getTime();
  if (Math.abs(skew) > MAX_CLOCK_SKEW_MS) {
    const limit = new Date(now.getTime() + Math.sign(skew) * MAX_CLOCK_SKEW_MS);
    throw authErrors.badSignature(
      `Signature ${skew < 0 ? 'expired' : 'not yet current'}: ${amzDate} is now ${skew < 0 ? 'earlier' : 'later'} than ${toAmzDate(limit)} (${toAmzDate(now)} ${skew < 0 ? '-' : '+'} 15 min.)`,
    );
  }
  return date;
}

function toAmzDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

/**
 * Whether `request` carries a valid SigV4 signature by this secret: the request is rebuilt from
 * the headers the client signed and its body, signed again with the AWS SDK's own signer at the
 * client's X-Amz-Date, and the two signatures are compared in constant time.
 */
export async function hasValidSignature(
  request: SignedRequest,
  auth: ParsedAuthorization,
  signingDate: Date,
  secretAccessKey: string,
): Promise<boolean> {
  if (!auth.signedHeaders.includes('host')) return false;
  // The signer trusts a signed payload hash as given: check it is the body's.
  const declaredHash = header(request, 'x-amz-content-sha256');
  if (declaredHash !== undefined) {
    const bodyHash = createHash('sha256').update(request.body).digest('hex');
    if (declaredHash !== bodyHash) return false;
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = header(request, name);
    if (value === undefined) return false;
    headers[name] = value;
  }
  const queryStart = request.url.indexOf('?');
  const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(
    queryStart === -1 ? '' : request.url.slice(queryStart + 1),
  )) {
    const earlier = query[name];
    query[name] =
      earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
  }
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host!,
      path,
      query,
      headers,
      body: request.body,
    },
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})$/.exec(String(signed.headers.authorization))?.[1];
  return (
    expected !== undefined &&
    timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(auth.signature, 'hex'))
  );
}
