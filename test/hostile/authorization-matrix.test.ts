import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SCOPE, DEFAULT_SCOPES, type Scope } from '../../src/shared/scopes.js';
import { Client, createTestApp, TEST_PASSWORD, type TestContext } from '../helpers/app.js';
import { SAMPLE_CSV } from '../helpers/projects.js';
import {
  createTypeWithTest,
  PASSING_ANSWERS,
  startAttempt,
} from '../helpers/qualification-tests.js';
import { givePayoutMethod } from '../helpers/review.js';
import { GOOD_ANSWERS } from '../helpers/work.js';
import { ACTORS, createCast, signInAgain, WEBHOOK_NOWHERE, type Actor, type Cast } from './cast.js';
import { apiRoutes, OUTSIDE_API, registered, routeKey } from './routes.js';

/**
 * Every /api/v1 route, tried as every kind of caller against one object (owned by `worker` or
 * `requester`, see cast.ts), with the status each must get. A route without a row fails the
 * suite: a new route must say here who may use it.
 *
 * Read a row as: `route` called on `target` by each actor → `expect[actor]`. Strangers try
 * first and owners last, so a successful (state-changing) call never spoils another actor's try.
 */
type Expect = Record<Actor, number>;
type Params = Record<string, string>;
type Row = {
  route: string;
  target?: (cast: Cast) => Promise<Params>;
  body?: (params: Params, cast: Cast, actor: Actor) => unknown;
  contentType?: string;
  query?: string;
  /** The call ends the caller's session: sign everyone in again afterwards. */
  signsOut?: boolean;
};

const ORDER: Actor[] = [
  'anonymous',
  'otherWorker',
  'otherRequester',
  'admin',
  'worker',
  'requester',
];

const all = (status: number): Expect =>
  Object.fromEntries(ACTORS.map((a) => [a, status])) as Expect;
/** Any signed-in caller, on their own account. */
const signedIn = (status: number, o: Partial<Expect> = {}): Expect => ({
  ...all(status),
  anonymous: 401,
  ...o,
});
/** Something only `owner` has; everyone else signed in is told it does not exist. */
const ownedBy = (owner: Actor, status: number): Expect => ({ ...signedIn(404), [owner]: status });
const requesterOnly = (status: number, o: Partial<Expect> = {}): Expect => ({
  ...signedIn(403),
  requester: status,
  otherRequester: status,
  ...o,
});
const requesterOwns = (status: number, o: Partial<Expect> = {}) =>
  requesterOnly(status, { otherRequester: 404, ...o });
const workerOnly = (status: number, o: Partial<Expect> = {}): Expect => ({
  ...signedIn(403),
  worker: status,
  otherWorker: status,
  ...o,
});
const workerOwns = (status: number, o: Partial<Expect> = {}) =>
  workerOnly(status, { otherWorker: 404, ...o });
const adminOnly = (status: number): Expect => ({ ...signedIn(403), admin: status });

const project = async (c: Cast) => ({ id: c.projectId });
const fresh =
  (make: (c: Cast) => Promise<string>, name = 'id') =>
  async (c: Cast) => ({
    [name]: await make(c),
  });
const accepted = fresh((c) => c.assignment('accepted'));
const submitted = fresh((c) => c.assignment('submitted'));
/** A fresh submission of `worker`'s that `requester` rejected. */
async function rejected(c: Cast) {
  const id = await c.assignment('submitted');
  await c.clientOf('requester').post(`/api/v1/assignments/${id}/reject`, { reason: 'Blank' });
  return id;
}
/** `worker`'s open appeal of such a rejection. */
async function openAppeal(c: Cast) {
  const id = await rejected(c);
  const res = await c
    .clientOf('worker')
    .post(`/api/v1/assignments/${id}/appeal`, { message: 'I did answer.' });
  return res.json<{ id: string }>().id;
}
const unknownUid = async () => ({ uid: 'no-such-interaction' });
/** A qualification type of `requester` with a test, which any worker may take. */
const withTest = fresh((c) => createTypeWithTest(c.clientOf('requester')));
/** `worker`'s open attempt at such a test. */
const testAttempt = fresh(async (c) =>
  startAttempt(c.clientOf('worker'), await createTypeWithTest(c.clientOf('requester'))),
);
/** A fresh project's (only) batch. */
const batchOf = (make: (c: Cast) => Promise<string>) => async (c: Cast) => {
  const id = await make(c);
  const res = await c.clientOf('requester').get(`/api/v1/projects/${id}/batches`);
  return { id, batchId: res.json<{ items: { id: string }[] }>().items[0]!.id };
};
/** A project `make` returns and its first task. */
const taskOf = (make: (c: Cast) => Promise<string>) => async (c: Cast) => {
  const id = await make(c);
  return { id, taskId: await c.taskId(id) };
};

/** Gives `worker` approved work and `requester` reviewed work: a record to take part in governance. */
async function withRecords(c: Cast) {
  const assignment = await c.assignment('submitted');
  await c.clientOf('requester').post(`/api/v1/assignments/${assignment}/approve`);
}
/** An open proposal of `requester`'s for `rule`. */
const proposal = (rule: string, value: number) =>
  fresh(async (c) => {
    await withRecords(c);
    const res = await c
      .clientOf('requester')
      .post('/api/v1/governance/proposals', { rule, value, reason: 'For the matrix' });
    return res.json<{ id: string }>().id;
  }, 'proposalId');

/** One of the requester's types that workers may ask for. */
async function requestableType(c: Cast) {
  const res = await c.clientOf('requester').post('/api/v1/qualification-types', {
    name: `Askable ${randomUUID().slice(0, 8)}`,
    requestable: true,
  });
  return res.json<{ id: string }>().id;
}
/** The worker's open request for a fresh requestable type of the requester's. */
async function pendingRequest(c: Cast) {
  const id = await requestableType(c);
  const res = await c.clientOf('worker').post(`/api/v1/qualification-types/${id}/requests`);
  return res.json<{ id: string }>().id;
}

/** A thread the worker started with the requester about a fresh assignment. */
async function messageThread(c: Cast) {
  const assignmentId = await c.assignment('accepted');
  const res = await c.clientOf('worker').post('/api/v1/messages', {
    toUserId: c.userOf('requester').id,
    assignmentId,
    body: 'A question',
  });
  return res.json<{ thread: { id: string } }>().thread.id;
}

const MATRIX: [Row, Expect][] = [
  [{ route: 'GET /api/v1/openapi.json' }, all(200)],
  [{ route: 'GET /api/v1/healthz' }, all(200)],
  [{ route: 'GET /api/v1/readyz' }, all(200)],
  [
    {
      route: 'POST /api/v1/auth/signup',
      body: (_p, _c, actor) => ({
        email: `new-${actor}-${Date.now()}@example.com`,
        password: TEST_PASSWORD,
        displayName: 'New',
        roles: ['worker'],
      }),
    },
    all(201),
  ],
  [
    {
      route: 'POST /api/v1/auth/login',
      body: (_p, c, actor) => ({
        email: c.userOf(actor === 'anonymous' ? 'worker' : actor).email,
        password: TEST_PASSWORD,
      }),
    },
    all(200),
  ],
  [
    // Only a live one-time link the server printed opens it, whoever calls.
    {
      route: 'POST /api/v1/setup/admin',
      body: (_p, _c, actor) => ({
        token: 'never-issued',
        email: `setup-${actor}@example.com`,
        password: TEST_PASSWORD,
        displayName: 'Setup',
      }),
    },
    all(403),
  ],
  // The same answer for every caller and every email, so it reveals no account.
  [
    {
      route: 'POST /api/v1/auth/password-reset',
      body: (_p, c, actor) => ({ email: c.userOf(actor === 'anonymous' ? 'worker' : actor).email }),
    },
    all(202),
  ],
  // Only a live emailed link opens these, whoever calls.
  [
    {
      route: 'POST /api/v1/auth/password-reset/confirm',
      body: () => ({ token: 'neverIssued', password: TEST_PASSWORD }),
    },
    all(403),
  ],
  [
    {
      route: 'POST /api/v1/auth/email-verification/confirm',
      body: () => ({ token: 'neverIssued' }),
    },
    all(403),
  ],
  [{ route: 'POST /api/v1/me/email-verification' }, signedIn(202)],
  [{ route: 'GET /api/v1/site/email' }, all(200)],
  [{ route: 'GET /api/v1/me' }, signedIn(200)],
  // Anyone may ask who is signed in: a signed-out caller is told nobody (tested in session-probe).
  [{ route: 'GET /api/v1/auth/session' }, all(200)],
  [{ route: 'PATCH /api/v1/me', body: () => ({ bio: 'Hello' }) }, signedIn(200)],
  [
    {
      route: 'POST /api/v1/me/password',
      body: () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }),
    },
    signedIn(200),
  ],
  [
    {
      route: 'GET /api/v1/users/:idOrHandle',
      target: async (c) => ({ idOrHandle: c.userOf('worker').id }),
    },
    all(200),
  ],
  [
    {
      route: 'GET /api/v1/users/:idOrHandle/record',
      target: async (c) => ({ idOrHandle: c.userOf('worker').handle }),
    },
    all(200),
  ],
  [
    {
      route: 'GET /api/v1/users/:idOrHandle/reputation',
      target: async (c) => ({ idOrHandle: c.userOf('requester').id }),
    },
    all(200),
  ],
  [
    {
      route: 'GET /api/v1/users/:idOrHandle/projects',
      target: async (c) => ({ idOrHandle: c.userOf('requester').handle }),
    },
    all(200),
  ],
  [
    { route: 'POST /api/v1/me/tokens', body: () => ({ name: 'cli', scopes: ['profile'] }) },
    signedIn(201),
  ],
  [{ route: 'GET /api/v1/me/tokens' }, signedIn(200)],
  [
    { route: 'DELETE /api/v1/me/tokens/:id', target: fresh((c) => c.token()) },
    ownedBy('requester', 200),
  ],
  [{ route: 'POST /api/v1/me/access-keys', body: () => ({ name: 'boto3' }) }, requesterOnly(201)],
  [{ route: 'GET /api/v1/me/access-keys' }, requesterOnly(200)],
  [
    {
      route: 'DELETE /api/v1/me/access-keys/:accessKeyId',
      target: fresh((c) => c.accessKey(), 'accessKeyId'),
    },
    requesterOwns(200),
  ],

  [{ route: 'GET /api/v1/admin/users' }, adminOnly(200)],
  [{ route: 'GET /api/v1/admin/audit' }, adminOnly(200)],
  [{ route: 'GET /api/v1/me/audit' }, signedIn(200)],
  [{ route: 'GET /api/v1/governance/rules' }, all(200)],
  [{ route: 'GET /api/v1/governance/proposals' }, all(200)],
  [
    {
      // Members with a record propose (each a rule of their own: one open proposal per rule);
      // the others have no record yet.
      route: 'POST /api/v1/governance/proposals',
      target: async (c) => {
        await withRecords(c);
        return {};
      },
      body: (_p, _c, actor) => ({
        rule: actor === 'worker' ? 'appealDays' : 'appealResponseDays',
        value: 3,
        reason: 'Shorter waits',
      }),
    },
    signedIn(403, { worker: 201, requester: 201 }),
  ],
  [
    {
      route: 'GET /api/v1/governance/proposals/:proposalId',
      target: proposal('flagRejectionPercent', 40),
    },
    all(200),
  ],
  [
    {
      route: 'POST /api/v1/governance/proposals/:proposalId/votes',
      target: proposal('maxAutoApproveSeconds', 10 * 86_400),
      body: () => ({ vote: 'yes' }),
    },
    signedIn(403, { worker: 200, requester: 200 }),
  ],
  [
    {
      route: 'POST /api/v1/governance/proposals/:proposalId/veto',
      target: proposal('minHourlyCents', 100),
      body: () => ({ reason: 'Not now' }),
    },
    adminOnly(200),
  ],
  [
    {
      route: 'POST /api/v1/admin/users/:id/password-reset-link',
      target: fresh((c) => c.bystander()),
    },
    adminOnly(201),
  ],
  [
    { route: 'POST /api/v1/admin/users/:id/suspend', target: fresh((c) => c.bystander()) },
    adminOnly(200),
  ],
  [
    {
      route: 'POST /api/v1/admin/users/:id/reinstate',
      target: fresh(async (c) => {
        const id = await c.bystander();
        await c.clientOf('admin').post(`/api/v1/admin/users/${id}/suspend`);
        return id;
      }),
    },
    adminOnly(200),
  ],

  [{ route: 'GET /api/v1/me/balance' }, signedIn(200)],
  [{ route: 'GET /api/v1/me/ledger' }, signedIn(200)],
  [{ route: 'POST /api/v1/me/deposits', body: () => ({ amountCents: 100 }) }, requesterOnly(201)],
  [
    {
      route: 'POST /api/v1/admin/deposits',
      body: (_p, c) => ({
        userId: c.userOf('requester').id,
        amountCents: 100,
        reference: 'wire 1',
      }),
    },
    adminOnly(201),
  ],
  [{ route: 'GET /api/v1/admin/deposits' }, adminOnly(200)],

  [
    { route: 'POST /api/v1/qualification-types', body: () => ({ name: 'Careful' }) },
    requesterOnly(201),
  ],
  [{ route: 'GET /api/v1/qualification-types' }, requesterOnly(200)],
  [
    { route: 'GET /api/v1/qualification-types/:id', target: fresh((c) => c.qualificationType()) },
    requesterOwns(200),
  ],
  [
    {
      route: 'PATCH /api/v1/qualification-types/:id',
      target: fresh((c) => c.qualificationType()),
      body: () => ({ name: 'Renamed' }),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'GET /api/v1/qualification-types/:id/workers',
      target: fresh((c) => c.qualificationType()),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'PUT /api/v1/qualification-types/:id/workers/:workerIdOrHandle',
      target: async (c) => ({
        id: await c.qualificationType(),
        workerIdOrHandle: c.userOf('worker').id,
      }),
      body: () => ({ value: 5 }),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'DELETE /api/v1/qualification-types/:id/workers/:workerIdOrHandle',
      target: async (c) => {
        const id = await c.qualificationType();
        const worker = c.userOf('worker').id;
        await c
          .clientOf('requester')
          .put(`/api/v1/qualification-types/${id}/workers/${worker}`, { value: 1 });
        return { id, workerIdOrHandle: worker };
      },
    },
    requesterOwns(200),
  ],

  [{ route: 'GET /api/v1/qualification-types/:id/test', target: withTest }, workerOnly(200)],
  [
    { route: 'POST /api/v1/qualification-types/:id/test-attempts', target: withTest },
    workerOnly(201),
  ],
  [
    { route: 'GET /api/v1/qualification-types/:id/test-attempts', target: withTest },
    requesterOwns(200),
  ],
  [{ route: 'GET /api/v1/test-attempts/:id', target: testAttempt }, workerOwns(200)],
  [
    {
      route: 'POST /api/v1/test-attempts/:id/submit',
      target: testAttempt,
      body: () => ({ answers: PASSING_ANSWERS }),
    },
    workerOwns(200),
  ],

  [
    {
      route: 'POST /api/v1/qualification-types/:id/requests',
      target: fresh((c) => requestableType(c)),
    },
    // Any worker may ask for any requester's requestable type; a second ask is a conflict.
    workerOnly(201),
  ],
  [{ route: 'GET /api/v1/me/qualification-requests' }, workerOnly(200)],
  [{ route: 'GET /api/v1/qualification-requests' }, requesterOnly(200)],
  [
    {
      route: 'POST /api/v1/qualification-requests/:requestId/grant',
      target: fresh((c) => pendingRequest(c), 'requestId'),
      body: () => ({ value: 3 }),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/qualification-requests/:requestId/refuse',
      target: fresh((c) => pendingRequest(c), 'requestId'),
      body: () => ({ reason: 'Not yet' }),
    },
    requesterOwns(200),
  ],

  [
    { route: 'POST /api/v1/projects', body: () => ({ title: 'Mine', rewardCents: 5 }) },
    requesterOnly(201),
  ],
  [{ route: 'GET /api/v1/projects' }, requesterOnly(200)],
  [{ route: 'GET /api/v1/projects/:id', target: project }, requesterOwns(200)],
  [
    { route: 'PATCH /api/v1/projects/:id', target: project, body: () => ({ title: 'Renamed' }) },
    requesterOwns(200),
  ],
  [
    { route: 'POST /api/v1/projects/:id/publish', target: fresh((c) => c.draftProject()) },
    requesterOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/projects/:id/pilot',
      target: fresh((c) => c.draftProject()),
      body: () => ({ tasks: 1, workers: 1 }),
    },
    requesterOwns(200),
  ],
  [{ route: 'GET /api/v1/projects/:id/pilot/submissions', target: project }, requesterOwns(200)],
  [
    { route: 'POST /api/v1/projects/:id/pause', target: fresh((c) => c.publishedProject()) },
    requesterOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/projects/:id/resume',
      target: fresh(async (c) => {
        const id = await c.publishedProject();
        await c.clientOf('requester').post(`/api/v1/projects/${id}/pause`);
        return id;
      }),
    },
    requesterOwns(200),
  ],
  [
    { route: 'POST /api/v1/projects/:id/cancel', target: fresh((c) => c.publishedProject()) },
    requesterOwns(200),
  ],
  [{ route: 'GET /api/v1/projects/:id/preview', target: project }, requesterOwns(200)],
  [
    {
      route: 'GET /api/v1/projects/:id/tasks/:taskId/frame',
      target: async (c) => ({ id: c.htmlProjectId, taskId: await c.taskId(c.htmlProjectId) }),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/projects/:id/batches',
      target: fresh((c) => c.draftProject()),
      body: () => SAMPLE_CSV,
      contentType: 'text/csv',
    },
    requesterOwns(201),
  ],
  [{ route: 'GET /api/v1/projects/:id/batches', target: project }, requesterOwns(200)],
  [
    {
      route: 'DELETE /api/v1/projects/:id/batches/:batchId',
      target: batchOf((c) => c.draftProject()),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/projects/:id/batches/:batchId/cancel',
      target: batchOf((c) => c.publishedProject()),
    },
    requesterOwns(200),
  ],
  [{ route: 'GET /api/v1/projects/:id/tasks', target: project }, requesterOwns(200)],
  [{ route: 'GET /api/v1/projects/:id/assignments', target: project }, requesterOwns(200)],
  [{ route: 'GET /api/v1/projects/:id/results.csv', target: project }, requesterOwns(200)],
  [{ route: 'GET /api/v1/projects/:id/results.json', target: project }, requesterOwns(200)],
  [{ route: 'GET /api/v1/projects/:id/aggregates', target: project }, requesterOwns(200)],
  [{ route: 'GET /api/v1/projects/:id/workers', target: project }, requesterOwns(200)],
  [{ route: 'GET /api/v1/projects/:id/work-times', target: project }, requesterOwns(200)],
  [{ route: 'GET /api/v1/projects/:id/gold', target: project }, requesterOwns(200)],
  [
    {
      route: 'PUT /api/v1/projects/:id/gold/:taskId',
      target: taskOf((c) => c.publishedProject()),
      body: () => ({ answers: GOOD_ANSWERS }),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'DELETE /api/v1/projects/:id/gold/:taskId',
      target: async (c) => {
        const params = await taskOf((c) => c.publishedProject())(c);
        await c
          .clientOf('requester')
          .put(`/api/v1/projects/${params.id}/gold/${params.taskId}`, { answers: GOOD_ANSWERS });
        return params;
      },
    },
    requesterOwns(200),
  ],

  [{ route: 'GET /api/v1/feed' }, workerOnly(200)],
  [{ route: 'GET /api/v1/feed/:id', target: project }, workerOnly(200)],
  [{ route: 'POST /api/v1/projects/:id/assignments', target: project }, workerOnly(201)],
  [{ route: 'GET /api/v1/me/assignments' }, workerOnly(200)],
  [
    { route: 'GET /api/v1/assignments/:id', target: accepted },
    workerOwns(200, { requester: 200, otherRequester: 404 }),
  ],
  [
    {
      route: 'GET /api/v1/assignments/:id/frame',
      target: fresh((c) => c.assignment('accepted', c.htmlProjectId)),
    },
    workerOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/assignments/:id/submit',
      target: accepted,
      body: () => ({ answers: GOOD_ANSWERS }),
    },
    workerOwns(200),
  ],
  [{ route: 'POST /api/v1/assignments/:id/return', target: accepted }, workerOwns(200)],

  [
    { route: 'POST /api/v1/assignments/:id/approve', target: submitted, body: () => ({}) },
    requesterOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/assignments/:id/reject',
      target: submitted,
      body: () => ({ reason: 'Blank' }),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/projects/:id/review',
      target: async (c) => ({ id: c.projectId, assignment: await c.assignment('submitted') }),
      body: (p) => ({ action: 'approve', assignmentIds: [p.assignment] }),
    },
    requesterOwns(200),
  ],
  [
    {
      route: 'POST /api/v1/assignments/:id/bonus',
      target: submitted,
      body: () => ({ amountCents: 5, reason: 'Thanks' }),
    },
    requesterOwns(201),
  ],
  [
    {
      // The worker rates the requester after an approved assignment: only the worker may; the
      // requester is told they cannot rate themselves; anyone else cannot see the assignment.
      route: 'PUT /api/v1/ratings/:userId',
      target: async (c) => {
        const assignment = await c.assignment('submitted');
        await c.clientOf('requester').post(`/api/v1/assignments/${assignment}/approve`);
        return { userId: c.userOf('requester').id, assignment };
      },
      body: (p) => ({ value: 1, assignmentId: p.assignment }),
    },
    signedIn(404, { worker: 200, requester: 400 }),
  ],
  [
    {
      route: 'GET /api/v1/ratings/:userId',
      target: async (c) => ({ userId: c.userOf('requester').id }),
    },
    signedIn(200),
  ],
  [
    {
      route: 'PUT /api/v1/blocks/:workerId',
      target: fresh((c) => c.bystander(), 'workerId'),
      body: () => ({ reason: 'Spam' }),
    },
    requesterOnly(200),
  ],
  [
    {
      route: 'DELETE /api/v1/blocks/:workerId',
      target: fresh(async (c) => {
        const id = await c.bystander();
        await c.clientOf('requester').put(`/api/v1/blocks/${id}`, { reason: 'Spam' });
        return id;
      }, 'workerId'),
    },
    // A stranger lifts only blocks of their own (none here): nothing to undo, nothing changes.
    requesterOnly(200),
  ],
  [{ route: 'GET /api/v1/blocks' }, requesterOnly(200)],

  [
    {
      route: 'POST /api/v1/assignments/:id/appeal',
      target: fresh(rejected),
      body: () => ({ message: 'I did answer.' }),
    },
    workerOwns(201),
  ],
  [
    {
      route: 'POST /api/v1/appeals/:id/decide',
      target: fresh(openAppeal),
      body: () => ({ decision: 'uphold', message: 'Blank answers.' }),
    },
    requesterOwns(200),
  ],
  [
    { route: 'GET /api/v1/appeals/:id', target: fresh(openAppeal) },
    workerOwns(200, { requester: 200, otherRequester: 404 }),
  ],
  [{ route: 'GET /api/v1/me/appeals' }, workerOnly(200)],
  [{ route: 'GET /api/v1/projects/:id/appeals', target: project }, requesterOwns(200)],

  [{ route: 'GET /api/v1/me/earnings' }, workerOnly(200)],
  [{ route: 'GET /api/v1/me/earnings/daily' }, workerOnly(200)],
  [{ route: 'GET /api/v1/me/earnings/projects' }, workerOnly(200)],
  [{ route: 'GET /api/v1/me/spending' }, requesterOnly(200)],
  [{ route: 'GET /api/v1/me/payouts' }, workerOnly(200)],
  [
    {
      route: 'POST /api/v1/me/payouts',
      target: async (c) => {
        const id = await c.assignment('submitted');
        await c.clientOf('requester').post(`/api/v1/assignments/${id}/approve`, {});
        await givePayoutMethod(c.clientOf('worker'));
        return {};
      },
      body: () => ({}),
    },
    // The stranger has earned nothing to pay out, and has said nowhere to send it.
    workerOnly(201, { otherWorker: 409 }),
  ],
  // Each caller's own payout method: nobody reaches another's (see payout-methods.test.ts).
  [{ route: 'GET /api/v1/me/payout-method' }, workerOnly(200)],
  [
    {
      route: 'PUT /api/v1/me/payout-method',
      body: () => ({ method: 'paypal', destination: 'me@example.com' }),
    },
    workerOnly(200),
  ],
  [{ route: 'DELETE /api/v1/me/payout-method' }, workerOnly(200)],
  [{ route: 'GET /api/v1/admin/payouts' }, adminOnly(200)],
  [
    {
      route: 'POST /api/v1/admin/payouts/:id/mark-paid',
      target: fresh((c) => c.payout()),
      body: () => ({ reference: 'tx-1' }),
    },
    adminOnly(200),
  ],
  [
    {
      route: 'POST /api/v1/admin/payouts/:id/cancel',
      target: fresh((c) => c.payout()),
      body: () => ({ reason: 'Bounced' }),
    },
    adminOnly(200),
  ],

  [{ route: 'GET /api/v1/me/notifications' }, signedIn(200)],
  [{ route: 'GET /api/v1/me/notifications/unread-count' }, signedIn(200)],
  [
    {
      route: 'POST /api/v1/me/notifications/read',
      target: async (c) => ({ notification: (await c.notificationId('worker'))! }),
      body: (p) => ({ ids: [p.notification] }),
    },
    signedIn(200),
  ],
  [
    {
      route: 'POST /api/v1/me/notifications/unread',
      target: async (c) => ({ notification: (await c.notificationId('worker'))! }),
      body: (p) => ({ ids: [p.notification] }),
    },
    signedIn(200),
  ],

  [
    {
      route: 'POST /api/v1/messages',
      target: accepted,
      // Each writes about the worker's assignment to its other side: only its two sides may.
      body: (p, c, actor) => ({
        toUserId: c.userOf(actor === 'requester' ? 'worker' : 'requester').id,
        assignmentId: p.id,
        body: 'Hello',
      }),
    },
    signedIn(403, { worker: 201, requester: 201 }),
  ],
  [
    { route: 'POST /api/v1/projects/:id/messages', target: project, body: () => ({ body: 'All' }) },
    requesterOwns(201),
  ],
  [{ route: 'GET /api/v1/me/threads' }, signedIn(200)],
  [{ route: 'GET /api/v1/me/threads/unread-count' }, signedIn(200)],
  [
    { route: 'GET /api/v1/threads/:id', target: fresh(messageThread) },
    signedIn(404, { worker: 200, requester: 200 }),
  ],
  [
    {
      route: 'PUT /api/v1/threads/:id/mute',
      target: fresh(messageThread),
      body: () => ({ muted: true }),
    },
    signedIn(404, { worker: 200, requester: 200 }),
  ],

  [
    {
      route: 'POST /api/v1/webhooks',
      body: () => ({ url: WEBHOOK_NOWHERE, events: ['assignment.submitted'] }),
    },
    requesterOnly(201),
  ],
  [{ route: 'GET /api/v1/webhooks' }, requesterOnly(200)],
  [{ route: 'GET /api/v1/webhooks/:id', target: fresh((c) => c.webhook()) }, requesterOwns(200)],
  [
    { route: 'GET /api/v1/webhooks/:id/deliveries', target: fresh((c) => c.webhook()) },
    requesterOwns(200),
  ],
  [
    { route: 'POST /api/v1/webhooks/:id/test', target: fresh((c) => c.webhook()) },
    requesterOwns(200),
  ],
  [{ route: 'DELETE /api/v1/webhooks/:id', target: fresh((c) => c.webhook()) }, requesterOwns(200)],

  [
    {
      route: 'POST /api/v1/oauth-clients',
      body: () => ({ name: 'Mine', type: 'public', redirectUris: ['https://a.example.com/cb'] }),
    },
    signedIn(201),
  ],
  [{ route: 'GET /api/v1/oauth-clients' }, signedIn(200)],
  [
    { route: 'GET /api/v1/oauth-clients/:id', target: fresh((c) => c.oauthClient()) },
    ownedBy('requester', 200),
  ],
  [
    {
      route: 'PATCH /api/v1/oauth-clients/:id',
      target: fresh((c) => c.oauthClient()),
      body: () => ({ name: 'Renamed' }),
    },
    ownedBy('requester', 200),
  ],
  [
    { route: 'POST /api/v1/oauth-clients/:id/secret', target: fresh((c) => c.oauthClient()) },
    ownedBy('requester', 200),
  ],
  [
    { route: 'DELETE /api/v1/oauth-clients/:id', target: fresh((c) => c.oauthClient()) },
    ownedBy('requester', 200),
  ],
  [{ route: 'GET /api/v1/me/oauth-grants' }, signedIn(200)],
  [
    {
      route: 'DELETE /api/v1/me/oauth-grants/:clientId',
      target: fresh((c) => c.oauthClient(), 'clientId'),
    },
    signedIn(404),
  ],
  // Interactions belong to the browser that started them (a cookie the provider set); a uid
  // alone opens nothing.
  [{ route: 'GET /api/v1/oauth/interactions/:uid', target: unknownUid }, all(404)],
  [{ route: 'POST /api/v1/oauth/interactions/:uid/login', target: unknownUid }, signedIn(404)],
  [
    {
      route: 'POST /api/v1/oauth/interactions/:uid/consent',
      target: unknownUid,
      body: () => ({ approve: true }),
    },
    signedIn(404),
  ],
  [{ route: 'POST /api/v1/oauth/interactions/:uid/abort', target: unknownUid }, all(404)],

  // A session cookie opens a socket only from this site's own pages (no Origin here): this
  // refuses cross-site WebSocket hijacking.
  [{ route: 'GET /api/v1/ws' }, signedIn(403)],

  // Last: these change who the callers are.
  [{ route: 'POST /api/v1/auth/logout', signsOut: true }, all(200)],
  [
    {
      route: 'POST /api/v1/me/roles',
      body: (_p, _c, actor) => ({ role: actor.endsWith('equester') ? 'requester' : 'worker' }),
    },
    signedIn(200),
  ],
];

/** A caller using a personal access token of the requester's (or `owner`'s) with these scopes. */
async function tokenClient(scopes: readonly Scope[], owner: Actor = 'requester') {
  const res = await cast.clientOf(owner).post('/api/v1/me/tokens', { name: 'narrow', scopes });
  if (res.statusCode !== 201) throw new Error(`token not made: ${res.body}`);
  const client = new Client(ctx.app);
  client.bearer = res.json<{ token: string }>().token;
  return client;
}

let ctx: TestContext;
let cast: Cast;

beforeAll(async () => {
  // A single approved task's pay is enough to ask for a payout.
  // Webhooks may aim at this machine (WEBHOOK_NOWHERE), so no row reaches outside.
  ctx = await createTestApp({
    env: { PAYOUT_MINIMUM_CENTS: '1', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' },
  });
  cast = await createCast(ctx);
});

describe('authorization matrix', () => {
  it('has a row for every /api/v1 route, and no row for a route that is gone', () => {
    const routes = apiRoutes(ctx.app).map(routeKey);
    const rows = MATRIX.map(([row]) => row.route);
    expect(
      routes.filter((r) => !rows.includes(r)),
      'routes without a row',
    ).toEqual([]);
    expect(
      rows.filter((r) => !routes.includes(r)),
      'rows without a route',
    ).toEqual([]);
    expect(new Set(rows).size, 'one row per route').toBe(rows.length);
  });

  it('exposes nothing outside /api/v1 but the known public surfaces', () => {
    const outside = registered(ctx.app).filter((r) => !r.url.startsWith('/api/v1/'));
    expect(outside.filter((r) => !OUTSIDE_API.some((p) => p.test(r.url))).map(routeKey)).toEqual(
      [],
    );
  });

  it('refuses a token without the scope a route needs, on every route', async () => {
    const tokens = new Map<string, Client>();
    const refused: string[] = [];
    for (const route of apiRoutes(ctx.app)) {
      const rule = route.auth;
      if (typeof rule !== 'object') continue;
      const needed: readonly Scope[] = typeof rule.scope === 'string' ? [rule.scope] : rule.scope;
      // Only an admin's tokens may hold `admin`: the admin routes are tried without it below.
      const scopes = DEFAULT_SCOPES.filter((s) => !needed.includes(s));
      const key = scopes.join(' ');
      if (!tokens.has(key)) tokens.set(key, await tokenClient(scopes));
      const url = route.url.replace(/:\w+/g, randomUUID());
      const res = await tokens.get(key)!.request(route.method, url, {});
      if (res.statusCode !== 403 || res.json().error.code !== 'insufficient_scope')
        refused.push(`${routeKey(route)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(tokens.size, 'distinct scope sets tried').toBeGreaterThan(4);
    expect(refused).toEqual([]);
  });

  describe('an admin’s token', () => {
    const adminRoutes = () =>
      apiRoutes(ctx.app).filter(
        (r) => typeof r.auth === 'object' && r.auth.roles?.includes('admin'),
      );
    const call = (client: Client, route: { method: string; url: string }) =>
      client.request(route.method, route.url.replace(/:\w+/g, randomUUID()), {});

    it('is refused on every admin route without the admin scope, whatever else it holds', async () => {
      const everythingElse = await tokenClient(DEFAULT_SCOPES, 'admin');
      const letThrough: string[] = [];
      for (const route of adminRoutes()) {
        const res = await call(everythingElse, route);
        if (res.statusCode !== 403 || res.json().error.code !== 'insufficient_scope')
          letThrough.push(`${routeKey(route)} → ${res.statusCode}`);
      }
      expect(adminRoutes().length, 'admin routes found').toBeGreaterThanOrEqual(7);
      expect(letThrough).toEqual([]);
    });

    it('reaches every admin route with the admin scope alone', async () => {
      const adminOnlyToken = await tokenClient([ADMIN_SCOPE], 'admin');
      const refused: string[] = [];
      for (const route of adminRoutes()) {
        // Past the gate: listed (200), unknown id (404) or missing body (400), never 401/403.
        const res = await call(adminOnlyToken, route);
        if (res.statusCode === 401 || res.statusCode === 403)
          refused.push(`${routeKey(route)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
      expect(refused).toEqual([]);
      expect((await adminOnlyToken.get('/api/v1/admin/users')).statusCode).toBe(200);
    });

    it('cannot be made with the admin scope by an account that is not an admin', async () => {
      const res = await cast
        .clientOf('requester')
        .post('/api/v1/me/tokens', { name: 'sneaky', scopes: ['profile', ADMIN_SCOPE] });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        { path: 'body.scopes.1', message: expect.stringContaining('administrators') },
      ]);
    });
  });

  it.each(MATRIX.map(([row, expected]) => ({ ...row, expected })))(
    '$route',
    async ({ expected, ...row }) => {
      const params = (await row.target?.(cast)) ?? {};
      const [method, pattern] = row.route.split(' ') as [string, string];
      const url =
        pattern.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name]!)) +
        (row.query ?? '');
      const seen: Partial<Expect> = {};
      for (const actor of ORDER) {
        const body = row.body?.(params, cast, actor);
        const headers: Record<string, string> = row.contentType
          ? { 'content-type': row.contentType }
          : {};
        const res = await cast
          .clientOf(actor)
          .fork()
          .request(method, url, body as Record<string, unknown> | undefined, headers);
        seen[actor] = res.statusCode;
        if (res.statusCode >= 400) {
          expect(res.json(), `${actor}: error body`).toMatchObject({
            error: { code: expect.any(String), message: expect.any(String) },
            requestId: expect.any(String),
          });
        }
      }
      if (row.signsOut) {
        for (const member of Object.values(cast.members))
          await signInAgain(ctx.app, member.client, member.user.email);
      }
      expect(seen).toEqual(expected);
    },
  );
});
