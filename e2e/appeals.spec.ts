/**
 * Appeals (DESIGN §11): a rejected worker appeals from My work, the requester overturns in the
 * review tab, the worker is paid, and the administrator's audit log shows the overturn.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from './test.js';
import { callerOf, deposit, doTask, publishedProject } from './api.js';
import { ADMIN } from './env.js';
import { newAccount, ok, photograph, signIn, signUp } from './helpers.js';

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
  const owner = await callerOf(requester);
  const { headers } = owner;
  await deposit(owner, 500);
  const projectId = await publishedProject(
    owner,
    { title, rewardCents: 10, template: TEMPLATE },
    'word\none\n',
  );

  // The worker does the task; the requester rejects it.
  await signUp(page, newAccount('worker'), ['worker']);
  const assignmentId = await doTask(await callerOf(page), projectId, { answer: 'done' });
  await ok(
    await requester.request.post(`/api/v1/assignments/${assignmentId}/reject`, {
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
  await requester.goto(`/projects/${projectId}/review`);
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
