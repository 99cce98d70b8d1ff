/**
 * Two-way reputation (DESIGN §10): a worker sees a requester's reputation before accepting, rates
 * them after a decision, and the next project of a requester they rated down comes last.
 */
import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './test.js';
import { callerOf, deposit, doTask, publishedProject, type Caller } from './api.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, photograph, signUp } from './helpers.js';

const TEMPLATE = {
  kind: 'form',
  items: [{ type: 'text', name: 'answer', label: 'Your answer', maxLength: 40 }],
};

/** Signs a requester up in its own request context, with money for a few projects. */
async function requesterContext(request: APIRequestContext) {
  await ok(
    await request.post('/api/v1/auth/signup', {
      data: { ...newAccount('requester'), roles: ['requester'] },
    }),
    201,
  );
  const caller = { request, headers: await csrfHeader(request) };
  await deposit(caller, 500);
  const me = await ok<{ id: string; handle: string }>(await request.get('/api/v1/me'), 200);
  return { ...caller, me };
}

function publish(caller: Caller, title: string) {
  const project = { title, rewardCents: 10, estimatedSeconds: 30, template: TEMPLATE };
  return publishedProject(caller, project, 'word\none\ntwo\n');
}

test('a worker sees reputation, rates after a decision, and a rated-down requester comes last', async ({
  page,
  playwright,
}) => {
  const marker = `Rep ${randomUUID().slice(0, 6)}`;
  const disliked = await playwright.request.newContext({ baseURL: BASE_URL });
  const other = await playwright.request.newContext({ baseURL: BASE_URL });
  const a = await requesterContext(disliked);
  const b = await requesterContext(other);
  const firstId = await publish(a, `${marker} first`);

  await signUp(page, newAccount('worker'), ['worker']);
  await page.goto(`/work?q=${encodeURIComponent(marker)}`);
  const entry = page.getByRole('article', { name: `${marker} first` });
  // Before accepting: what it pays an hour (10 cents for an estimated 30 s, marked as an
  // estimate) and the requester's record, even when it is still empty.
  await expect(entry).toContainText('$12.00 an hour');
  await expect(entry.getByLabel(/The requester's estimate/)).toHaveText('estimate');
  await expect(entry.getByRole('region', { name: /reputation/ })).toContainText('Approves');
  await expect(entry.getByRole('region', { name: /reputation/ })).toContainText('no decisions yet');

  // The worker does a task; the requester approves it.
  const assignmentId = await doTask(await callerOf(page), firstId, { answer: 'done' });
  await ok(
    await disliked.post(`/api/v1/assignments/${assignmentId}/approve`, {
      headers: a.headers,
      data: {},
    }),
    200,
  );

  // After the decision, the worker rates the requester down on the assignment's page.
  await page.goto(`/work/${assignmentId}`);
  await page.getByRole('button', { name: 'Thumbs down for this requester' }).click();
  await expect(page.getByText('Saved (only you see it)')).toBeVisible();

  // The requester rated down publishes again, after another requester: theirs comes last.
  await publish(b, `${marker} other`);
  await publish(a, `${marker} second`);
  await page.goto(`/work?q=${encodeURIComponent(marker)}`);
  const titles = page.getByRole('article').getByRole('heading', { level: 2 });
  // Newest first, except that the rated-down requester's projects (newest first) come last.
  await expect(titles).toHaveText([`${marker} other`, `${marker} second`, `${marker} first`]);
  const entryAfter = page.getByRole('article', { name: `${marker} second` });
  await expect(entryAfter.getByRole('region', { name: /reputation/ })).toContainText(
    '100% of work',
  );
  if (process.env.SCREENSHOTS) await photograph(page, 'reputation-feed-entry');

  await page.goto(`/u/${a.me.handle}`);
  await expect(page.getByRole('region', { name: 'Reputation as a requester' })).toContainText(
    '100% of work',
  );
  if (process.env.SCREENSHOTS) await photograph(page, 'reputation-profile');
});
