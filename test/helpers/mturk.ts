import { Sha256 } from '@aws-crypto/sha256-js';
import { MTurkClient } from '@aws-sdk/client-mturk';
import { SignatureV4 } from '@smithy/signature-v4';
import type { App } from '../../src/server/app.js';
import type { Client } from './app.js';

export type AccessKeyPair = { accessKeyId: string; secretAccessKey: string };

/** A requester's new access key, made through the API as the web app makes it. */
export async function createAccessKey(client: Client, name = 'script'): Promise<AccessKeyPair> {
  const res = await client.post('/api/v1/me/access-keys', { name });
  if (res.statusCode !== 201) throw new Error(`access key creation failed: ${res.body}`);
  return res.json<AccessKeyPair>();
}

/** Starts the app on a real port (the AWS SDK speaks HTTP) and returns its /mturk endpoint. */
export async function listenForMturk(app: App, port: number): Promise<string> {
  await app.listen({ port, host: '127.0.0.1' });
  return `http://127.0.0.1:${port}/mturk`;
}

/** The real AWS SDK client, as a requester's script configures it, with no retries. */
export function mturkClient(endpoint: string, key: AccessKeyPair): MTurkClient {
  return new MTurkClient({ endpoint, region: 'us-east-1', credentials: key, maxAttempts: 1 });
}

/**
 * A request signed by the AWS SDK's own signer but otherwise as the test makes it (target,
 * body, date), for what the SDK would never send: malformed JSON, unknown operations, old dates.
 */
export async function signedFetch(
  endpoint: string,
  key: AccessKeyPair,
  options: {
    target?: string | undefined;
    body?: string;
    signingDate?: Date;
    contentType?: string;
    service?: string;
    tamper?: (headers: Record<string, string>) => void;
  } = {},
): Promise<{
  status: number;
  body: { __type?: string; Message?: string; TurkErrorCode?: string };
}> {
  const url = new URL(endpoint);
  const body = options.body ?? '{}';
  const headers: Record<string, string> = {
    host: url.host,
    'content-type': options.contentType ?? 'application/x-amz-json-1.1',
  };
  if (options.target !== undefined) headers['x-amz-target'] = options.target;
  const signer = new SignatureV4({
    credentials: key,
    region: 'us-east-1',
    service: options.service ?? 'mturk-requester',
    sha256: Sha256,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: {},
      headers,
      body,
    },
    { signingDate: options.signingDate ?? new Date() },
  );
  const sent = { ...(signed.headers as Record<string, string>) };
  options.tamper?.(sent);
  delete sent.host;
  const res = await fetch(endpoint, { method: 'POST', headers: sent, body });
  return { status: res.status, body: (await res.json()) as { __type?: string; Message?: string } };
}
