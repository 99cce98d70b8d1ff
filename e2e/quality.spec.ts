/**
 * Quality control in the browser (issue #17): a requester uploads a batch with gold answers
 * (`Gold.animal` CSV column) to a project that stops workers below 60% on gold; two careful
 * workers and one careless one work; the careless one is stopped (403 quality_too_low); the
 * server's background sweep aggregates the answers (it runs every few seconds once work has been
 * quiet a moment: nothing is triggered by hand); the requester sees the aggregates with their
 * confidence in the Results tab and the stopped worker in the Workers tab.
 * With SCREENSHOTS=1 it photographs both for the docs.
 */
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './test.js';
import { callerOf, deposit, publishedProject } from './api.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, photograph, signUp } from './helpers.js';

test.describe.configure({ mode: 'serial' });
// Four accounts, three of them working through the API, and a wait for the sweep.
test.slow();

const TEMPLATE = {
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Is **{{word}}** an animal?' },
    {
      type: 'single_choice',
      name: 'animal',
      label: 'Animal?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
  ],
};

/** Three gold rows (known answer yes) and three open ones; the word tells the worker which. */
const CSV = 'word,Gold.animal\ncat,yes\nowl,yes\nfox,yes\nrock,\ntree,\nlamp,\n';
const ANIMALS = new Set(['cat', 'owl', 'fox']);

async function worker(browser: Browser, label: string) {
  const context = await browser.newContext({ baseURL: BASE_URL });
  const page = await context.newPage();
  const account = newAccount(label);
  await signUp(page, account, ['worker']);
  return { page, account, headers: await csrfHeader(page.request) };
}

type Worker = Awaited<ReturnType<typeof worker>>;

/**
 * Accepts the project's next task and answers it: truly (`careful`) or always "no". Returns the
 * status of the accept (403 once the worker has been stopped, 409/404 when no task is left).
 */
async function workOne(w: Worker, projectId: string, careful: boolean): Promise<number> {
  const accepted = await w.page.request.post(`/api/v1/projects/${projectId}/assignments`, {
    headers: w.headers,
  });
  if (accepted.status() !== 201) return accepted.status();
  const assignment = (await accepted.json()) as { id: string };
  const text = JSON.stringify(assignment);
  const word = [...ANIMALS, 'rock', 'tree', 'lamp'].find((w) => text.includes(`**${w}**`));
  expect(word, text).toBeDefined();
  const answer = careful && ANIMALS.has(word!) ? 'yes' : 'no';
  await ok(
    await w.page.request.post(`/api/v1/assignments/${assignment.id}/submit`, {
      headers: w.headers,
      data: { answers: { animal: answer } },
    }),
    200,
  );
  return 201;
}

let requester: Page;
let projectId: string;
let careless: Worker;

test('a requester uploads gold, workers work, and a careless one is stopped', async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: BASE_URL });
  requester = await context.newPage();
  await signUp(requester, newAccount('requester'), ['requester']);
  const owner = await callerOf(requester);
  await deposit(owner, 500);
  projectId = await publishedProject(
    owner,
    {
      title: 'Animals, checked',
      rewardCents: 5,
      assignmentsPerTask: 3,
      template: TEMPLATE,
      quality: {
        goldPercent: 100,
        minGoldAccuracyPercent: 60,
        minGoldAnswered: 2,
        goldFeedback: false,
      },
    },
    CSV,
  );

  careless = await worker(browser, 'careless');
  const careful = [await worker(browser, 'careful'), await worker(browser, 'steady')];
  // Gold comes first (goldPercent 100): two wrong gold answers and the careless worker is out.
  expect(await workOne(careless, projectId, false)).toBe(201);
  expect(await workOne(careless, projectId, false)).toBe(201);
  const stopped = await careless.page.request.post(`/api/v1/projects/${projectId}/assignments`, {
    headers: careless.headers,
  });
  expect(stopped.status()).toBe(403);
  expect(((await stopped.json()) as { error: { code: string } }).error.code).toBe(
    'quality_too_low',
  );
  for (const w of careful) {
    for (let i = 0; i < 6; i++) expect(await workOne(w, projectId, true)).toBe(201);
  }
});

test('the requester sees aggregates with confidence, and the stopped worker', async () => {
  // The server's own sweep: every 5 s, once the work has been quiet for 5 s.
  await expect
    .poll(
      async () =>
        (
          (await (
            await requester.request.get(`/api/v1/projects/${projectId}/aggregates`)
          ).json()) as { items: unknown[] }
        ).items.length,
      { timeout: 45_000, intervals: [2_000] },
    )
    .toBe(6);

  await requester.goto(`/projects/${projectId}/results`);
  const table = requester.getByRole('table', { name: 'Aggregated answers' });
  await expect(table.getByRole('row')).toHaveCount(7);
  // Task #4 (rock): two careful "no" votes only, the careless worker having been stopped.
  const rock = table.getByRole('row').filter({ hasText: '#4' });
  await expect(rock).toContainText('no');
  await expect(rock.getByRole('progressbar')).toBeVisible();
  // A gold task's aggregate is its known answer; the careless worker's "no" is among the votes.
  const cat = table.getByRole('row').filter({ hasText: '#1' });
  await expect(cat).toContainText('yes');
  await expect(cat).toContainText('100%');
  await cat.getByRole('button', { name: /who answered what/ }).click();
  await expect(requester.getByRole('list', { name: /Answers for task #1/ })).toContainText(
    `${careless.account.displayName}: no`,
  );
  await cat.getByRole('button', { name: /who answered what/ }).click();
  await requester.getByText('Majority vote', { exact: true }).click();
  await expect(requester.getByRole('radio', { name: 'Majority vote' })).toBeChecked();
  await expect(table.getByRole('row')).toHaveCount(7);
  await requester.getByRole('switch', { name: 'Only low confidence' }).click();
  // Every open task had unanimous careful workers: nothing is below 70%.
  await expect(requester.getByText('Nothing below that confidence')).toBeVisible();
  await requester.getByRole('switch', { name: 'Only low confidence' }).click();
  await requester.getByText('Dawid-Skene', { exact: true }).click();
  await expect(table.getByRole('row')).toHaveCount(7);
  if (process.env.SCREENSHOTS) {
    await requester
      .getByRole('heading', { name: 'Aggregated answers' })
      .evaluate((e) => e.scrollIntoView());
    await photograph(requester, 'results-aggregates');
  }

  await requester.getByRole('tab', { name: 'Workers' }).click();
  const workers = requester.getByRole('table', { name: 'Workers' });
  await expect(workers.getByRole('row')).toHaveCount(4);
  const stoppedRow = workers.getByRole('row').filter({ hasText: careless.account.displayName });
  // Two submitted, both gold, none right.
  await expect(stoppedRow.getByRole('cell').nth(1)).toHaveText('2');
  await expect(stoppedRow.getByRole('cell').nth(4)).toHaveText('0 of 2 (0%)');
  await expect(
    requester.getByRole('img', { name: /Estimated accuracy against work/ }),
  ).toBeVisible();
  // Sorting by gold correct, ascending, puts the stopped worker first.
  await requester.getByRole('button', { name: 'Gold correct' }).click();
  await requester.getByRole('button', { name: 'Gold correct' }).click();
  await expect(workers.getByRole('row').nth(1)).toContainText(careless.account.displayName);
  if (process.env.SCREENSHOTS) await photograph(requester, 'worker-quality');
  await stoppedRow
    .getByRole('button', { name: `Actions for ${careless.account.displayName}` })
    .click();
  await expect(requester.getByRole('menuitem', { name: 'Block worker…' })).toBeVisible();
});

test('the requester reads and edits gold, sees the stopped worker flagged, and tunes the floor', async () => {
  // The stopped worker's Find work leaves the project out.
  const feed = (await (await careless.page.request.get('/api/v1/feed')).json()) as {
    items: { projectId: string }[];
  };
  expect(feed.items.map((item) => item.projectId)).not.toContain(projectId);

  await requester.goto(`/projects/${projectId}/data`);
  const gold = requester.getByRole('table', { name: 'Gold tasks' });
  await expect(gold.getByRole('row')).toHaveCount(4);
  const cat = gold.getByRole('row').filter({ hasText: '#1' });
  await expect(cat).toContainText('animal: yes');
  await expect(cat).toContainText(/\d+ % of [1-3]/);
  await requester.getByRole('button', { name: 'Edit known answers of task #1' }).click();
  const dialog = requester.getByRole('dialog', { name: 'Known answers of task #1' });
  await dialog.getByLabel('Explanation').fill('A cat is an animal: look for fur and whiskers.');
  await dialog.getByRole('button', { name: 'Save known answers' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(cat).toContainText('look for fur and whiskers');
  if (process.env.SCREENSHOTS) {
    await gold.evaluate((e) => e.scrollIntoView());
    await photograph(requester, 'gold-tasks');
  }

  // In review, the stopped worker's submissions carry the flag, with the reason in a tooltip.
  // The API first, so that a failure prints what the review list held.
  const review = await ok<{
    items: { worker: { displayName: string }; flags: { kind: string }[] }[];
  }>(
    await requester.request.get(`/api/v1/projects/${projectId}/assignments?status=submitted`),
    200,
  );
  const carelessWork = review.items.filter(
    (item) => item.worker.displayName === careless.account.displayName,
  );
  expect(
    carelessWork.map((item) => item.flags.map((flag) => flag.kind)),
    JSON.stringify(review.items),
  ).toEqual([['gold_accuracy'], ['gold_accuracy']]);
  await requester.goto(`/projects/${projectId}/review`);
  await expect(requester.getByText('Low gold accuracy').first()).toBeVisible();

  // The floor's settings keep to their range: a percentage over 100 is brought back to 100.
  await requester.goto(`/projects/${projectId}/settings`);
  const minimum = requester.getByLabel('Minimum gold accuracy (%)');
  await minimum.fill('101');
  await minimum.blur();
  await expect(minimum).toHaveValue('100 %');
  await minimum.fill('70');
  await requester.getByRole('button', { name: 'Save settings' }).click();
  await expect
    .poll(async () => {
      const project = (await (
        await requester.request.get(`/api/v1/projects/${projectId}`)
      ).json()) as { quality: { minGoldAccuracyPercent: number } };
      return project.quality.minGoldAccuracyPercent;
    })
    .toBe(70);
});
