import { randomUUID } from 'node:crypto';
import type { APIRequestContext, BrowserContext } from '@playwright/test';
import { csrfHeader, newAccount, ok } from './helpers.js';

/** Every request any page of `context` makes to a host other than this machine, refused. */
export async function refuseOutsideRequests(context: BrowserContext): Promise<string[]> {
  const outside: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol.startsWith('http') && url.hostname !== '127.0.0.1') {
      outside.push(url.href);
      return route.abort();
    }
    return route.continue();
  });
  return outside;
}

/**
 * A new requester (signed in on `request`) with $5 deposited and an empty draft project, whose
 * design is then chosen in the designer (the gallery or the MTurk import).
 */
export async function requesterWithDraft(request: APIRequestContext, label: string) {
  const requester = newAccount('requester');
  await ok(
    await request.post('/api/v1/auth/signup', { data: { ...requester, roles: ['requester'] } }),
    201,
  );
  const headers = await csrfHeader(request);
  await ok(await request.post('/api/v1/me/deposits', { data: { amountCents: 500 }, headers }), 201);
  const title = `${label} ${randomUUID().slice(0, 6)}`;
  const { id } = await ok<{ id: string }>(
    await request.post('/api/v1/projects', {
      headers,
      data: {
        title,
        description: 'A task designed in the designer.',
        instructions: 'Do the task as the page says.',
        rewardCents: 10,
        assignmentsPerTask: 1,
        timeAllottedSeconds: 600,
        template: { kind: 'form', items: [] },
      },
    }),
    201,
  );
  return { requester, headers, id, title };
}
