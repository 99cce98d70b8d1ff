/**
 * The whole loop of issue #5 in two browsers: a requester publishes, a worker submits, the
 * requester rejects one (the worker reads the reason), approves the rest (some picked, the others
 * as "all waiting", which leaves later work alone), pays a bonus, downloads the CSV; the worker
 * sees the earnings and asks for a payout; the requester sees what the project cost.
 */
import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, test } from './test.js';
import { parse } from 'csv-parse/sync';
import { setPayoutMethod } from './earnings-fixtures.js';
import { expectNoSeriousViolations, newAccount, sidebar, signUp } from './helpers.js';

const TEMPLATE = {
  kind: 'form',
  items: [
    {
      type: 'single_choice',
      name: 'fruit',
      label: 'Is “{{word}}” a fruit?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
    { type: 'text', name: 'note', label: 'Anything to add?' },
  ],
};
// Row 3 would run as a formula in a spreadsheet; the export must neutralise it.
const ROWS = ['apple', 'brick', '=2+3', 'pear', 'plum'];
const REASON = 'A brick is not a fruit.';

async function csrf(request: APIRequestContext) {
  const { cookies } = await request.storageState();
  return { 'x-csrf-token': cookies.find((c) => c.name === 'csrf_token')?.value ?? '' };
}

async function call<T>(request: APIRequestContext, path: string, data?: unknown): Promise<T> {
  const response = await request.post(`/api/v1/${path}`, {
    headers: await csrf(request),
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `POST ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The submission row showing a task's word (the "Task data" column). */
function rowOf(page: Page, word: string): Locator {
  return page
    .getByRole('table', { name: 'Submissions' })
    .getByRole('row')
    .filter({ has: page.getByRole('definition').getByText(word, { exact: true }) });
}

/** Picks a status in the review filter (a segmented control: its radios are drawn as labels). */
async function showStatus(page: Page, status: string) {
  await page
    .locator('label')
    .filter({ hasText: new RegExp(`^${status} · `) })
    .click();
  await expect(page.getByRole('radio', { name: new RegExp(`^${status}`) })).toBeChecked();
}

/** The worker does the next task of the project in the browser. */
async function doTask(worker: Page, note: string) {
  await expect(worker.getByRole('button', { name: 'Submit' })).toBeVisible();
  await worker.getByRole('radio', { name: 'Yes' }).check();
  await worker.getByRole('textbox', { name: 'Anything to add?' }).fill(note);
  await worker.getByRole('button', { name: 'Submit' }).click();
  await expect(worker.getByRole('heading', { name: 'Task submitted' })).toBeVisible();
}

test('review, bonus, export, earnings and spending: the whole loop', async ({ page, browser }) => {
  test.setTimeout(240_000);

  // The requester drafts a project through the API and publishes it in the browser.
  await signUp(page, newAccount('requester'), ['requester']);
  await call(page.request, 'me/deposits', { amountCents: 2_000 });
  const project = await call<{ id: string }>(page.request, 'projects', {
    title: 'Fruit or not',
    instructions: 'Answer **Yes** when the word names a fruit.',
    rewardCents: 25,
    assignmentsPerTask: 1,
    template: TEMPLATE,
  });
  await call(page.request, `projects/${project.id}/batches`, {
    rows: ROWS.map((word) => ({ word })),
    filename: 'words.csv',
  });
  await page.goto(`/projects/${project.id}`);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Publish and escrow $1.25' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();

  // The worker, in a browser of their own, does the first four tasks.
  const workerContext = await browser.newContext();
  const worker = await workerContext.newPage();
  await signUp(worker, newAccount('worker'), ['worker']);
  await worker.goto(`/work/projects/${project.id}`);
  await worker.getByRole('button', { name: 'Accept and start' }).click();
  // On the work page before its form is used (the preview before it shows the same fields).
  await expect(worker).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  for (const note of ['=1+1', 'plain', 'fine', 'ripe']) {
    if (note !== '=1+1')
      await worker.getByRole('button', { name: 'Next task in this project' }).click();
    await doTask(worker, note);
  }

  // The requester opens Review from the project list's "to review" link.
  await sidebar(page).getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('link', { name: '4 to review' }).click();
  await expect(page.getByRole('tab', { name: /^Review/ })).toHaveAttribute('aria-selected', 'true');
  const submissions = page.getByRole('table', { name: 'Submissions' });
  await expect(submissions.getByRole('row')).toHaveCount(5);
  await expect(rowOf(page, 'apple')).toContainText('Is “apple” a fruit?');
  await expect(rowOf(page, 'apple')).toContainText('Yes');
  await expectNoSeriousViolations(page);

  // The fifth task arrives after the page was loaded.
  await worker.getByRole('button', { name: 'Next task in this project' }).click();
  await doTask(worker, 'late');

  // Reject one: a reason is required, and the worker will read it.
  await rowOf(page, 'brick')
    .getByRole('button', { name: /^Reject / })
    .click();
  const reject = page.getByRole('dialog', { name: /^Reject / });
  await reject.getByRole('button', { name: 'Reject' }).click();
  await expect(reject.getByText('Give the worker a reason: they read it.')).toBeVisible();
  await expectNoSeriousViolations(page);
  await reject.getByRole('textbox', { name: 'Reason' }).fill(REASON);
  await reject.getByRole('button', { name: 'Reject' }).click();
  await expect(reject).toBeHidden();
  await expect(rowOf(page, 'brick')).toHaveCount(0);

  // Pick two with the keyboard and approve them together.
  await rowOf(page, 'apple').getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await rowOf(page, '=2+3').getByRole('checkbox').focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Approve selected' }).click();
  const confirmTwo = page.getByRole('dialog', { name: 'Approve 2 submissions?' });
  await confirmTwo.getByRole('button', { name: 'Approve' }).click();
  await expect(confirmTwo).toBeHidden();
  await expect(page.getByText('Approved 2 submissions.')).toBeVisible();

  // "All waiting" approves what was there at page load; the late one stays for review.
  await page.getByRole('button', { name: 'Approve all waiting' }).click();
  const confirmAll = page.getByRole('dialog', { name: 'Approve all waiting work?' });
  await confirmAll.getByRole('button', { name: 'Approve' }).click();
  await expect(confirmAll).toBeHidden();
  await expect(page.getByText('Approved 1 submission.')).toBeVisible();
  await expect(submissions.getByRole('row')).toHaveCount(2);
  await expect(rowOf(page, 'plum')).toBeVisible();
  await rowOf(page, 'plum')
    .getByRole('button', { name: /^Approve / })
    .click();
  await expect(page.getByRole('heading', { name: 'All caught up' })).toBeVisible();

  // The rejection can still be reversed; the approved work can get a bonus.
  await showStatus(page, 'Rejected');
  await expect(rowOf(page, 'brick')).toContainText(`Reason: ${REASON}`);
  await expect(
    rowOf(page, 'brick').getByRole('button', { name: /^Approve after all/ }),
  ).toBeEnabled();
  await showStatus(page, 'Approved');
  await expect(submissions.getByRole('row')).toHaveCount(5);
  await rowOf(page, 'apple')
    .getByRole('button', { name: /^More actions/ })
    .click();
  await page.getByRole('menuitem', { name: 'Pay a bonus…' }).click();
  const bonus = page.getByRole('dialog', { name: /^Pay .* a bonus$/ });
  // More than the available funds: refused, clearly.
  await bonus.getByRole('textbox', { name: 'Amount' }).fill('999');
  await bonus.getByRole('textbox', { name: 'Reason' }).fill('Sharp eyes, thank you!');
  await bonus.getByRole('button', { name: 'Pay $999.00' }).click();
  await expect(bonus.getByRole('alert')).toContainText('Not enough funds for this bonus');
  await expectNoSeriousViolations(page);
  await bonus.getByRole('textbox', { name: 'Amount' }).fill('0.50');
  await bonus.getByRole('button', { name: 'Pay $0.50' }).click();
  await expect(bonus).toBeHidden();
  await expect(rowOf(page, 'apple')).toContainText('Bonus $0.50: Sharp eyes, thank you!');

  // Block the worker, then lift the block.
  await rowOf(page, 'pear')
    .getByRole('button', { name: /^More actions/ })
    .click();
  await page.getByRole('menuitem', { name: 'Block worker…' }).click();
  const block = page.getByRole('dialog', { name: /^Block / });
  await block.getByRole('textbox', { name: 'Reason' }).fill('Testing blocks');
  await block.getByRole('button', { name: 'Block worker' }).click();
  await expect(block).toBeHidden();
  await expect(rowOf(page, 'pear').getByText('Blocked', { exact: true })).toBeVisible();
  await rowOf(page, 'pear')
    .getByRole('button', { name: /^More actions/ })
    .click();
  await page.getByRole('menuitem', { name: 'Unblock worker…' }).click();
  await page
    .getByRole('dialog', { name: /^Unblock / })
    .getByRole('button', { name: 'Unblock' })
    .click();
  await expect(rowOf(page, 'pear').getByText('Blocked', { exact: true })).toHaveCount(0);

  // Results: the CSV, parsed, with MTurk's columns and formulas neutralised.
  await page.getByRole('tab', { name: 'Results' }).click();
  await expectNoSeriousViolations(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const records = parse<Record<string, string>>(csv, { columns: true });
  expect(records).toHaveLength(5);
  expect(Object.keys(records[0]!)).toEqual(
    expect.arrayContaining([
      'HITId',
      'AssignmentId',
      'WorkerId',
      'AssignmentStatus',
      'WorkTimeInSeconds',
      'RequesterFeedback',
      'Input.word',
      'Answer.fruit',
      'Answer.note',
    ]),
  );
  const byWord = new Map(records.map((r) => [r['Input.word'], r]));
  expect(byWord.get('brick')).toMatchObject({
    AssignmentStatus: 'rejected',
    RequesterFeedback: REASON,
  });
  expect(records.filter((r) => r.AssignmentStatus === 'approved')).toHaveLength(4);
  expect(byWord.get("'=2+3")).toMatchObject({ 'Answer.fruit': 'yes' });
  expect(byWord.get('apple')).toMatchObject({ 'Answer.note': "'=1+1" });
  const jsonDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download JSON lines' }).click();
  const lines = (await readFile(await (await jsonDownload).path(), 'utf8')).trim().split('\n');
  const raw = lines.map((line) => JSON.parse(line) as { input: { word: string } });
  expect(raw.map((line) => line.input.word).sort()).toEqual([...ROWS].sort());

  // The worker reads the reason in My work.
  await sidebar(worker).getByRole('link', { name: 'My work' }).click();
  await worker.getByRole('tab', { name: 'Rejected (1)' }).click();
  await expect(worker.getByRole('table', { name: 'Rejected work' })).toContainText(REASON);

  // Earnings: four rewards and the bonus, then a payout of all of it (to where the worker said).
  await setPayoutMethod(worker.request, {
    method: 'paypal',
    destination: 'loop-worker@example.org',
  });
  await sidebar(worker).getByRole('link', { name: 'Earnings' }).click();
  await expect(worker.getByRole('group', { name: 'Available' })).toContainText('$1.50');
  await expect(worker.getByRole('group', { name: 'Total earned' })).toContainText(
    'Including $0.50 in bonuses',
  );
  await worker.getByRole('button', { name: 'Request payout' }).click();
  await worker
    .getByRole('dialog', { name: /^Request a payout/ })
    .getByRole('button', { name: 'Confirm payout' })
    .click();
  await expect(worker.getByRole('group', { name: 'Paid out' })).toContainText('$1.50');
  await expect(worker.getByRole('group', { name: 'Available' })).toContainText('$0.00');
  await workerContext.close();

  // Spending: what the project cost, and the money history of the account.
  await sidebar(page).getByRole('link', { name: 'Spending' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Spending');
  const spent = page
    .getByRole('table', { name: 'Spending by project' })
    .getByRole('row', { name: /Fruit or not/ });
  // In escrow (the rejected task's slot is open again), rewards, bonuses, fees, returned, spent.
  await expect(spent.getByRole('cell')).toHaveText([
    /Fruit or not/,
    'Published',
    '$0.25',
    '$1.00',
    '$0.50',
    '$0.00',
    '$0.00',
    '$1.50',
  ]);
  await expect(
    page.getByRole('table', { name: 'Account history' }).getByText('Bonus', { exact: true }),
  ).toBeVisible();
  await expectNoSeriousViolations(page);

  // The project list shows the real figure too.
  await sidebar(page).getByRole('link', { name: 'Projects' }).click();
  // Within the projects table: until the page has changed, the spending page's rows match too.
  await expect(
    page.getByRole('table', { name: 'Projects' }).getByRole('row', { name: /Fruit or not/ }),
  ).toContainText('$1.50');
});
