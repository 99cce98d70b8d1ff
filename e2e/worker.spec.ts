/**
 * The worker's side in a browser: the demo worker, on the demo data, finds both sample projects,
 * previews, accepts, does a form task and an HTML task (through the sandboxed frame), returns
 * one, and sees it all in My work; the demo requester sees the submissions arrive. Then what the
 * demo data cannot show (a project run out of tasks, the countdown) on projects made for it.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './test.js';
import {
  addressProject,
  addressRows,
  DEMO_ACCOUNTS,
  sentimentProject,
  sentimentRows,
} from '../src/server/demo/demo-data.js';
import { DEMO_BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, signIn } from './helpers.js';

const FORM_TEMPLATE = {
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', label: '', text: 'Is **{{word}}** a fruit?' },
    {
      type: 'single_choice',
      name: 'fruit',
      label: 'Is it a fruit?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
    { type: 'text', name: 'note', label: 'Anything to add?', maxLength: 40 },
  ],
};

const HTML_TEMPLATE = {
  kind: 'html',
  html: '<p>Is ${word} a fruit?</p><form><label>Answer <input name="answer" required></label><button type="submit">Send</button></form>',
};

type Project = { id: string; title: string };

type WorkFixture = {
  /** In every title and keyword list, so a search finds exactly these projects. */
  tag: string;
  form: Project;
  html: Project;
  /** Signed in as the requester who owns both projects. */
  requester: APIRequestContext;
};

/** Signs up through the API in this request context (its cookies are then that user's). */
async function signUpByApi(
  request: APIRequestContext,
  account: { email: string; password: string; displayName: string },
  roles: ('worker' | 'requester')[],
) {
  await ok(await request.post('/api/v1/auth/signup', { data: { ...account, roles } }), 201);
}

/** A requester's project, funded, filled with the CSV's rows and published. */
async function publishProject(
  request: APIRequestContext,
  project: Record<string, unknown> & { title: string },
  csv: string,
): Promise<Project> {
  const headers = await csrfHeader(request);
  const rows = csv.trim().split('\n').length - 1;
  const escrow = Number(project.rewardCents) * Number(project.assignmentsPerTask ?? 1) * rows;
  // Twice the rewards: room for a platform fee, whatever the server is configured with.
  const deposit = { amountCents: escrow * 2 };
  await ok(await request.post('/api/v1/me/deposits', { data: deposit, headers }), 201);
  const { id } = await ok<{ id: string }>(
    await request.post('/api/v1/projects', { headers, data: project }),
    201,
  );
  await ok(
    await request.post(`/api/v1/projects/${id}/batches`, {
      headers: { ...headers, 'content-type': 'text/csv' },
      data: csv,
    }),
    201,
  );
  await ok(await request.post(`/api/v1/projects/${id}/publish`, { headers }), 200);
  return { id, title: project.title };
}

/**
 * A requester with two published projects: a form one with three tasks and an HTML one with
 * two. Made through the API, as a script would.
 */
async function createWorkFixture(request: APIRequestContext): Promise<WorkFixture> {
  const tag = `fx${randomUUID().slice(0, 6)}`;
  await signUpByApi(request, newAccount('requester'), ['requester']);
  const common = {
    description: `Tell whether a word names a fruit. (${tag})`,
    keywords: ['fruit', tag],
    instructions: 'Answer **yes** when the word names a fruit, otherwise **no**.',
    rewardCents: 25,
    assignmentsPerTask: 1,
    timeAllottedSeconds: 600,
  };
  const form = await publishProject(
    request,
    { ...common, title: `Fruit or not ${tag}`, template: FORM_TEMPLATE },
    'word\napple\nbrick\npear\n',
  );
  const html = await publishProject(
    request,
    { ...common, title: `Fruit check in HTML ${tag}`, template: HTML_TEMPLATE },
    'word\nplum\nstone\n',
  );
  return { tag, form, html, requester: request };
}

async function submittedCount(requester: APIRequestContext, projectId: string) {
  const project = await ok<{ progress: { assignmentsSubmitted: number } }>(
    await requester.get(`/api/v1/projects/${projectId}`),
    200,
  );
  return project.progress.assignmentsSubmitted;
}

/** Serious and critical accessibility problems, as "rule: element" lines (none expected). */
async function seriousA11yProblems(page: Page) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')}`));
}

/** The requester approves or rejects the first submitted assignment of their project. */
async function review(
  requester: APIRequestContext,
  projectId: string,
  action: 'approve' | 'reject',
  data: object,
) {
  const { items } = await ok<{ items: { id: string }[] }>(
    await requester.get(`/api/v1/projects/${projectId}/assignments?status=submitted`),
    200,
  );
  const headers = await csrfHeader(requester);
  const url = `/api/v1/assignments/${items[0]!.id}/${action}`;
  await ok(await requester.post(url, { headers, data }), 200);
}

function workHeading(page: Page, title: string) {
  return page.getByRole('heading', { level: 1, name: title });
}

test.describe('on the demo data', () => {
  // The demo server's fresh database: the two sample projects, untouched (see e2e/env.ts).
  test.use({ baseURL: DEMO_BASE_URL });

  test('the demo worker finds, does, returns and reviews their work', async ({
    page,
    playwright,
  }) => {
    // One long journey through five pages, with accessibility checks along the way.
    test.setTimeout(180_000);
    const requester = await playwright.request.newContext({ baseURL: DEMO_BASE_URL });
    const { email, password } = DEMO_ACCOUNTS.requester;
    await ok(await requester.post('/api/v1/auth/login', { data: { email, password } }), 200);
    const { items: projects } = await ok<{ items: Project[] }>(
      await requester.get('/api/v1/projects'),
      200,
    );
    const sample = (title: string) => projects.find((p) => p.title === title)!;
    const form = sample(sentimentProject.title);
    const html = sample(addressProject.title);
    expect(await submittedCount(requester, form.id)).toBe(0);
    expect(await submittedCount(requester, html.id)).toBe(0);

    await signIn(page, DEMO_ACCOUNTS.worker);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find work');

    // Find work: both sample projects, each with its pay and time; a search narrows them.
    const results = page.getByRole('article');
    await expect(results).toHaveCount(2);
    const card = (title: string) =>
      results.filter({ has: page.getByRole('heading', { name: title }) });
    await expect(card(form.title)).toContainText('$0.08');
    await expect(card(form.title)).toContainText('10 minutes allowed');
    await expect(card(html.title)).toContainText('$0.05');
    await expect(card(html.title)).toContainText('5 minutes allowed');
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole('searchbox', { name: 'Search' }).fill('sentiment');
    await expect(results).toHaveCount(1);
    await expect(page.getByRole('heading', { name: form.title })).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search' }).fill('no such work anywhere');
    await expect(page.getByRole('heading', { name: /^No work matches/ })).toBeVisible();
    await page.getByRole('button', { name: 'Clear the search' }).click();
    await expect(results).toHaveCount(2);

    // Preview the form project, then accept its first task: the first review of the upload.
    await page.getByRole('link', { name: `Preview ${form.title}` }).click();
    await expect(workHeading(page, form.title)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'The next task' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Positive' })).toBeVisible();
    expect(await seriousA11yProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Accept and start' }).click();
    await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
    await expect(workHeading(page, form.title)).toBeVisible();
    await expect(page.getByText(sentimentRows[0]!.review)).toBeVisible();
    await expect(page.getByTestId('time-left')).toContainText(/\d+:\d\d/);
    await expect(page.getByRole('heading', { name: 'Instructions' })).toBeVisible();

    // Submitting nothing names the missing answer; then the task is done from the keyboard.
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'What is the sentiment of this review?: This question needs an answer',
    );
    expect(await seriousA11yProblems(page)).toEqual([]);
    const comment = page.getByRole('textbox', { name: /^Anything unusual about this review/ });
    await page.getByRole('radio', { name: 'Positive' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await expect(comment).toBeFocused();
    await page.keyboard.type('Short and happy');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Task submitted' })).toBeFocused();
    expect(await seriousA11yProblems(page)).toEqual([]);

    // The next task in the same project, given back.
    const firstTask = page.url();
    await page.getByRole('button', { name: 'Next task in this project' }).click();
    await expect(page).not.toHaveURL(firstTask);
    await expect(page.getByText(sentimentRows[1]!.review)).toBeVisible();
    await page.getByRole('button', { name: 'Return task' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Return task' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find work');

    // The HTML project: answers typed into the sandboxed frame.
    await page.getByRole('button', { name: `Accept a task in ${html.title}` }).click();
    await expect(workHeading(page, html.title)).toBeVisible();
    const frame = page.frameLocator(`iframe[title="Task: ${html.title}"]`);
    await expect(frame.getByText(addressRows[0]!.address)).toBeVisible();
    expect(await seriousA11yProblems(page)).toEqual([]);
    // The frame's own check stops an empty answer; nothing is sent.
    await page.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByRole('button', { name: 'Submit' })).toBeVisible();
    const autoNext = page.getByRole('switch', { name: 'Go to the next task automatically' });
    await autoNext.check();
    await frame.getByRole('textbox', { name: 'City' }).fill('London');
    const htmlTask = page.url();
    await page.getByRole('button', { name: 'Submit' }).click();

    // With the preference on, the next task opens by itself; with it off, the page stays on
    // the submitted one. This one is sent from the frame's own button.
    await expect(page).not.toHaveURL(htmlTask);
    await expect(workHeading(page, html.title)).toBeVisible();
    await expect(frame.getByText(addressRows[1]!.address)).toBeVisible();
    await autoNext.uncheck();
    await frame.getByRole('textbox', { name: 'City' }).fill('Washington');
    const lastTask = page.url();
    await frame.getByRole('button', { name: 'Submit' }).click();
    await expect(page.getByRole('heading', { name: 'Task submitted' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Next task in this project' })).toBeVisible();
    expect(page.url()).toBe(lastTask);

    // The requester sees the submissions arrive, and reviews them: one approved, one rejected.
    expect(await submittedCount(requester, form.id)).toBe(1);
    expect(await submittedCount(requester, html.id)).toBe(2);
    await review(requester, form.id, 'approve', {});
    await review(requester, html.id, 'reject', { reason: 'Type the city only, as written.' });

    // My work: each task under its status, with pending and approved pay.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'My work' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My work');
    for (const tab of ['In progress (0)', 'Approved (1)', 'Rejected (1)', 'Returned (1)']) {
      await expect(page.getByRole('tab', { name: tab })).toBeVisible();
    }
    await page.getByRole('tab', { name: 'Submitted (1)' }).click();
    const titleLink = (title: string) => ({ name: title, exact: true });
    const submitted = page.getByRole('table', { name: 'Submitted work' });
    await expect(submitted.getByRole('row')).toHaveCount(2);
    await expect(submitted.getByRole('link', titleLink(html.title))).toBeVisible();
    await expect(page.getByRole('group', { name: 'Pending pay' })).toContainText('$0.05');
    await expect(page.getByRole('group', { name: 'Approved pay' })).toContainText('$0.08');
    expect(await seriousA11yProblems(page)).toEqual([]);

    await page.getByRole('tab', { name: 'Returned (1)' }).click();
    const returned = page.getByRole('table', { name: 'Returned work' });
    await expect(returned.getByRole('link', titleLink(form.title))).toBeVisible();

    await page.getByRole('tab', { name: 'Rejected (1)' }).click();
    const rejected = page.getByRole('table', { name: 'Rejected work' });
    await expect(rejected).toContainText('Type the city only, as written.');
    await rejected.getByRole('link', { name: `View ${html.title}` }).click();
    await expect(page.getByRole('status', { name: 'Rejected' })).toContainText(
      'Reason: Type the city only, as written.',
    );
    await expect(page.getByRole('table', { name: 'Your answers' })).toContainText('city');

    // Approved work reads back with its answers.
    await page.goBack();
    await page.getByRole('tab', { name: 'Approved (1)' }).click();
    await page
      .getByRole('table', { name: 'Approved work' })
      .getByRole('link', { name: `View ${form.title}` })
      .click();
    await expect(page.getByRole('heading', { name: 'Your answers' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Positive' })).toBeChecked();
    await expect(comment).toHaveValue('Short and happy');
    expect(await seriousA11yProblems(page)).toEqual([]);

    await requester.dispose();
  });
});

test('says when a project has no more tasks for the worker', async ({
  page,
  playwright,
  baseURL,
}) => {
  const requester = await playwright.request.newContext({ baseURL });
  const fixture = await createWorkFixture(requester);
  await signUpByApi(page.request, newAccount('worker'), ['worker']);
  const headers = await csrfHeader(page.request);
  const accept = async () =>
    (
      await ok<{ id: string }>(
        await page.request.post(`/api/v1/projects/${fixture.html.id}/assignments`, { headers }),
        201,
      )
    ).id;
  // The first of the HTML project's two tasks through the API, the last one in the page.
  const first = await accept();
  const data = { answers: { answer: 'yes' } };
  await ok(await page.request.post(`/api/v1/assignments/${first}/submit`, { headers, data }), 200);
  await page.goto(`/work/${await accept()}`);

  await expect(workHeading(page, fixture.html.title)).toBeVisible();
  await page.getByRole('switch', { name: 'Go to the next task automatically' }).check();
  const frame = page.frameLocator(`iframe[title="Task: ${fixture.html.title}"]`);
  await frame.getByRole('textbox', { name: 'Answer' }).fill('no');
  await frame.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('heading', { name: 'Task submitted' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('No more tasks in this project');
  await expect(page.getByRole('button', { name: 'Next task in this project' })).toHaveCount(0);
  await requester.dispose();
});

test('the work page counts down and stops work when the time is up', async ({
  page,
  playwright,
  baseURL,
}) => {
  const requester = await playwright.request.newContext({ baseURL });
  const fixture = await createWorkFixture(requester);
  await page.clock.install();
  await signUpByApi(page.request, newAccount('worker'), ['worker']);
  const accepted = await ok<{ id: string }>(
    await page.request.post(`/api/v1/projects/${fixture.form.id}/assignments`, {
      headers: await csrfHeader(page.request),
    }),
    201,
  );

  await page.goto(`/work/${accepted.id}`);
  const clock = page.getByTestId('time-left');
  await expect(clock).toContainText(/(10:00|9:5\d)/);
  await expect(clock).toHaveAttribute('data-warning', 'false');

  // The browser's clock moves on; the page's countdown follows it.
  await page.clock.fastForward('09:30');
  await expect(clock).toHaveAttribute('data-warning', 'true');
  await expect(clock).toContainText(/0:[0-3]\d/);

  await page.clock.fastForward('00:40');
  await expect(page.getByRole('alert')).toContainText('Time is up');
  await expect(clock).toContainText('0:00');
  await expect(page.getByRole('button', { name: 'Submit' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Return task' })).toBeDisabled();
  await requester.dispose();
});

// Screenshots of the worker's pages for docs/screenshots, with realistic work in them:
// `npm run build && SCREENSHOTS=1 npx playwright test e2e/worker.spec.ts -g screenshots`.
if (process.env.SCREENSHOTS) {
  const shot = (name: string) =>
    fileURLToPath(new URL(`../docs/screenshots/${name}.png`, import.meta.url));

  async function photograph(page: Page, name: string) {
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: shot(name), animations: 'disabled', caret: 'hide' });
  }

  const csvCell = (value: string) => `"${value.replaceAll('"', '""')}"`;
  const rowsOf = (column: string, values: string[], count: number) =>
    [column, ...Array.from({ length: count }, (_, i) => csvCell(values[i % values.length]!))].join(
      '\n',
    );

  const choice = (name: string, label: string, options: string[]) => ({
    type: 'single_choice',
    name,
    label,
    required: true,
    options: options.map((option) => ({ value: option.toLowerCase(), label: option })),
  });

  const REVIEWS = [
    'The room was spotless and the staff remembered our names by the second day. Breakfast was a bit repetitive, but we would happily come back.',
    'Thin walls, a broken kettle and nobody at the desk after ten.',
    'Good location near the station. Nothing special otherwise.',
  ];

  test('worker screenshots', async ({ page, playwright, baseURL }) => {
    const people = {
      ingrid: { displayName: 'Ingrid Solberg', email: 'ingrid.solberg@example.org' },
      sofia: { displayName: 'Sofia Marques', email: 'sofia.marques@example.org' },
      daniel: { displayName: 'Daniel Brooks', email: 'daniel.brooks@example.org' },
    };
    const requesters: Record<string, APIRequestContext> = {};
    for (const [key, person] of Object.entries(people)) {
      requesters[key] = await playwright.request.newContext({ baseURL });
      await signUpByApi(requesters[key], { ...person, password: 'a-long-demo-password' }, [
        'requester',
      ]);
    }
    const { ingrid, sofia, daniel } = requesters as Record<keyof typeof people, APIRequestContext>;

    const addresses = await publishProject(
      ingrid,
      {
        title: 'Check street addresses for typos',
        description: 'Compare an address with the postal register and mark what is wrong.',
        keywords: ['data cleaning', 'addresses'],
        rewardCents: 8,
        timeAllottedSeconds: 180,
        template: {
          kind: 'html',
          html: '<p>${address}</p><form><label><input type="radio" name="ok" value="yes" required> Correct</label><label><input type="radio" name="ok" value="no"> Has a typo</label><button>Send</button></form>',
        },
      },
      rowsOf('address', ['Storgata 12, 0155 Oslo', 'Kongens gate 3, 7011 Trondheim'], 300),
    );
    const transcripts = await publishProject(
      ingrid,
      {
        title: 'Transcribe short voice clips in Norwegian',
        description:
          'Listen to clips of five to fifteen seconds and type exactly what is said, for an open speech corpus.',
        keywords: ['transcription', 'audio', 'norwegian'],
        rewardCents: 40,
        timeAllottedSeconds: 900,
        template: {
          kind: 'form',
          items: [
            { type: 'audio', name: 'clip', url: 'https://audio.example.org/{{clip}}' },
            { type: 'textarea', name: 'transcript', label: 'Transcript', required: true },
          ],
        },
      },
      rowsOf('clip', ['nb-0001.ogg', 'nb-0002.ogg'], 120),
    );
    const backgrounds = await publishProject(
      sofia,
      {
        title: 'Is the product on a plain white background?',
        description:
          'One look per photo: marketplaces reject product photos with busy backgrounds.',
        keywords: ['images', 'e-commerce', 'quick'],
        rewardCents: 5,
        timeAllottedSeconds: 120,
        template: {
          kind: 'form',
          items: [
            { type: 'link', name: 'photo', url: '{{photo}}', text: 'Open the photo' },
            choice('white', 'Is the background plain white?', ['Yes', 'No']),
          ],
        },
      },
      rowsOf('photo', ['https://img.example.org/p/1.jpg', 'https://img.example.org/p/2.jpg'], 500),
    );
    const sentiment = await publishProject(
      daniel,
      {
        title: 'Rate the sentiment of hotel reviews',
        description:
          'Read a short guest review and say how the guest felt. Part of a study on review language.',
        keywords: ['sentiment', 'reviews', 'english'],
        instructions:
          'Read the whole review before answering.\n\n- **Positive**: the guest would recommend the hotel.\n- **Negative**: the guest complains more than they praise.\n- **Mixed or neutral**: neither, or both equally.\n\nJudge what the guest *says*, not the hotel itself.',
        rewardCents: 12,
        timeAllottedSeconds: 300,
        template: {
          kind: 'form',
          items: [
            { type: 'instructions', name: 'review', label: 'Guest review', text: '> {{review}}' },
            choice('sentiment', 'How did the guest feel?', [
              'Positive',
              'Mixed or neutral',
              'Negative',
            ]),
            {
              type: 'rating',
              name: 'strength',
              label: 'How strongly?',
              required: true,
              max: 5,
              minLabel: 'Barely',
              maxLabel: 'Very strongly',
            },
            {
              type: 'text',
              name: 'phrase',
              label: 'The phrase that decided it',
              help: 'Copy a few words from the review.',
              maxLength: 120,
            },
          ],
        },
      },
      rowsOf('review', REVIEWS, 240),
    );

    await signUpByApi(
      page.request,
      {
        displayName: 'Tomás Silva',
        email: 'tomas.silva@example.org',
        password: 'a-long-demo-password',
      },
      ['worker'],
    );
    const headers = await csrfHeader(page.request);
    const accept = async (project: Project) =>
      (
        await ok<{ id: string }>(
          await page.request.post(`/api/v1/projects/${project.id}/assignments`, { headers }),
          201,
        )
      ).id;
    const submit = async (project: Project, answers: Record<string, unknown>) => {
      const id = await accept(project);
      const data = { answers };
      await ok(await page.request.post(`/api/v1/assignments/${id}/submit`, { data, headers }), 200);
    };
    await submit(sentiment, { sentiment: 'positive', strength: 4, phrase: 'spotless' });
    await submit(sentiment, { sentiment: 'negative', strength: 5 });
    await submit(backgrounds, { white: 'yes' });
    await submit(addresses, { ok: 'yes' });
    const returned = await accept(addresses);
    await ok(await page.request.post(`/api/v1/assignments/${returned}/return`, { headers }), 200);
    await accept(transcripts);
    const current = await accept(sentiment);

    await page.goto('/work');
    await expect(page.getByRole('article')).toHaveCount(4);
    await photograph(page, 'worker-find-work');

    await page.goto(`/work/${current}`);
    await expect(page.getByRole('heading', { name: 'Task', exact: true })).toBeVisible();
    await page.getByRole('radio', { name: 'Positive' }).check();
    await page.getByRole('radio', { name: '4' }).check();
    await page.evaluate(() => window.scrollTo(0, 0));
    await photograph(page, 'worker-task');

    await page.goto('/my-work?status=submitted');
    const submitted = page.getByRole('table', { name: 'Submitted work' });
    await expect(submitted.getByRole('row')).toHaveCount(5);
    await photograph(page, 'worker-my-work');

    for (const request of Object.values(requesters)) await request.dispose();
  });
}
