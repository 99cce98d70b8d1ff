#!/usr/bin/env node
// A requester's script, using only openid-client and fetch: gets a client-credentials token for
// a confidential OAuth client and runs the requester loop: create a project, upload a batch,
// fund and publish it, then read the results.
//
//   TESSERA_URL=http://localhost:3000 \
//   TESSERA_CLIENT_ID=tsr_app_… TESSERA_CLIENT_SECRET=tsr_secret_… node scripts/oauth-demo.mjs
//
// Without a client yet, give a requester's sign-in instead and the script registers one (and
// prints its credentials, shown only once):
//
//   TESSERA_URL=… TESSERA_EMAIL=you@example.com TESSERA_PASSWORD=… node scripts/oauth-demo.mjs
import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';

const base = new URL(process.env.TESSERA_URL ?? 'http://localhost:3000');
const SCOPE = 'profile projects:read projects:write money:read money:write';

function fail(message) {
  console.error(`oauth-demo: ${message}`);
  process.exit(1);
}

async function json(response, what) {
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    fail(`${what} failed with ${response.status}: ${body?.error?.message ?? text}`);
  }
  return body;
}

/** Signs in with the session cookie and registers a confidential client for this script. */
async function registerClient(email, password) {
  const login = await fetch(new URL('/api/v1/auth/login', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  await json(login, 'Signing in');
  const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = cookies.find((c) => c.startsWith('csrf_token='))?.split('=')[1];
  const created = await fetch(new URL('/api/v1/oauth-clients', base), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie: cookies.join('; '),
      'x-csrf-token': csrf ?? '',
    },
    body: JSON.stringify({
      name: 'oauth-demo script',
      type: 'confidential',
      scopes: SCOPE.split(' '),
    }),
  });
  const client = await json(created, 'Registering the OAuth client');
  console.log(`Registered client ${client.clientId}`);
  console.log(`  its secret (shown once): ${client.clientSecret}`);
  return { clientId: client.clientId, clientSecret: client.clientSecret };
}

async function credentials() {
  const { TESSERA_CLIENT_ID: id, TESSERA_CLIENT_SECRET: secret } = process.env;
  if (id && secret) return { clientId: id, clientSecret: secret };
  const { TESSERA_EMAIL: email, TESSERA_PASSWORD: password } = process.env;
  if (email && password) return registerClient(email, password);
  return fail(
    'set TESSERA_CLIENT_ID and TESSERA_CLIENT_SECRET (or TESSERA_EMAIL and TESSERA_PASSWORD)',
  );
}

const { clientId, clientSecret } = await credentials();
const config = await oidc.discovery(
  base,
  clientId,
  undefined,
  oidc.ClientSecretBasic(clientSecret),
  // Plain http is for a server on this machine only.
  base.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined,
);
const tokens = await oidc.clientCredentialsGrant(config, { scope: SCOPE });
console.log(`Got an access token for ${tokens.scope} (expires in ${tokens.expires_in}s)`);

/** One API call with the token: JSON in and out unless told otherwise. */
async function request(method, path, { body, type = 'application/json', headers = {} } = {}) {
  return fetch(new URL(`/api/v1${path}`, base), {
    method,
    headers: {
      authorization: `Bearer ${tokens.access_token}`,
      ...(body !== undefined && { 'content-type': type }),
      ...headers,
    },
    body: body === undefined || type !== 'application/json' ? body : JSON.stringify(body),
  });
}

const api = async (method, path, options) =>
  json(await request(method, path, options), `${method} ${path}`);

const me = await api('GET', '/me');
console.log(`Acting as ${me.displayName} <${me.email}> (${me.roles.join(', ')})`);

const project = await api('POST', '/projects', {
  body: {
    title: `Reverse a word (${new Date().toISOString().slice(0, 16)})`,
    description: 'Type the word backwards.',
    instructions: 'Read the word and type it **backwards**, letter by letter.',
    rewardCents: 5,
    assignmentsPerTask: 1,
    template: {
      kind: 'form',
      items: [
        {
          type: 'text',
          name: 'reversed',
          label: 'What is “{{word}}” spelled backwards?',
          required: true,
        },
      ],
    },
  },
});
console.log(`Created project ${project.id}: ${project.title}`);

const batch = await api('POST', `/projects/${project.id}/batches?filename=words.csv`, {
  body: 'word\nmosaic\ntessera\nlantern\n',
  type: 'text/csv',
  headers: { 'idempotency-key': randomUUID() },
});
console.log(`Uploaded batch ${batch.id}: ${JSON.stringify(batch)}`);

// Publishing escrows reward × slots (plus the platform fee): top up from the sandbox if short.
let publishing = await request('POST', `/projects/${project.id}/publish`);
if (publishing.status === 409) {
  const refusal = await publishing.json();
  if (refusal.error.code !== 'insufficient_funds') fail(refusal.error.message);
  const { neededCents, availableCents } = refusal.error.details;
  await api('POST', '/me/deposits', {
    body: { amountCents: neededCents - availableCents },
    headers: { 'idempotency-key': randomUUID() },
  });
  console.log(`Deposited ${neededCents - availableCents} cents of sandbox credit`);
  publishing = await request('POST', `/projects/${project.id}/publish`);
}
const published = await json(publishing, 'Publishing');
console.log(`Published: status ${published.status}`);

const results = await request('GET', `/projects/${project.id}/results.json`);
if (!results.ok) await json(results, 'Fetching results');
const lines = (await results.text()).split('\n').filter(Boolean);
console.log(`Results so far: ${lines.length} submitted assignment(s)`);
console.log(
  `Workers can now find it in their feed. Fetch results again with GET /api/v1/projects/${project.id}/results.csv and approve with POST /api/v1/projects/${project.id}/review.`,
);
