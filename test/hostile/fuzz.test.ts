import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/limits.js';
import { createTestApp, type Client, type TestContext } from '../helpers/app.js';
import { GOOD_ANSWERS } from '../helpers/work.js';
import { createCast, signInAgain, type Actor, type Cast } from './cast.js';
import {
  deeplyNestedBodies,
  fieldValue,
  hostileBody,
  hostileString,
  type Mode,
} from './hostile-values.js';
import { expectNoLeak, type SentRequest } from './response-checks.js';
import { apiRoutes } from './routes.js';
import { victimDigest } from './victim-digest.js';

/**
 * Property-based fuzzing of every API operation: malformed, huge, deeply nested, wrong-typed and
 * odd-Unicode input from strangers (anonymous, another worker, another requester) and an admin.
 * Whatever they send: never a 5xx, never a stack, SQL or path in the answer, errors in the one
 * documented shape, and nothing of the victims' (`worker`, `requester`) changes.
 *
 * Reproduce a failure with the seed fast-check prints: FUZZ_SEED=<seed> (and FUZZ_RUNS=<n> for a
 * longer hunt) npx vitest run --project integration test/hostile/fuzz.test.ts
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3);
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const FUZZERS = ['anonymous', 'otherWorker', 'otherRequester', 'admin'] as const;

type Parameter = { in: 'path' | 'query' | 'header'; name: string; schema: object };
type Operation = {
  method: string;
  path: string;
  parameters: Parameter[];
  body: object | undefined;
};

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Operations from the OpenAPI document, plus registered routes it does not describe. */
async function operations(app: TestContext['app']): Promise<Operation[]> {
  const doc = (await app.inject({ url: '/api/v1/openapi.json' })).json<{
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: any }>>;
  }>();
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      ops.push({
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  const described = new Set(ops.map((o) => `${o.method} ${o.path}`));
  for (const route of apiRoutes(app)) {
    const path = route.url.replace(/:(\w+)/g, '{$1}');
    if (described.has(`${route.method} ${path}`)) continue;
    const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    ops.push({
      method: route.method,
      path,
      parameters: names.map((name) => ({ in: 'path', name, schema: { type: 'string' } })),
      body: undefined,
    });
  }
  return ops;
}

/**
 * A request for one operation, with ids from `ids` (real ones, others', or made up): half keep to
 * the schema with nasty content, half are bent out of it.
 */
function requestFor(op: Operation, ids: string[]): fc.Arbitrary<SentRequest> {
  return fc.oneof(requestIn('valid', op, ids), requestIn('bent', op, ids));
}

function requestIn(mode: Mode, op: Operation, ids: string[]): fc.Arbitrary<SentRequest> {
  const idOrNasty =
    mode === 'valid'
      ? fc.oneof(fc.constantFrom(...ids), fc.uuid())
      : fc.oneof(fc.constantFrom(...ids), fc.uuid(), hostileString);
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const path = fc
    .tuple(...pathParams.map(() => fc.tuple(idOrNasty, fc.boolean())))
    .map((values) => {
      let url = op.path;
      pathParams.forEach((p, i) => {
        const [value, raw] = values[i]!;
        // Sometimes unencoded, as a hand-written client or an attacker would send it.
        const text =
          raw && /^[\x21-\x7e]*$/.test(value) && !/[?#%]/.test(value)
            ? value
            : encodeAnything(value);
        url = url.replace(`{${p.name}}`, text);
      });
      return url;
    });
  const query = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) => fc.option(fieldValue(p.schema, ids, mode), { nil: undefined })),
      ),
      mode === 'valid'
        ? fc.constant<Record<string, string>>({})
        : fc.dictionary(hostileString, hostileString, { maxKeys: 2 }),
    )
    .map(([values, extra]) => {
      const search = new URLSearchParams();
      queryParams.forEach((p, i) => {
        const value = values[i];
        if (value === undefined) return;
        for (const v of Array.isArray(value) ? value : [value])
          search.append(p.name, typeof v === 'string' ? v : JSON.stringify(v));
      });
      for (const [k, v] of Object.entries(extra)) search.append(k, v);
      const text = search.toString();
      return text ? `?${text}` : '';
    });
  const headers = fc
    .tuple(
      ...headerParams.map(() =>
        fc.option(fc.string({ unit: 'binary-ascii', maxLength: 300 }), { nil: undefined }),
      ),
    )
    .map((values) => {
      const out: Record<string, string> = {};
      headerParams.forEach((p, i) => {
        const v = values[i]?.replace(/[^\x20-\x7e]/g, '');
        if (v !== undefined) out[p.name] = v;
      });
      return out;
    });
  const body = BODY_METHODS.has(op.method)
    ? fc.option(hostileBody(op.body as never, ids, mode), { freq: 8, nil: undefined })
    : fc.constant(undefined);
  return fc.record({ path, query, headers, body }).map(({ path, query, headers, body }) => {
    const url = `${path}${query}`;
    if (!body) return { method: op.method, url, headers };
    if (body.kind === 'raw')
      return {
        method: op.method,
        url,
        headers: { ...headers, 'content-type': body.contentType },
        payload: body.raw,
      };
    return {
      method: op.method,
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify(body.value) ?? 'null',
    };
  });
}

/** Percent-encodes any string; a lone surrogate goes as its raw (invalid UTF-8) bytes. */
function encodeAnything(value: string): string {
  return value.replace(/[\s\S]/gu, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    return encodeURIComponent(ch);
  });
}

let ctx: TestContext;
let cast: Cast;
let ops: Operation[];
let pools: Record<(typeof FUZZERS)[number], string[]>;
let digestOf: () => Promise<Record<string, string>>;
/** An assignment `otherWorker` already submitted: a deep body to it is a resubmit. */
let otherSubmittedId: string;

async function send(actor: Actor, request: SentRequest) {
  const client: Client = cast.clientOf(actor).fork();
  const res = await client.request(request.method, request.url, request.payload, request.headers);
  return res;
}

beforeAll(async () => {
  ctx = await createTestApp({ env: { PAYOUT_MINIMUM_CENTS: '1' } });
  cast = await createCast(ctx);
  // The victims' belongings, so strangers can aim at them by id.
  const payoutId = await cast.payout();
  const victimIds = [
    cast.projectId,
    cast.htmlProjectId,
    await cast.assignment('accepted'),
    await cast.assignment('submitted'),
    await cast.taskId(),
    await cast.qualificationType(),
    await cast.token(),
    await cast.oauthClient(),
    payoutId,
    (await cast.notificationId('worker'))!,
    cast.userOf('worker').id,
    cast.userOf('worker').handle,
    cast.userOf('requester').id,
    cast.userOf('requester').handle,
  ];
  const otherWorker = cast.members.otherWorker.client;
  otherSubmittedId = (
    await otherWorker.post(`/api/v1/projects/${cast.otherProjectId}/assignments`)
  ).json<{ id: string }>().id;
  const submitted = await otherWorker.post(`/api/v1/assignments/${otherSubmittedId}/submit`, {
    answers: GOOD_ANSWERS,
  });
  if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
  const own = [
    cast.otherProjectId,
    cast.otherAssignmentId,
    cast.userOf('otherWorker').id,
    cast.userOf('otherRequester').id,
  ];
  // An admin may rightly act on anyone, so the admin aims only at a bystander.
  const bystander = await cast.bystander();
  pools = {
    anonymous: victimIds,
    otherWorker: [...victimIds, ...own],
    otherRequester: [...victimIds, ...own],
    admin: [bystander],
  };
  const notifications = (await cast.clientOf('worker').get('/api/v1/me/notifications?limit=100'))
    .json<{ items: { id: string }[] }>()
    .items.map((n) => n.id);
  const victims = { workerId: cast.userOf('worker').id, requesterId: cast.userOf('requester').id };
  digestOf = () => victimDigest(ctx.database.db, victims, notifications);
  ops = await operations(ctx.app);
  console.log(
    `fuzz: ${ops.length} operations × ${FUZZERS.length} callers × ${RUNS} runs, seed ${SEED}`,
  );
}, 120_000);

/** Puts back a fuzzer's session that a request ended (sign-out is a valid request too). */
async function keepSignedIn() {
  for (const actor of FUZZERS) {
    if (actor === 'anonymous') continue;
    const member = cast.members[actor];
    if ((await member.client.get('/api/v1/me')).statusCode !== 200)
      await signInAgain(ctx.app, member.client, member.user.email);
  }
}

describe('fuzzing every operation', () => {
  it('covers every route', () => {
    expect(ops.length).toBeGreaterThanOrEqual(apiRoutes(ctx.app).length);
  });

  it('survives hostile input on every operation, and the victims’ data stays as it was', async () => {
    const before = await digestOf();
    for (const op of ops) {
      for (const [index, actor] of FUZZERS.entries()) {
        await fc.assert(
          fc.asyncProperty(requestFor(op, pools[actor]), async (request) => {
            const res = await send(actor, request);
            expectNoLeak(res, request, `${actor} ${request.method} ${request.url}`);
          }),
          { numRuns: RUNS, seed: SEED + index, endOnFailure: true },
        );
      }
      if (BODY_METHODS.has(op.method)) await extremes(op);
      await keepSignedIn();
      expect(await digestOf(), `after ${op.method} ${op.path}`).toEqual(before);
    }
  }, 600_000);
});

/** Bodies no generator makes by chance: very deep, over the size limit, broken. */
async function extremes(op: Operation) {
  await deeplyNestedInput(op);
  const url = op.path.replace(/\{\w+\}/g, pools.otherRequester[0]!);
  const bodies: [string, string][] = [
    ['application/json', JSON.stringify({ big: 'x'.repeat(LIMITS.jsonBodyBytes) })],
    ['application/json', '{"a": 1,,}'],
    ['application/json', '\u0000'],
    ['text/csv', 'a,b\n'.repeat(300_000)],
  ];
  for (const actor of FUZZERS) {
    for (const [contentType, payload] of bodies) {
      const request = { method: op.method, url, headers: { 'content-type': contentType }, payload };
      const res = await send(actor, request);
      expectNoLeak(
        res,
        request,
        `${actor} ${op.method} ${url} (${payload.length} bytes of ${contentType})`,
      );
      const overLimit = payload.length > LIMITS.jsonBodyBytes && contentType === 'application/json';
      // Batch uploads take bigger bodies (a CSV of many rows); every other route stops at the limit.
      if (overLimit && !op.path.endsWith('/batches'))
        expect(res.statusCode, `${actor} ${op.method} ${url}: ${res.body}`).toBe(413);
    }
  }
}

/**
 * JSON nested 10,000 levels deep, as the whole body and in each field of the body, sent by each
 * fuzzer at an object of their own (so it would reach the handler: a resubmit of their own
 * assignment, an upload to their own project) and at a victim's: always a 4xx, never a 5xx.
 */
async function deeplyNestedInput(op: Operation) {
  const own: Record<(typeof FUZZERS)[number], string> = {
    anonymous: cast.projectId,
    otherWorker: otherSubmittedId,
    otherRequester: cast.otherProjectId,
    admin: pools.admin[0]!,
  };
  for (const actor of FUZZERS) {
    for (const id of new Set([own[actor], cast.projectId])) {
      const url = op.path.replace(/\{\w+\}/g, id);
      for (const payload of deeplyNestedBodies(op.body)) {
        const request = {
          method: op.method,
          url,
          headers: { 'content-type': 'application/json' },
          payload,
        };
        const res = await send(actor, request);
        const label = `${actor} ${op.method} ${url} (${payload.slice(0, 40)}…)`;
        expectNoLeak(res, request, label);
        expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      }
    }
  }
}
