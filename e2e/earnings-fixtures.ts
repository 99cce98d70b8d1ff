/**
 * Money made through the API, as scripts would make it: a requester's published project, a
 * worker's submitted work, and the requester's reviews and bonuses. Each helper works in the
 * request context it is given (whose cookies are that user's).
 */
import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';

import { csrfHeader, ok } from './helpers.js';

export { csrfHeader, ok };

export type Person = { email: string; password: string; displayName: string };

export async function signUpByApi(
  request: APIRequestContext,
  person: Person,
  roles: ('worker' | 'requester')[],
): Promise<{ id: string; handle: string }> {
  const body = await ok<{ user: { id: string; handle: string } }>(
    await request.post('/api/v1/auth/signup', { data: { ...person, roles } }),
    201,
  );
  return body.user;
}

export const YES_NO_TEMPLATE = {
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Does **{{word}}** name an animal?' },
    {
      type: 'single_choice',
      name: 'animal',
      label: 'An animal?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
  ],
};

/** A funded, published project of one task per word, one worker per task. */
export async function publishProject(
  requester: APIRequestContext,
  project: { title: string; rewardCents: number; description?: string },
  words: string[],
): Promise<{ id: string; title: string }> {
  const headers = await csrfHeader(requester);
  const funds = project.rewardCents * words.length * 2 + 1_000;
  await ok(
    await requester.post('/api/v1/me/deposits', { headers, data: { amountCents: funds } }),
    201,
  );
  const { id } = await ok<{ id: string }>(
    await requester.post('/api/v1/projects', {
      headers,
      data: {
        description: 'Tell whether a word names an animal.',
        instructions: 'Answer **yes** for animals, otherwise **no**.',
        assignmentsPerTask: 1,
        timeAllottedSeconds: 600,
        template: YES_NO_TEMPLATE,
        ...project,
      },
    }),
    201,
  );
  await ok(
    await requester.post(`/api/v1/projects/${id}/batches`, {
      headers,
      data: { rows: words.map((word) => ({ word })) },
    }),
    201,
  );
  await ok(await requester.post(`/api/v1/projects/${id}/publish`, { headers }), 200);
  return { id, title: project.title };
}

/** The worker accepts and submits `count` tasks of the project; returns the assignment ids. */
export async function submitWork(
  worker: APIRequestContext,
  projectId: string,
  count: number,
): Promise<string[]> {
  const headers = await csrfHeader(worker);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { id } = await ok<{ id: string }>(
      await worker.post(`/api/v1/projects/${projectId}/assignments`, { headers }),
      201,
    );
    await ok(
      await worker.post(`/api/v1/assignments/${id}/submit`, {
        headers,
        data: { answers: { animal: i % 2 === 0 ? 'yes' : 'no' } },
      }),
      200,
    );
    ids.push(id);
  }
  return ids;
}

export async function approve(requester: APIRequestContext, assignmentId: string) {
  const headers = await csrfHeader(requester);
  await ok(
    await requester.post(`/api/v1/assignments/${assignmentId}/approve`, { headers, data: {} }),
    200,
  );
}

export async function reject(requester: APIRequestContext, assignmentId: string, reason: string) {
  const headers = await csrfHeader(requester);
  await ok(
    await requester.post(`/api/v1/assignments/${assignmentId}/reject`, {
      headers,
      data: { reason },
    }),
    200,
  );
}

export async function bonus(
  requester: APIRequestContext,
  assignmentId: string,
  amountCents: number,
  reason: string,
) {
  const headers = { ...(await csrfHeader(requester)), 'idempotency-key': randomUUID() };
  await ok(
    await requester.post(`/api/v1/assignments/${assignmentId}/bonus`, {
      headers,
      data: { amountCents, reason },
    }),
    201,
  );
}

/** Where a worker's payouts go; a payout cannot be asked for without one. */
export async function setPayoutMethod(
  worker: APIRequestContext,
  method:
    | { method: 'bank_transfer'; destination: string; accountHolder: string }
    | { method: 'paypal' | 'other'; destination: string },
) {
  const headers = await csrfHeader(worker);
  await ok(await worker.put('/api/v1/me/payout-method', { headers, data: method }), 200);
}
