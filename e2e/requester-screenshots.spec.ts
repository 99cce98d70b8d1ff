/**
 * Refreshes the requester PNGs in docs/screenshots (run with `npm run screenshots`). Not part of
 * the normal end-to-end run: it builds a realistic requester account through the API, with
 * workers doing some of its tasks, and photographs the requester's pages.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './test.js';
import { photograph } from './helpers.js';

async function headers(request: APIRequestContext) {
  const { cookies } = await request.storageState();
  return { 'x-csrf-token': cookies.find((c) => c.name === 'csrf_token')?.value ?? '' };
}

async function call<T>(
  request: APIRequestContext,
  method: 'post' | 'patch',
  path: string,
  data?: unknown,
): Promise<T> {
  const response = await request[method](`/api/v1/${path}`, {
    headers: await headers(request),
    ...(data === undefined ? {} : { data }),
  });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

async function signUp(request: APIRequestContext, name: string, roles: string[]) {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}@example.org`;
  const { user } = await call<{ user: { id: string } }>(request, 'post', 'auth/signup', {
    email,
    password: 'a-long-demo-password',
    displayName: name,
    roles,
  });
  return user.id;
}

const SPEAKERS = ['Anna', 'Jonas', 'Lea', 'Felix', 'Marie', 'Paul', 'Emma', 'Noah'];
const CLIP_ROWS = Array.from({ length: 120 }, (_, i) => ({
  clip_id: `FR-${String(i + 1).padStart(4, '0')}`,
  clip_url: `https://media.example.org/freiburg/clips/${i + 1}.mp3`,
  speaker: SPEAKERS[i % SPEAKERS.length]!,
  duration_s: String(4 + ((i * 7) % 11)),
  dialect: ['Alemannic', 'Swabian', 'Standard'][i % 3]!,
}));

const PRODUCTS = ['kettle', 'desk lamp', 'backpack', 'coffee grinder', 'bike helmet', 'teapot'];
const PHOTO_ROWS = Array.from({ length: 400 }, (_, i) => ({
  image_url: `https://media.example.org/catalogue/${i + 1}.jpg`,
  product: PRODUCTS[i % PRODUCTS.length]!,
  sku: `SKU-${31000 + i}`,
  supplier_notes: `Supplier sheet for the ${PRODUCTS[i % PRODUCTS.length]!}: brushed steel body, matte black handle, sold in three sizes. The photo must show the whole product on a plain white background, without packaging, hands or other products. Reject studio shots where the colour differs from the catalogue swatch (ref. ${31000 + i}-C).`,
  product_page: `https://shop.example.org/p/${31000 + i}`,
}));

/** The catalogue's photos, drawn here: the screenshots never reach the network. */
async function serveCataloguePhotos(page: Page) {
  await page.route('https://media.example.org/catalogue/**', (route) => {
    const n = Number(/(\d+)\.jpg$/.exec(route.request().url())?.[1] ?? 1);
    const hue = (n * 53) % 360;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360" viewBox="0 0 480 360"><rect width="480" height="360" fill="#f4f4f2"/><ellipse cx="240" cy="300" rx="150" ry="18" fill="#ddd"/><rect x="150" y="110" width="180" height="180" rx="28" fill="hsl(${hue},35%,45%)"/><rect x="205" y="70" width="70" height="50" rx="10" fill="hsl(${hue},25%,30%)"/><path d="M330 150 q70 10 60 80 q-8 40 -60 40" fill="none" stroke="hsl(${hue},25%,30%)" stroke-width="18"/></svg>`;
    return route.fulfill({ contentType: 'image/svg+xml', body: svg });
  });
}

const HEADLINES = Array.from({ length: 60 }, (_, i) => ({
  headline: `Regional council votes on transit plan, part ${i + 1}`,
}));

type Project = { id: string };
type Assignment = { id: string };

/** Workers accept and submit `count` assignments; the first `approve` are approved. */
async function doWork(
  requester: APIRequestContext,
  workers: APIRequestContext[],
  projectId: string,
  answers: Record<string, unknown> | ((index: number) => Record<string, unknown>),
  count: number,
  approve: number,
) {
  const submitted: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const worker = workers[i % workers.length]!;
    const assignment = await call<Assignment>(worker, 'post', `projects/${projectId}/assignments`);
    await call(worker, 'post', `assignments/${assignment.id}/submit`, {
      answers: typeof answers === 'function' ? answers(i) : answers,
    });
    submitted.push(assignment.id);
  }
  for (const id of submitted.slice(0, approve)) {
    await call(requester, 'post', `assignments/${id}/approve`, {});
  }
  return submitted;
}

const TRANSCRIPTS = [
  { transcript: 'Mir gönge hit no in d Stadt.', quality: 'clear' },
  { transcript: 'Hesch du de Schlüssel gsehe?', quality: 'clear', sounds: ['traffic'] },
  { transcript: 'Des isch e scheene Dag hit.', quality: 'noisy', sounds: ['voices'] },
  { transcript: 'asdf', quality: 'clear' },
  { transcript: 'Mer treffe uns am Bahnhof um [?] Uhr.', quality: 'noisy' },
  { transcript: 'I ha kei Zit, i muess schaffe.', quality: 'clear', sounds: ['music'] },
];

const TRANSCRIBE_TEMPLATE = {
  kind: 'form',
  items: [
    {
      type: 'instructions',
      name: 'intro',
      label: '',
      text: 'Listen to clip **{{clip_id}}** ({{duration_s}} s, {{dialect}}) and type exactly what is said. Write numbers as words; mark unclear words with `[?]`.',
    },
    { type: 'audio', name: 'clip', label: 'Recording', url: '{{clip_url}}' },
    {
      type: 'textarea',
      name: 'transcript',
      label: 'Transcript',
      help: 'Keep the speaker’s words and dialect; do not correct grammar.',
      required: true,
      minLength: 2,
      rows: 4,
    },
    {
      type: 'single_choice',
      name: 'quality',
      label: 'How clear is the recording of {{speaker}}?',
      required: true,
      options: [
        { value: 'clear', label: 'Clear' },
        { value: 'noisy', label: 'Some background noise' },
        { value: 'unusable', label: 'Too noisy to transcribe' },
      ],
    },
    {
      type: 'multiple_choice',
      name: 'sounds',
      label: 'Other sounds you hear',
      required: false,
      options: [
        { value: 'music', label: 'Music' },
        { value: 'traffic', label: 'Traffic' },
        { value: 'voices', label: 'Other voices' },
      ],
    },
  ],
};

test('requester pages', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(240_000);
  const requester = page.request;
  await signUp(requester, 'Lucas Weber', ['requester']);
  await call(requester, 'patch', 'me', { handle: 'lucas-weber', country: 'DE' });
  await call(requester, 'post', 'me/deposits', { amountCents: 250_000 });

  const workers: APIRequestContext[] = [];
  const workerIds: string[] = [];
  for (const name of ['Amara Okafor', 'Mateo García', 'Kenji Watanabe', 'Priya Raman']) {
    const context = await playwright.request.newContext({ baseURL });
    workerIds.push(await signUp(context, name, ['worker']));
    workers.push(context);
  }

  const dialectTest = await call<{ id: string }>(requester, 'post', 'qualification-types', {
    name: 'Alemannic listening test',
    description: 'Score (0–100) on our 20-clip listening test for Alemannic dialects.',
  });
  await call(requester, 'post', 'qualification-types', {
    name: 'Trusted transcriber',
    description: 'Workers whose transcripts we have checked by hand.',
  });
  for (const [index, id] of workerIds.entries()) {
    const response = await requester.put(
      `/api/v1/qualification-types/${dialectTest.id}/workers/${id}`,
      { headers: await headers(requester), data: { value: [92, 78, 88, 95][index] } },
    );
    expect(response.ok()).toBe(true);
  }

  const transcribe = await call<Project>(requester, 'post', 'projects', {
    title: 'Transcribe short Alemannic voice clips',
    description: 'Clips of 4–15 seconds from the Freiburg dialect corpus.',
    keywords: ['transcription', 'german', 'audio'],
    instructions:
      '## Before you start\n\nUse headphones. Each clip is one speaker. Type **exactly** what you hear, in the speaker’s dialect.',
    rewardCents: 40,
    assignmentsPerTask: 2,
    timeAllottedSeconds: 900,
    template: TRANSCRIBE_TEMPLATE,
    qualificationRequirements: [
      {
        qualificationTypeId: 'system.approval_rate',
        comparator: 'GreaterThanOrEqualTo',
        integerValues: [95],
      },
    ],
  });
  await call(requester, 'post', `projects/${transcribe.id}/batches`, {
    rows: CLIP_ROWS,
    filename: 'freiburg-clips-batch1.csv',
  });
  await call(requester, 'post', `projects/${transcribe.id}/publish`);
  const transcripts = await doWork(
    requester,
    workers,
    transcribe.id,
    (i) => TRANSCRIPTS[i % TRANSCRIPTS.length]!,
    14,
    9,
  );
  // Review at work: a bonus for careful work, a rejection with its reason.
  const bonusResponse = await requester.post(`/api/v1/assignments/${transcripts[1]}/bonus`, {
    headers: { ...(await headers(requester)), 'idempotency-key': 'screenshots-bonus-1' },
    data: { amountCents: 50, reason: 'Careful with the dialect, thank you!' },
  });
  expect(bonusResponse.ok()).toBe(true);
  await call(requester, 'post', `assignments/${transcripts[9]}/reject`, {
    reason: 'The transcript is not what the clip says.',
  });

  const photos = await call<Project>(requester, 'post', 'projects', {
    title: 'Is the product in the photo?',
    description: 'Check catalogue photos before they go live.',
    rewardCents: 8,
    assignmentsPerTask: 3,
    timeAllottedSeconds: 300,
    template: {
      kind: 'form',
      items: [
        { type: 'image', name: 'photo', url: '{{image_url}}', alt: 'Catalogue photo {{sku}}' },
        {
          type: 'single_choice',
          name: 'shown',
          label: 'Does the photo show a {{product}}?',
          required: true,
          options: [
            { value: 'yes', label: 'Yes' },
            { value: 'no', label: 'No' },
          ],
        },
        { type: 'textarea', name: 'problems', label: 'Anything wrong with the photo?' },
      ],
    },
  });
  await call(requester, 'post', `projects/${photos.id}/batches`, {
    rows: PHOTO_ROWS,
    filename: 'catalogue-november.csv',
  });
  await call(requester, 'post', `projects/${photos.id}/publish`);
  await doWork(
    requester,
    workers,
    photos.id,
    (i) =>
      i % 4 === 1
        ? {
            shown: 'yes',
            problems:
              'The product is right, but the photo is cropped at the top: the lid is cut off.\nThe background is light grey rather than white, and there is a reflection of the photographer in the steel on the left.',
          }
        : { shown: 'yes' },
    22,
    18,
  );

  const headlines = await call<Project>(requester, 'post', 'projects', {
    title: 'Rate how clear a news headline is',
    rewardCents: 5,
    assignmentsPerTask: 5,
    template: {
      kind: 'form',
      items: [
        {
          type: 'rating',
          name: 'clarity',
          label: 'How clear is “{{headline}}”?',
          required: true,
          max: 5,
          minLabel: 'Confusing',
          maxLabel: 'Crystal clear',
        },
      ],
    },
  });
  await call(requester, 'post', `projects/${headlines.id}/batches`, {
    rows: HEADLINES,
    filename: 'headlines.json',
  });

  const sentiment = await call<Project>(requester, 'post', 'projects', {
    title: 'App review sentiment (HTML layout)',
    rewardCents: 6,
    assignmentsPerTask: 1,
    template: {
      kind: 'html',
      html: '<p>${review}</p><form><label><input type="radio" name="s" value="pos" required> Positive</label><label><input type="radio" name="s" value="neg"> Negative</label><button>Submit</button></form>',
    },
  });
  await call(requester, 'post', `projects/${sentiment.id}/batches`, {
    rows: [{ review: 'Love the new widgets!' }, { review: 'Crashes on start since the update.' }],
  });
  await call(requester, 'post', `projects/${sentiment.id}/publish`);
  await call(requester, 'post', `projects/${sentiment.id}/pause`);

  const pilot = await call<Project>(requester, 'post', 'projects', {
    title: 'Pilot: read street signs',
    rewardCents: 3,
  });
  await call(requester, 'post', `projects/${pilot.id}/cancel`);

  for (const worker of workers) await worker.dispose();

  await page.goto('/projects');
  await expect(page.getByRole('table', { name: 'Projects' })).toBeVisible();
  await photograph(page, 'requester-dashboard');

  // A draft shows the designer at work: an item open for editing, the preview filled in.
  const draft = await call<Project>(requester, 'post', 'projects', {
    title: 'Transcribe short Alemannic voice clips (batch 2)',
    rewardCents: 40,
    assignmentsPerTask: 2,
    template: TRANSCRIBE_TEMPLATE,
  });
  await call(requester, 'post', `projects/${draft.id}/batches`, {
    rows: CLIP_ROWS.slice(0, 40),
    filename: 'freiburg-clips-batch2.csv',
  });
  await page.goto(`/projects/${draft.id}/design`);
  await page
    .getByRole('button', { name: /How clear is the recording/ })
    .first()
    .click();
  await expect(page.getByText('How clear is the recording of Anna?')).toBeVisible();
  // Up to the tabs: the designer fills the screen, as it does while someone works in it.
  await page.evaluate(() => {
    const tabs = document.querySelector('[role="tablist"]');
    if (tabs) window.scrollTo(0, tabs.getBoundingClientRect().top + window.scrollY - 76);
  });
  await photograph(page, 'requester-designer');

  // Unsaved edits ask before the page is left: here, a reworded option and a click on Funds.
  await page.getByRole('textbox', { name: 'Option 1 label' }).fill('Clear, easy to follow');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Funds' }).click();
  await expect(page.getByRole('dialog', { name: 'Leave without saving?' })).toBeVisible();
  await photograph(page, 'unsaved-changes');
  await page.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Funds');

  // A session that ended while someone worked: the sign-in page says so.
  const signedOut = await browser.newPage({ baseURL });
  await signedOut.goto(
    `/signin?reason=expired&next=${encodeURIComponent(`/projects/${draft.id}`)}`,
  );
  await expect(signedOut.getByText('Your session expired')).toBeVisible();
  await photograph(signedOut, 'session-expired');
  await signedOut.close();

  await page.goto(`/projects/${transcribe.id}/data`);
  await expect(page.getByRole('table', { name: 'Tasks' })).toBeVisible();
  await photograph(page, 'requester-data');

  await page.goto(`/projects/${transcribe.id}/preview`);
  await expect(page.getByText('How clear is the recording of Anna?')).toBeVisible();
  await photograph(page, 'requester-preview');

  await page.goto(`/projects/${headlines.id}`);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await photograph(page, 'requester-publish');

  await page.goto(`/projects/${transcribe.id}/settings`);
  await expect(page.getByRole('heading', { name: 'Pay and time' })).toBeVisible();
  await photograph(page, 'requester-settings');

  await page.goto('/qualifications');
  await expect(page.getByRole('table', { name: 'Qualification types' })).toBeVisible();
  await page.getByRole('button', { name: 'Holders of Alemannic listening test' }).click();
  await expect(
    page.getByRole('table', { name: 'Holders of Alemannic listening test' }),
  ).toBeVisible();
  await photograph(page, 'requester-qualifications');

  await page.goto('/funds');
  await expect(page.getByRole('table', { name: 'Funds history' })).toBeVisible();
  await photograph(page, 'requester-funds');

  await page.goto(`/projects/${transcribe.id}/review`);
  await expect(page.getByRole('table', { name: 'Submissions' })).toBeVisible();
  await page.evaluate(() => {
    const tabs = document.querySelector('[role="tablist"]');
    if (tabs) window.scrollTo(0, tabs.getBoundingClientRect().top + window.scrollY - 76);
  });
  await photograph(page, 'requester-review');

  // A task in full: every column and answer, the photo shown, long text wrapped.
  await serveCataloguePhotos(page);
  await page.goto(`/projects/${photos.id}/review`);
  const submissions = page.getByRole('table', { name: 'Submissions' });
  await expect(submissions).toBeVisible();
  // The newest submission: the one with a long answer.
  await submissions
    .getByRole('button', { name: /^Show task #\d+ in full$/ })
    .first()
    .click();
  const drawer = page.getByRole('dialog', { name: /^Task #\d+$/ });
  const photo = drawer.getByRole('img', { name: /^Catalogue photo SKU-/ });
  await expect(photo).toBeVisible();
  await expect
    .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
    .toBe(true);
  await photograph(page, 'requester-review-task');
  await page.keyboard.press('Escape');

  await page.goto(`/projects/${transcribe.id}/results`);
  await expect(page.getByRole('heading', { name: 'Download results' })).toBeVisible();
  await photograph(page, 'requester-results');

  await page.goto('/spending');
  await expect(page.getByRole('table', { name: 'Spending by project' })).toBeVisible();
  await photograph(page, 'requester-spending');
});
