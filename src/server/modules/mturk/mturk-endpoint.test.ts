import { GetAccountBalanceCommand, MTurkServiceException } from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import { signInAsAdmin } from '../../../../test/helpers/admin.js';
import {
  createAccessKey,
  listenForMturk,
  mturkClient,
  signedFetch,
  type AccessKeyPair,
} from '../../../../test/helpers/mturk.js';
import { deposit, signUpRequester } from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;
const endpoint = await listenForMturk(app, 22510);
const BALANCE = 'MTurkRequesterServiceV20170117.GetAccountBalance';

/** The exception the SDK raised for a call, by AWS's name. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MTurkServiceException);
  const e = error as MTurkServiceException & { TurkErrorCode?: string };
  return { name: e.name, message: e.message, status: e.$metadata.httpStatusCode };
}

async function fundedRequester(cents: number) {
  const requester = await signUpRequester(app);
  await deposit(requester.client, cents);
  return { ...requester, key: await createAccessKey(requester.client) };
}

describe('/mturk with the AWS SDK: GetAccountBalance', () => {
  it("answers the requester's available balance as a dollar string", async () => {
    const { key } = await fundedRequester(123_45);
    const answer = await mturkClient(endpoint, key).send(new GetAccountBalanceCommand({}));
    expect(answer.AvailableBalance).toBe('123.45');
    expect(answer.OnHoldBalance).toBe('0.00');
    expect(answer.$metadata.httpStatusCode).toBe(200);
  });

  it('answers at /mturk/ too (the JavaScript SDK signs the trailing slash)', async () => {
    const { key } = await fundedRequester(5_00);
    const answer = await mturkClient(`${endpoint}/`, key).send(new GetAccountBalanceCommand({}));
    expect(answer.AvailableBalance).toBe('5.00');
  });

  it('keeps each requester to their own money', async () => {
    const a = await fundedRequester(1_00);
    const b = await fundedRequester(2_00);
    const ofA = await mturkClient(endpoint, a.key).send(new GetAccountBalanceCommand({}));
    const ofB = await mturkClient(endpoint, b.key).send(new GetAccountBalanceCommand({}));
    expect([ofA.AvailableBalance, ofB.AvailableBalance]).toEqual(['1.00', '2.00']);
  });
});

describe('/mturk refuses what AWS refuses, in its error shape', () => {
  it('an unknown access key', async () => {
    const key: AccessKeyPair = {
      accessKeyId: 'TKIAAAAAAAAAAAAAAAAA',
      secretAccessKey: 'x'.repeat(40),
    };
    expect(
      await refusal(mturkClient(endpoint, key).send(new GetAccountBalanceCommand({}))),
    ).toEqual({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 400,
    });
  });

  it('a wrong secret', async () => {
    const { key } = await fundedRequester(1_00);
    const last = key.secretAccessKey.endsWith('A') ? 'B' : 'A';
    const wrong = { ...key, secretAccessKey: `${key.secretAccessKey.slice(0, 39)}${last}` };
    const refused = await refusal(
      mturkClient(endpoint, wrong).send(new GetAccountBalanceCommand({})),
    );
    expect(refused.name).toBe('InvalidSignatureException');
    expect(refused.status).toBe(400);
  });

  it('a target or a payload hash changed after signing', async () => {
    const { key } = await fundedRequester(1_00);
    const body = await signedFetch(endpoint, key, {
      target: BALANCE,
      tamper: (headers) => {
        headers['x-amz-target'] = 'MTurkRequesterServiceV20170117.ListHITs';
      },
    });
    expect(body.body.__type).toBe('InvalidSignatureException');
    const declared = await signedFetch(endpoint, key, {
      target: BALANCE,
      tamper: (headers) => {
        headers['x-amz-content-sha256'] = '0'.repeat(64);
      },
    });
    expect(declared.body.__type).toBe('InvalidSignatureException');
  });

  it('a request without a signature, or with a signature for another service', async () => {
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': BALANCE },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      Message: 'Request is missing Authentication Token',
    });
    const { key } = await fundedRequester(1_00);
    const s3 = await signedFetch(endpoint, key, { target: BALANCE, service: 's3' });
    expect(s3.body.__type).toBe('InvalidSignatureException');
    expect(s3.body.Message).toContain("'mturk-requester'");
  });

  it('a date more than 15 minutes away, either way; within 15 minutes it is fine', async () => {
    const { key } = await fundedRequester(1_00);
    const now = Date.now();
    const old = await signedFetch(endpoint, key, {
      target: BALANCE,
      signingDate: new Date(now - 16 * 60_000),
    });
    expect(old.status).toBe(400);
    expect(old.body.__type).toBe('InvalidSignatureException');
    expect(old.body.Message).toMatch(/^Signature expired/);
    const future = await signedFetch(endpoint, key, {
      target: BALANCE,
      signingDate: new Date(now + 16 * 60_000),
    });
    expect(future.body.__type).toBe('InvalidSignatureException');
    const slightlyOff = await signedFetch(endpoint, key, {
      target: BALANCE,
      signingDate: new Date(now - 10 * 60_000),
    });
    expect(slightlyOff.status).toBe(200);
  });

  it('a missing date', async () => {
    const { key } = await fundedRequester(1_00);
    const res = await signedFetch(endpoint, key, {
      target: BALANCE,
      tamper: (headers) => {
        delete headers['x-amz-date'];
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.__type).toBe('IncompleteSignatureException');
  });

  it('an unknown or missing X-Amz-Target', async () => {
    const { key } = await fundedRequester(1_00);
    for (const target of [
      'MTurkRequesterServiceV20170117.MakeMeRich',
      'MTurkRequesterServiceV20170117.constructor',
      'DynamoDB_20120810.GetItem',
      undefined,
    ]) {
      const res = await signedFetch(endpoint, key, { target });
      expect(res.status).toBe(400);
      expect(res.body.__type).toBe('UnknownOperationException');
    }
  });

  it('malformed JSON, another content type, and unknown fields', async () => {
    const { key } = await fundedRequester(1_00);
    const malformed = await signedFetch(endpoint, key, { target: BALANCE, body: '{"a":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.__type).toBe('SerializationException');
    const form = await signedFetch(endpoint, key, {
      target: BALANCE,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(form.body.__type).toBe('SerializationException');
    const unknown = await signedFetch(endpoint, key, { target: BALANCE, body: '{"Foo":1}' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({
      __type: 'RequestError',
      TurkErrorCode: 'ParameterValidationError',
    });
    expect(unknown.body.Message).toContain('Foo');
  });

  it("a deleted key, and a suspended account's key (until the account is reinstated)", async () => {
    const requester = await fundedRequester(1_00);
    const client = mturkClient(endpoint, requester.key);
    await client.send(new GetAccountBalanceCommand({}));

    const admin = await signInAsAdmin(ctx);
    const suspend = await admin.client.post(`/api/v1/admin/users/${requester.user.id}/suspend`, {});
    expect(suspend.statusCode).toBe(200);
    expect((await refusal(client.send(new GetAccountBalanceCommand({})))).name).toBe(
      'UnrecognizedClientException',
    );
    const reinstate = await admin.client.post(
      `/api/v1/admin/users/${requester.user.id}/reinstate`,
      {},
    );
    expect(reinstate.statusCode).toBe(200);
    expect((await client.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe('1.00');

    const other = await fundedRequester(1_00);
    const otherClient = mturkClient(endpoint, other.key);
    await otherClient.send(new GetAccountBalanceCommand({}));
    await other.client.delete(`/api/v1/me/access-keys/${other.key.accessKeyId}`);
    expect((await refusal(otherClient.send(new GetAccountBalanceCommand({})))).name).toBe(
      'UnrecognizedClientException',
    );
  });

  it('shows the last use in the key list', async () => {
    const requester = await fundedRequester(1_00);
    await mturkClient(endpoint, requester.key).send(new GetAccountBalanceCommand({}));
    const listed = await requester.client.get('/api/v1/me/access-keys');
    expect(listed.json().items[0].lastUsedAt).not.toBeNull();
  });
});
