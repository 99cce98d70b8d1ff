/**
 * Appeals (DESIGN §11): a rejected worker appeals from My work, the requester overturns in the
 * review tab, the worker is paid, and the administrator's audit log shows the overturn.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ADMIN } from './env.js';
import { csrfHeader, newAccount, ok, photograph, signIn, signUp } from './helpers.js';

const TEMPLATE = {
  kind: 'form',
  items: [{ type: 'text', name: 'answer', label: 'Your answer', maxLength: 40 }],
};

test('a rejected worker appeals, the requester overturns, the worker is paid, on the record', async ({
  browser,
  page,
}) => {
  const title = `Appeal ${randomUUID().slice(0, 6)}`;
  const requesterContext = await browser.newContext();
  const requester = await requesterContext.newPage();
  await signUp(requester, newAccount('requester'), ['requester']);
  const headers = await csrfHeader(requester.request);
  await ok(
    await requester.request.post('/api/v1/me/deposits', { headers, data: { amountCents: 500 } }),
    201,
  );
  const project = await ok<{ id: string }>(
    await requester.request.post('/api/v1/projects', {
      headers,
      data: { title, rewardCents: 10, template: TEMPLATE },
    }),
    201,
  );
  await ok(
    await requester.request.post(`/api/v1/projects/${project.id}/batches`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: 'word\none\n',
    }),
    201,
  );
  await ok(
    await requester.request.post(`/api/v1/projects/${project.id}/publish`, { headers }),
    200,
  );

  // The worker does the task; the requester rejects it.
  await signUp(page, newAccount('worker'), ['worker']);
  const workerHeaders = await csrfHeader(page.request);
  const assignment = await ok<{ id: string }>(
    await page.request.post(`/api/v1/projects/${project.id}/assignments`, {
      headers: workerHeaders,
    }),
    201,
  );
  await ok(
    await page.request.post(`/api/v1/assignments/${assignment.id}/submit`, {
      headers: workerHeaders,
      data: { answers: { answer: 'done' } },
    }),
    200,
  );
  await ok(
    await requester.request.post(`/api/v1/assignments/${assignment.id}/reject`, {
      headers,
      data: { reason: 'Looks blank' },
    }),
    200,
  );
  const earningsBefore = await ok<{ approvedCents: number }>(
    await page.request.get('/api/v1/me/earnings'),
    200,
  );

  // The worker appeals from My work, before the deadline shown.
  await page.goto('/my-work');
  await page.getByRole('tab', { name: /Rejected/ }).click();
  await expect(page.getByText(/^until /)).toBeVisible();
  await page.getByRole('button', { name: `Appeal the rejection of ${title}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Appeal this rejection' });
  await dialog.getByLabel('Your message').fill('<b>I answered</b> every field.');
  await dialog.getByRole('button', { name: 'Send appeal' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Appeal open')).toBeVisible();

  // The requester answers in the review tab: the conversation, then Overturn.
  await requester.goto(`/projects/${project.id}/review`);
  // The tab says an appeal is waiting, wherever in the project the requester is.
  const reviewTab = requester.getByRole('tab', { name: /Review/ });
  await expect(reviewTab).toContainText('1 appeal');
  const appeals = requester.getByRole('region', { name: 'Appeals' });
  await expect(appeals.getByLabel('1 open')).toBeVisible();
  // The worker's message is shown as text, markup and all.
  await expect(appeals.getByText('<b>I answered</b> every field.')).toBeVisible();
  if (process.env.SCREENSHOTS) await photograph(requester, 'appeal');
  await appeals.getByRole('button', { name: 'Overturn and pay' }).click();
  const decide = requester.getByRole('dialog', { name: 'Overturn the rejection' });
  await decide.getByLabel('Message to the worker').fill('You are right, sorry.');
  await decide.getByRole('button', { name: 'Overturn and pay' }).click();
  await expect(decide).toHaveCount(0);
  await expect(appeals.getByText('Overturned', { exact: true })).toBeVisible();
  await expect(reviewTab).not.toContainText('appeal');

  // The worker is paid.
  const earningsAfter = await ok<{ approvedCents: number }>(
    await page.request.get('/api/v1/me/earnings'),
    200,
  );
  expect(earningsAfter.approvedCents - earningsBefore.approvedCents).toBe(10);
  await page.goto('/my-work');
  await page.getByRole('tab', { name: /Approved/ }).click();
  await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible();

  // The administrator's audit log shows the overturn that moved the money.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.goto('/admin/audit');
  await expect(
    admin
      .getByRole('table', { name: 'Audit log' })
      .getByText('Rejection overturned on appeal (paid)')
      .first(),
  ).toBeVisible();
  await adminContext.close();
  await requesterContext.close();
});
