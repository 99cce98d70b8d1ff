/**
 * The MTurk-compatible API's cost against the REST API, on one server in one run: CreateHIT and
 * ListAssignmentsForHIT sent through `POST /mturk` by the real AWS SDK (@aws-sdk/client-mturk,
 * SigV4-signed), against the REST calls that do the same with a bearer token — CreateHIT is
 * `POST /projects` + `POST /projects/{id}/batches` (one row) + `POST /projects/{id}/publish`,
 * ListAssignmentsForHIT is `GET /projects/{id}/assignments`. One caller at a time (latency, not
 * throughput), after a warm-up. Then the SigV4 verification alone (parse, date, body hash,
 * signature) on the very requests the SDK signed, timed in a loop, as a share of an MTurk
 * request's server time.
 *
 *   npx tsx bench/mturk/index.ts                     (embedded database)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/mturk/index.ts
 *   CALLS=200 VERIFY_LOOPS=20000 BENCH_PORT=29660 …
 */
import { CreateHITCommand, ListAssignmentsForHITCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/server/app.js';
import { createServices } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { createServerSecrets } from '../../src/server/db/server-secrets.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { loadServerKeyBox } from '../../src/server/lib/server-key-box.js';
import { createAccessKeysRepository } from '../../src/server/modules/mturk/access-keys.repository.js';
import { createAccessKeysService } from '../../src/server/modules/mturk/access-keys.service.js';
import {
  hasValidSignature,
  parseAuthorization,
  signingDateOf,
  type SignedRequest,
} from '../../src/server/modules/mturk/sigv4.js';
import { benchDatabaseKind, fmt, openBenchDatabase, percentile } from '../lib/bench-db.js';

const CALLS = Number(process.env.CALLS ?? 200);
const WARMUP = Number(process.env.WARMUP ?? 30);
const VERIFY_LOOPS = Number(process.env.VERIFY_LOOPS ?? 20_000);
const PORT = Number(process.env.BENCH_PORT ?? 29660);

const kind = benchDatabaseKind();
const bench = await openBenchDatabase(kind);
const { db } = bench.handle;
const config = loadConfig({
  ...(bench.url ? { DATABASE_URL: bench.url } : {}),
  LOG_LEVEL: 'silent',
});
await migrateToLatest(db);
const services = createServices({ db, clock: systemClock, config });
const app = await buildApp({
  config,
  db,
  clock: systemClock,
  logger: false,
  rateLimits: { read: 1_000_000, write: 1_000_000, anonymous: 1_000_000, oauth: 1_000_000 },
});
await app.listen({ port: PORT, host: '127.0.0.1' });
const base = `http://127.0.0.1:${PORT}`;

console.log(
  `workload: ${CALLS} calls of each kind, one at a time (after ${WARMUP} of warm-up), one in-process server on ${kind}; SigV4 verification timed ${VERIFY_LOOPS}× on the SDK's own signed requests`,
);

// One requester with money, a bearer token for REST and an access key for /mturk.
const { user } = await services.accounts.signup(
  {
    email: 'bench-mturk@example.com',
    password: 'bench password 1',
    displayName: 'Bench',
    roles: ['requester'],
  },
  'bench',
);
await services.ledger.deposit({
  userId: user.id,
  actorId: user.id,
  amountCents: 100_000_000,
  provider: 'manual',
});
const { token } = await services.accounts.createToken(user.id, {
  name: 'bench',
  scopes: ['projects:read', 'projects:write'],
});
const accessKeys = createAccessKeysService({
  db,
  keys: createAccessKeysRepository(db),
  box: await loadServerKeyBox(config, createServerSecrets(db)),
  clock: systemClock,
  audit: services.audit,
});
const created = await accessKeys.create({ user, scopes: [], via: 'session' }, { name: 'bench' });
const key = { accessKeyId: created.row.id, secretAccessKey: created.secretAccessKey };

// The SDK's signed requests, as they leave it (the deserialize step runs after signing).
const signed: { CreateHIT?: SignedRequest; ListAssignmentsForHIT?: SignedRequest } = {};
const client = new MTurkClient({
  endpoint: `${base}/mturk`,
  region: 'us-east-1',
  credentials: key,
  maxAttempts: 1,
});
client.middlewareStack.add(
  (next) => async (args) => {
    const request = args.request as {
      method: string;
      path: string;
      headers: Record<string, string>;
      body: string;
    };
    const target = request.headers['x-amz-target']?.split('.')[1] as keyof typeof signed;
    signed[target] = {
      method: request.method,
      url: request.path,
      headers: Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      body: Buffer.from(request.body),
    };
    return next(args);
  },
  { step: 'deserialize', name: 'benchCapture' },
);

const QUESTION = `<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd"><HTMLContent><![CDATA[<form><input name="cat"></form>]]></HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
const rest = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

async function restCall(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: rest,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as { id: string };
}

const kinds = {
  'CreateHIT (SigV4)': async () => {
    await client.send(
      new CreateHITCommand({
        Title: 'Cat or not',
        Description: 'Say whether the photo shows a cat',
        Reward: '0.05',
        MaxAssignments: 1,
        LifetimeInSeconds: 3_600,
        AssignmentDurationInSeconds: 600,
        Question: QUESTION,
      }),
    );
  },
  'REST create + batch + publish (bearer)': async () => {
    const project = await restCall('POST', '/projects', {
      title: 'Cat or not',
      rewardCents: 5,
      assignmentsPerTask: 1,
      template: {
        kind: 'form',
        items: [
          {
            type: 'single_choice',
            name: 'cat',
            label: 'Cat?',
            required: true,
            options: [
              { value: 'y', label: 'Yes' },
              { value: 'n', label: 'No' },
            ],
          },
        ],
      },
    });
    await restCall('POST', `/projects/${project.id}/batches`, { rows: [{ n: '1' }] });
    await restCall('POST', `/projects/${project.id}/publish`, {});
  },
};
let hitId = '';
let projectId = '';

async function timed(label: string, call: () => Promise<void>) {
  for (let i = 0; i < WARMUP; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await call();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  return { label, mean, p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const results = [];
results.push(await timed('CreateHIT (SigV4)', kinds['CreateHIT (SigV4)']));
results.push(
  await timed(
    'REST create + batch + publish (bearer)',
    kinds['REST create + batch + publish (bearer)'],
  ),
);
// One HIT to list: the last one CreateHIT made, and its REST twin (its project).
const hit = await client.send(
  new CreateHITCommand({
    Title: 'Listed',
    Description: 'Listed',
    Reward: '0.05',
    MaxAssignments: 1,
    LifetimeInSeconds: 3_600,
    AssignmentDurationInSeconds: 600,
    Question: QUESTION,
  }),
);
hitId = hit.HIT?.HITId ?? '';
projectId = hit.HIT?.HITGroupId ?? '';
results.push(
  await timed('ListAssignmentsForHIT (SigV4)', async () => {
    await client.send(new ListAssignmentsForHITCommand({ HITId: hitId }));
  }),
);
results.push(
  await timed('REST GET /projects/{id}/assignments (bearer)', async () => {
    await restCall('GET', `/projects/${projectId}/assignments`);
  }),
);

for (const r of results) {
  console.log(
    `${r.label.padEnd(46)} mean ${fmt(r.mean)} ms  p50 ${fmt(r.p50)} ms  p95 ${fmt(r.p95)} ms`,
  );
}
const [createMturk, createRest, listMturk, listRest] = results as [
  (typeof results)[0],
  (typeof results)[0],
  (typeof results)[0],
  (typeof results)[0],
];
console.log(
  `ratio to baseline (REST): CreateHIT ${fmt(createMturk.mean / createRest.mean)}×, ListAssignmentsForHIT ${fmt(listMturk.mean / listRest.mean)}×`,
);

// The verification step alone, on the SDK's own requests: what /mturk does before the operation.
const { secretAccessKey } = key;
for (const [operation, request] of Object.entries(signed)) {
  if (!request) continue;
  const now = new Date();
  const loop = async () => {
    const auth = parseAuthorization(request);
    const date = signingDateOf(request, auth, now);
    if (!(await hasValidSignature(request, auth, date, secretAccessKey))) {
      throw new Error(`${operation}: the captured request does not verify`);
    }
  };
  for (let i = 0; i < 500; i++) await loop();
  const t = performance.now();
  for (let i = 0; i < VERIFY_LOOPS; i++) await loop();
  const verifyMs = (performance.now() - t) / VERIFY_LOOPS;
  const whole = operation === 'CreateHIT' ? createMturk : listMturk;
  console.log(
    `SigV4 verification of ${operation} (${request.body.length} B body): ${fmt(verifyMs * 1000)} µs per request = ${fmt((100 * verifyMs) / whole.mean)} % of the request's mean time (goal < 10 %)`,
  );
}

await app.close();
await bench.handle.close();
await bench.drop();
