/**
 * Hostile content in the browser. Script payloads stored through the API in every text a user
 * can enter stay inert on every page that shows them, and a requester's HTML task, run in its
 * sandboxed frame, can reach neither the worker's cookies nor the API nor the page around it.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './test.js';
import { csrfHeader, ok, signUpByApi } from './earnings-fixtures.js';
import { ADMIN } from './env.js';

/** Each payload sets window.__pwned (or opens a dialog) if it ever runs. */
const SHORT = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT = '<script>window.__pwned=1</script>';
const LINK = '[pwned link](javascript:window.__pwned=1)';
const LONG = `pwned ${SCRIPT} ${SHORT} <a href="javascript:window.__pwned=1">pwned</a> <svg onload="window.__pwned=1"></svg> ${LINK}`;
const MARKDOWN = `# pwned heading\n\n${LONG}\n\n<iframe src="javascript:window.__pwned=1"></iframe>\n\n**{{word}}**`;

const FORM_TEMPLATE = {
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: MARKDOWN },
    {
      type: 'single_choice',
      name: 'animal',
      label: `Animal? ${SHORT}`,
      help: LONG,
      required: true,
      options: [
        { value: 'yes', label: `Yes ${SHORT}` },
        { value: 'no', label: 'No' },
      ],
    },
    { type: 'text', name: 'note', label: `Note ${SCRIPT}`, placeholder: SHORT },
  ],
};

/** Runs in the task's frame and reports what it could reach to the page around it. */
const PROBE_TEMPLATE = {
  kind: 'html',
  html: `<form><p id="cell">\${word}</p><input name="animal" value="yes"></form>
<script>
(async function () {
  var r = { cell: document.getElementById('cell').textContent, ranCell: typeof window.__pwned };
  try { r.cookie = document.cookie; } catch (e) { r.cookie = 'threw ' + e.name; }
  try { r.parentDocument = String(parent.document.cookie); } catch (e) { r.parentDocument = 'threw ' + e.name; }
  try { r.storage = String(localStorage.length); } catch (e) { r.storage = 'threw ' + e.name; }
  try {
    var res = await fetch('/api/v1/me', { credentials: 'include' });
    r.api = res.status + ' ' + (await res.text()).slice(0, 100);
  } catch (e) { r.api = 'threw ' + e.name; }
  try { top.location.href = 'https://evil.test/'; r.topNavigation = 'allowed'; } catch (e) { r.topNavigation = 'threw ' + e.name; }
  r.origin = String(self.origin);
  parent.postMessage({ type: 'hostile-probe', report: r }, '*');
})();
</script>`,
};

type Session = { page: Page; headers: Record<string, string> };

async function session(browser: Browser, role: 'worker' | 'requester', displayName: string) {
  const page = await (await browser.newContext()).newPage();
  const person = {
    email: `${role}-${randomUUID().slice(0, 8)}@e2e.tessera.test`,
    password: `pw-${randomUUID()}`,
    displayName,
  };
  const user = await signUpByApi(page.request, person, [role]);
  return { page, user, headers: await csrfHeader(page.request) };
}

async function call<T>(
  s: Session,
  method: 'post' | 'patch' | 'put',
  url: string,
  data: unknown,
  status: number,
) {
  return ok<T>(await s.page.request[method](url, { headers: s.headers, data }), status);
}

/** Every page load of a test is watched: a dialog or a payload that ran fails the test. */
function watch(page: Page, dialogs: string[]) {
  page.on('dialog', (dialog) => {
    dialogs.push(`${page.url()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
}

async function expectInert(page: Page, url: string, shows?: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 }).first(), url).toBeVisible();
  // Wait for the stored text to be on the page (or, where none is shown, for loading to end).
  if (shows) await expect(page.getByText(shows).first(), url).toBeVisible();
  else await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => undefined);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), url).toBeUndefined();
  // Not only blocked by the CSP: never made into elements at all.
  await expect(
    page.locator('img[src="x"], svg[onload], iframe[src^="javascript"]'),
    url,
  ).toHaveCount(0);
  await expect(page.locator('a[href^="javascript" i]'), url).toHaveCount(0);
  expect(await page.locator('script:not([src])').count(), url).toBe(0);
}

test('script payloads in every user-entered text stay inert', async ({ browser }) => {
  // About twenty pages, each loaded and inspected.
  test.setTimeout(240_000);
  const requester = await session(browser, 'requester', `Req ${SHORT}`);
  const worker = await session(browser, 'worker', `Wkr ${SCRIPT}`.slice(0, 80));
  await call(requester, 'patch', '/api/v1/me', { bio: LONG }, 200);
  await call(worker, 'patch', '/api/v1/me', { bio: LONG }, 200);

  await call(requester, 'post', '/api/v1/me/deposits', { amountCents: 100_000 }, 201);
  const qualification = await call<{ id: string }>(
    requester,
    'post',
    '/api/v1/qualification-types',
    { name: `Skill ${SHORT}`, description: LONG },
    201,
  );
  await call(
    requester,
    'put',
    `/api/v1/qualification-types/${qualification.id}/workers/${worker.user.id}`,
    { value: 3 },
    200,
  );
  const project = await call<{ id: string }>(
    requester,
    'post',
    '/api/v1/projects',
    {
      title: `pwned ${SHORT} ${SCRIPT}`,
      description: LONG,
      instructions: MARKDOWN,
      keywords: [SHORT, 'pwned'],
      rewardCents: 50,
      assignmentsPerTask: 1,
      template: FORM_TEMPLATE,
    },
    201,
  );
  await call(
    requester,
    'post',
    `/api/v1/projects/${project.id}/batches`,
    {
      rows: [1, 2, 3, 4].map((i) => ({ word: `${i} ${SHORT} =cmd|' /C calc'!A0 ${SCRIPT}` })),
    },
    201,
  );
  await call(requester, 'post', `/api/v1/projects/${project.id}/publish`, undefined, 200);

  const assignments: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { id } = await call<{ id: string }>(
      worker,
      'post',
      `/api/v1/projects/${project.id}/assignments`,
      undefined,
      201,
    );
    assignments.push(id);
  }
  for (const id of assignments.slice(0, 2))
    await call(
      worker,
      'post',
      `/api/v1/assignments/${id}/submit`,
      { answers: { animal: 'yes', note: LONG.slice(0, 20) } },
      200,
    );
  await call(
    requester,
    'post',
    `/api/v1/assignments/${assignments[0]}/reject`,
    { reason: `pwned ${LONG}` },
    200,
  );
  await call(
    requester,
    'post',
    `/api/v1/assignments/${assignments[1]}/approve`,
    { feedback: `pwned ${SHORT}` },
    200,
  );
  await call(
    requester,
    'post',
    `/api/v1/assignments/${assignments[1]}/bonus`,
    { amountCents: 5, reason: `pwned ${LONG}` },
    201,
  );
  const blocked = await session(browser, 'worker', 'Blocked worker');
  await call(
    requester,
    'put',
    `/api/v1/blocks/${blocked.user.id}`,
    { reason: `pwned ${LONG}` },
    200,
  );
  await call(
    requester,
    'post',
    '/api/v1/oauth-clients',
    {
      name: `pwned ${SHORT}`.slice(0, 80),
      type: 'public',
      redirectUris: ['https://app.example.com/cb'],
    },
    201,
  );

  const dialogs: string[] = [];
  for (const page of [requester.page, worker.page]) watch(page, dialogs);
  const requesterPages = [
    ['/projects', 'pwned'],
    [`/projects/${project.id}`, 'pwned'],
    [`/projects/${project.id}/design`, 'pwned'],
    [`/projects/${project.id}/data`, 'pwned'],
    [`/projects/${project.id}/settings`, 'pwned'],
    [`/projects/${project.id}/preview`, 'pwned'],
    [`/projects/${project.id}/results`, 'pwned'],
    ['/qualifications', 'Skill'],
    ['/funds', 'Req <img'],
    ['/spending', 'pwned'],
    ['/settings', 'Req <img'],
    ['/notifications', 'Req <img'],
    [`/u/${worker.user.handle}`, 'pwned'],
    ['/settings/developer-apps', 'pwned'],
  ] as const;
  for (const [url, shows] of requesterPages) await expectInert(requester.page, url, shows);
  const workerPages = [
    ['/work', 'pwned'],
    [`/work/projects/${project.id}`, 'pwned'],
    [`/work/${assignments[2]}`, 'pwned'],
    [`/work/${assignments[0]}`, 'pwned'],
    ['/my-work', 'pwned'],
    ['/earnings', 'Wkr <script>'],
    ['/notifications', 'pwned'],
    [`/u/${requester.user.handle}`, 'pwned'],
  ] as const;
  for (const [url, shows] of workerPages) await expectInert(worker.page, url, shows);

  const admin = await (await browser.newContext()).newPage();
  watch(admin, dialogs);
  await ok(
    await admin.request.post('/api/v1/auth/login', {
      data: { email: ADMIN.email, password: ADMIN.password },
    }),
    200,
  );
  await expectInert(admin, '/admin/users', 'Wkr <script>');
  await expectInert(admin, '/admin/payouts');
  expect(dialogs).toEqual([]);
});

test('a requester’s HTML task cannot reach the worker’s cookies, the API or the page', async ({
  browser,
}) => {
  const requester = await session(browser, 'requester', 'Frame requester');
  const worker = await session(browser, 'worker', 'Frame worker');
  await call(requester, 'post', '/api/v1/me/deposits', { amountCents: 10_000 }, 201);
  const project = await call<{ id: string }>(
    requester,
    'post',
    '/api/v1/projects',
    {
      title: 'Probe task',
      rewardCents: 10,
      template: PROBE_TEMPLATE,
    },
    201,
  );
  await call(
    requester,
    'post',
    `/api/v1/projects/${project.id}/batches`,
    { rows: [{ word: SCRIPT }] },
    201,
  );
  await call(requester, 'post', `/api/v1/projects/${project.id}/publish`, undefined, 200);
  const { id } = await call<{ id: string }>(
    worker,
    'post',
    `/api/v1/projects/${project.id}/assignments`,
    undefined,
    201,
  );

  const page = worker.page;
  const dialogs: string[] = [];
  watch(page, dialogs);
  await page.addInitScript(() => {
    window.addEventListener('message', (event) => {
      const data = event.data as { type?: string; report?: unknown };
      if (data?.type === 'hostile-probe') (window as { __probe?: unknown }).__probe = data.report;
    });
  });
  await page.goto(`/work/${id}`);
  const report = await page
    .waitForFunction(() => (window as { __probe?: unknown }).__probe)
    .then((h) => h.jsonValue() as Promise<Record<string, string>>);

  // The data was filled in as text, never as markup.
  expect(report.cell).toBe(SCRIPT);
  expect(report.ranCell).toBe('undefined');
  // An opaque origin: no cookies, no storage, no way into the page around it.
  expect(report.origin).toBe('null');
  expect(report.cookie).toMatch(/^threw|^$/);
  expect(report.parentDocument).toMatch(/^threw/);
  expect(report.storage).toMatch(/^threw/);
  // The API refuses a credentialed call from the frame, or the browser hides its answer.
  expect(report.api).not.toMatch(/^200/);
  expect(report.api).not.toContain(worker.user.id);
  // The page around the frame stays where it was.
  expect(report.topNavigation).toMatch(/^threw/);
  await expect(page).toHaveURL(new RegExp(`/work/${id}$`));
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});
