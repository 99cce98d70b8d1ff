/**
 * A worker's money in the browser: earnings figures, the chart, per-project rows and bonuses;
 * a payout requested, marked paid by an administrator, and seen paid; the notifications bell.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './test.js';
import {
  approve,
  bonus,
  csrfHeader,
  ok,
  publishProject,
  reject,
  setPayoutMethod,
  signUpByApi,
  submitWork,
} from './earnings-fixtures.js';
import { ADMIN } from './env.js';
import { expectNoSeriousViolations, newAccount, sidebar, signIn } from './helpers.js';

/** Picks an option of a segmented control (a named radio group) by clicking its label. */
async function segment(page: Page, group: string, option: string) {
  await page.getByRole('radiogroup', { name: group }).getByText(option, { exact: true }).click();
}

function stat(page: Page, label: string) {
  return page.getByRole('group', { name: label, exact: true });
}

/**
 * A worker (signed in on `worker`, the page's own request context) with four tasks of one
 * project at $0.75: two approved (one with a $0.50 bonus), one rejected, one awaiting review.
 */
async function workerWithEarnings(requester: APIRequestContext, worker: APIRequestContext) {
  const tag = Math.random().toString(36).slice(2, 8);
  await signUpByApi(requester, newAccount('requester'), ['requester']);
  const project = await publishProject(
    requester,
    { title: `Animal or not ${tag}`, rewardCents: 75 },
    ['cat', 'chair', 'owl', 'lamp'],
  );
  const person = newAccount('worker');
  const user = await signUpByApi(worker, person, ['worker']);
  await setPayoutMethod(worker, { method: 'paypal', destination: person.email });
  const [first, second, third] = await submitWork(worker, project.id, 4);
  await approve(requester, first!);
  await approve(requester, second!);
  await reject(requester, third!, 'The answer contradicts the photo.');
  await bonus(requester, first!, 50, 'Careful, consistent answers');
  return { project, person, user };
}

test('a worker sees earnings, asks for a payout, and sees it paid after an admin marks it', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const requester = await playwright.request.newContext({ baseURL });
  const { project, person } = await workerWithEarnings(requester, page.request);

  // The figures: $1.50 approved + $0.50 bonus available, $0.75 awaiting review.
  await page.goto('/earnings');
  await expect(page.getByRole('heading', { level: 1, name: 'Earnings' })).toBeVisible();
  await expect(stat(page, 'Available')).toContainText('$2.00');
  await expect(stat(page, 'Pending')).toContainText('$0.75');
  await expect(stat(page, 'Paid out')).toContainText('$0.00');
  await expect(stat(page, 'Total earned')).toContainText('$2.00');
  await expect(stat(page, 'Total earned')).toContainText('Including $0.50 in bonuses');

  // The chart says in words what it draws; the table view lists today's figures.
  await expect(page.getByRole('img', { name: /^Earnings per day\./ })).toHaveAccessibleName(
    /\$2\.00 earned in the last 30 days \(\$0\.50 of it bonuses\), on 1 day/,
  );
  await segment(page, 'Show earnings per day as', 'Table');
  const daily = page.getByRole('table', { name: 'Earnings per day, last 30 days' });
  await expect(daily.getByRole('row')).toHaveCount(2);
  await expect(daily.getByRole('row').nth(1)).toContainText('$1.50');
  await expect(daily.getByRole('row').nth(1)).toContainText('$2.00');
  await segment(page, 'Show earnings per day as', 'Chart');

  // One row per project, with the bonus; the bonus is listed with its reason.
  const row = page.getByRole('table', { name: 'Earnings by project' }).getByRole('row', {
    name: new RegExp(project.title),
  });
  await expect(row).toContainText('$1.50');
  await expect(row).toContainText('2 tasks');
  await expect(row).toContainText('$0.75');
  await expect(row).toContainText('+$0.50');
  await expect(page.getByRole('link', { name: '“Careful, consistent answers”' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No payouts yet' })).toBeVisible();
  await expectNoSeriousViolations(page);

  // Ask for the payout: a confirmation first, then it is pending and nothing is left.
  await page.getByRole('button', { name: 'Request payout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request a payout?' });
  await expect(dialog).toContainText('All of your available earnings, $2.00,');
  await dialog.getByRole('button', { name: 'Confirm payout' }).click();
  await expect(dialog).toBeHidden();
  const history = page.getByRole('table', { name: 'Payout history' });
  await expect(history.getByRole('row').nth(1)).toContainText('$2.00');
  await expect(history.getByRole('row').nth(1)).toContainText('Pending');
  await expect(stat(page, 'Available')).toContainText('$0.00');
  await expect(stat(page, 'Paid out')).toContainText('$2.00 of it still being sent');
  await expect(page.getByRole('button', { name: 'Request payout' })).toBeDisabled();
  await expect(page.getByText(/^Nothing is available to pay out yet\./)).toBeVisible();

  // An administrator sends it and records the reference.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await sidebar(admin).getByRole('link', { name: 'Payouts' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Payouts' })).toBeVisible();
  const pending = admin.getByRole('table', { name: 'Payouts' }).getByRole('row', {
    name: new RegExp(person.displayName),
  });
  await expect(pending).toContainText('$2.00');
  await expect(pending).toContainText('Pending');
  await expectNoSeriousViolations(admin);
  await pending.getByRole('button', { name: `Mark $2.00 to ${person.displayName} paid` }).click();
  const markPaid = admin.getByRole('dialog', { name: `Mark $2.00 to ${person.displayName} paid?` });
  // The reference is required: an empty one is refused on the spot.
  await markPaid.getByRole('button', { name: 'Mark paid' }).click();
  await expect(markPaid.getByText('Payment reference is required')).toBeVisible();
  await markPaid.getByRole('textbox', { name: 'Payment reference' }).fill('BANK-2026-0042');
  await markPaid.getByRole('button', { name: 'Mark paid' }).click();
  await expect(markPaid).toBeHidden();
  await expect(pending).toHaveCount(0);
  await segment(admin, 'Show payouts', 'Paid');
  const paid = admin.getByRole('table', { name: 'Payouts' }).getByRole('row', {
    name: new RegExp(person.displayName),
  });
  await expect(paid).toContainText('Paid');
  await expect(paid).toContainText('Ref. BANK-2026-0042');
  await adminContext.close();

  // The worker sees it paid.
  await page.reload();
  await expect(history.getByRole('row').nth(1)).toContainText('Paid');
  await expect(history.getByRole('row').nth(1)).toContainText('Reference: BANK-2026-0042');
  await expect(stat(page, 'Paid out')).toContainText('Payouts you have taken');
  await requester.dispose();
});

test('a payout the server refuses says why, and the figures refresh', async ({
  page,
  playwright,
  baseURL,
}) => {
  const requester = await playwright.request.newContext({ baseURL });
  await workerWithEarnings(requester, page.request);
  await page.goto('/earnings');
  await expect(stat(page, 'Available')).toContainText('$2.00');

  // Another tab takes the money between opening the dialog and confirming.
  await page.getByRole('button', { name: 'Request payout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request a payout?' });
  const headers = await csrfHeader(page.request);
  await ok(await page.request.post('/api/v1/me/payouts', { headers, data: {} }), 201);
  await dialog.getByRole('button', { name: 'Confirm payout' }).click();
  await expect(dialog.getByRole('alert')).toContainText(
    'Payouts start at $1.00, and you have $0.00 available now.',
  );
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(stat(page, 'Available')).toContainText('$0.00');
  await expect(page.getByRole('table', { name: 'Payout history' }).getByRole('row')).toHaveCount(2);
  await requester.dispose();
});

test('the bell counts unread notifications; opening one marks it read', async ({
  page,
  playwright,
  baseURL,
}) => {
  const requester = await playwright.request.newContext({ baseURL });
  const { project } = await workerWithEarnings(requester, page.request);

  // Two approvals, a rejection and a bonus.
  await page.goto('/my-work');
  const bell = page.getByRole('button', { name: 'Notifications, 4 unread' });
  await expect(bell).toBeVisible();
  await expect(page.getByTestId('unread-badge')).toHaveText('4');
  await bell.click();
  const panel = page.getByRole('dialog', { name: 'Notifications' });
  await expect(panel.getByRole('listitem')).toHaveCount(4);
  await expect(panel).toContainText('The answer contradicts the photo.');
  await expectNoSeriousViolations(page);

  // Following the rejection opens the work, with its reason, and marks it read.
  await panel.getByRole('link', { name: `Rejected: ${project.title}` }).click();
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Reason: The answer contradicts the photo.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Notifications, 3 unread' })).toBeVisible();

  // The full page: unread only, mark one read and unread again, then all read.
  await page.getByRole('button', { name: 'Notifications, 3 unread' }).click();
  await page.getByRole('link', { name: 'See all notifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  const list = page.getByRole('list', { name: 'Notifications' });
  await expect(list.getByRole('listitem')).toHaveCount(4);
  await segment(page, 'Show notifications', 'Unread (3)');
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await segment(page, 'Show notifications', 'All');
  const bonusName = `Bonus of $0.50 for ${project.title}`;
  await list.getByRole('button', { name: `Mark “${bonusName}” as read` }).click();
  await expect(page.getByRole('button', { name: 'Notifications, 2 unread' })).toBeVisible();
  await list.getByRole('button', { name: `Mark “${bonusName}” as unread` }).click();
  await expect(page.getByRole('button', { name: 'Notifications, 3 unread' })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByRole('main').getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByRole('button', { name: 'Notifications, none unread' })).toBeVisible();
  await segment(page, 'Show notifications', 'Unread');
  await expect(page.getByRole('heading', { name: 'You are all caught up' })).toBeVisible();
  await requester.dispose();
});

test('public profiles show jobs completed, pay once the worker shows it, and projects with what each paid', async ({
  page,
  playwright,
  baseURL,
}) => {
  const requester = await playwright.request.newContext({ baseURL });
  const { project, user } = await workerWithEarnings(requester, page.request);
  const requesterUser = await ok<{ handle: string }>(await requester.get('/api/v1/me'), 200);

  await page.goto(`/u/${user.handle}`);
  await expect(page.getByRole('heading', { name: 'As a worker' })).toBeVisible();
  await expect(stat(page, 'Jobs completed')).toContainText('2');
  // What a worker earned stays private until they choose to show it.
  await expect(stat(page, 'Earned')).toHaveCount(0);
  await page.goto('/settings');
  await page
    .getByRole('checkbox', { name: 'Show what I have earned on my public profile' })
    .check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved')).toBeVisible();
  await page.goto(`/u/${user.handle}`);
  await expect(stat(page, 'Earned')).toContainText('$2.00');
  await expect(page.getByRole('heading', { name: 'As a requester' })).toHaveCount(0);

  await page.goto(`/u/${requesterUser.handle}`);
  await expect(stat(page, 'Paid to workers')).toContainText('$2.00');
  const row = page.getByRole('table', { name: 'Published projects' }).getByRole('row', {
    name: new RegExp(project.title),
  });
  await expect(row).toContainText('$2.00');
  await expect(row).toContainText('Published');
  await expectNoSeriousViolations(page);
  await requester.dispose();
});
