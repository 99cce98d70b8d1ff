/**
 * Issue #16: projects started from the template gallery are done in the sandboxed task frame
 * with Tessera's own crowd-html-elements and reviewed; an MTurk template pasted into the import
 * dialog is analysed before it is saved as-is. Media come from Tessera itself: every request to
 * another host is refused and must not happen.
 */
import { randomUUID } from 'node:crypto';
import {
  expect,
  test,
  type APIRequestContext,
  type BrowserContext,
  type FrameLocator,
  type Page,
} from '@playwright/test';
import { GALLERY, sampleRowsCsv } from '../src/shared/templates/gallery/index.js';
import { BASE_URL } from './env.js';
import { csrfHeader, newAccount, ok, photograph, signIn } from './helpers.js';

/** Every request any page of `context` makes to a host other than this machine, refused. */
async function refuseOutsideRequests(context: BrowserContext): Promise<string[]> {
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

function galleryTemplate(id: string) {
  const template = GALLERY.find((t) => t.id === id);
  if (!template) throw new Error(`no gallery template ${id}`);
  return template;
}

/** A signed-in requester with money and an empty draft project, on its design page. */
async function requesterWithDraft(page: Page, request: APIRequestContext, label: string) {
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
        description: 'Made from the gallery.',
        instructions: 'Do the task as the page says.',
        rewardCents: 10,
        assignmentsPerTask: 1,
        timeAllottedSeconds: 600,
        template: { kind: 'form', items: [] },
      },
    }),
    201,
  );
  await signIn(page, requester);
  await page.goto(`/projects/${id}/design`);
  return { id, title, headers };
}

/** Chooses a gallery template in the designer, previews it and saves it as the design. */
async function designFromGallery(page: Page, templateTitle: string) {
  await page.getByRole('button', { name: 'Start from the gallery' }).click();
  const gallery = page.getByRole('dialog', { name: 'Start from the gallery' });
  await gallery.getByRole('button', { name: new RegExp(`^${templateTitle}`) }).click();
  await expect(gallery.getByRole('heading', { name: templateTitle })).toBeVisible();
  await gallery.getByRole('button', { name: 'Use this template' }).click();
  await expect(gallery).toBeHidden();
  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();
}

/** A new worker accepts the project's next task and is shown its frame. */
async function workerStarts(context: BrowserContext, projectId: string, title: string) {
  const worker = newAccount('worker');
  await ok(
    await context.request.post('/api/v1/auth/signup', { data: { ...worker, roles: ['worker'] } }),
    201,
  );
  const page = await context.newPage();
  await page.goto(`/work/projects/${projectId}`);
  await page.getByRole('button', { name: 'Accept and start' }).click();
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  return { page, frame: page.frameLocator(`iframe[title="Task: ${title}"]`) };
}

/** The one submitted answer of the project, as crowd-form posted it (MTurk's taskAnswers). */
async function storedAnswer(request: APIRequestContext, projectId: string) {
  const exported = await request.get(`/api/v1/projects/${projectId}/results.json`);
  expect(exported.status()).toBe(200);
  const lines = (await exported.text()).trim().split('\n');
  const submitted = lines
    .map((line) => JSON.parse(line) as { answers: Record<string, string> | null }) // the export's line schema
    .filter((line) => line.answers);
  expect(submitted).toHaveLength(1);
  const [answer] = JSON.parse(submitted[0]?.answers?.taskAnswers ?? '[]') as unknown[]; // MTurk's shape: one object in an array
  return answer as Record<string, any>; // read field by field below
}

async function reviewShows(page: Page, projectId: string, texts: string[]) {
  await page.goto(`/projects/${projectId}/review`);
  const table = page.getByRole('table', { name: 'Submissions' });
  await expect(table).toBeVisible({ timeout: 30_000 });
  for (const text of texts)
    await expect(table.getByText(text, { exact: true }).first()).toBeVisible();
}

/** A point on the overlay of an annotation element, from a point of its natural image. */
async function imagePoint(
  frame: FrameLocator,
  tag: string,
  x: number,
  y: number,
  w: number,
  h: number,
) {
  const overlay = frame.locator(`${tag} svg.overlay`);
  await overlay.scrollIntoViewIfNeeded();
  const box = await overlay.boundingBox();
  if (!box) throw new Error(`${tag} has no overlay`);
  return { x: box.x + (box.width * x) / w, y: box.y + (box.height * y) / h };
}

function near(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(8);
}

type Journey = {
  id: string;
  /** The worker's part, inside the frame; the work page's Submit button follows. */
  work: (page: Page, frame: FrameLocator) => Promise<void>;
  check: (answer: Record<string, any>) => void;
  /** What the review page reads out. */
  review: string[];
};

const JOURNEYS: Journey[] = [
  {
    id: 'sentiment',
    work: async (_page, frame) => {
      await frame.getByRole('radio', { name: 'Positive' }).click();
    },
    check: (answer) => expect(answer).toEqual({ sentiment: { label: 'Positive' } }),
    review: ['sentiment.label', 'Positive'],
  },
  {
    id: 'bounding-box',
    work: async (page, frame) => {
      const from = await imagePoint(frame, 'crowd-bounding-box', 200, 520, 1600, 1000);
      const to = await imagePoint(frame, 'crowd-bounding-box', 620, 720, 1600, 1000);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2);
      await page.mouse.move(to.x, to.y);
      await page.mouse.up();
      await expect(frame.getByRole('status')).toContainText('Added box 1');
    },
    check: (answer) => {
      const result = answer.annotatedResult;
      expect(result.inputImageProperties).toEqual({ height: 1000, width: 1600 });
      expect(result.boundingBoxes).toHaveLength(1);
      expect(result.boundingBoxes[0].label).toBe('car');
      near(result.boundingBoxes[0].left, 200);
      near(result.boundingBoxes[0].top, 520);
      near(result.boundingBoxes[0].width, 420);
    },
    review: ['car'],
  },
  {
    id: 'keypoints',
    work: async (page, frame) => {
      const head = await imagePoint(frame, 'crowd-keypoint', 400, 180, 800, 1000);
      await page.mouse.click(head.x, head.y);
      const hand = await imagePoint(frame, 'crowd-keypoint', 600, 440, 800, 1000);
      await page.mouse.click(hand.x, hand.y);
    },
    check: (answer) => {
      const points = answer.pose.keypoints as { label: string; x: number; y: number }[];
      expect(points.map((p) => p.label)).toEqual(['head', 'left hand']);
      near(points[0]?.x ?? 0, 400);
      near(points[0]?.y ?? 0, 180);
      near(points[1]?.x ?? 0, 600);
    },
    review: ['head', 'left hand'],
  },
  {
    id: 'audio-transcription',
    work: async (_page, frame) => {
      const audio = frame.getByLabel('The clip to transcribe');
      await expect(audio).toHaveAttribute('src', new RegExp(`^${BASE_URL}/gallery/\\w+\\.wav$`));
      // The clip was fetched from Tessera and decoded: its length is known.
      await expect
        .poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration))
        .toBeGreaterThan(0.5);
      await frame.getByRole('textbox', { name: 'Transcript' }).fill('Two rising notes');
      await frame.getByRole('checkbox', { name: 'Some of it was too unclear to hear' }).check();
    },
    check: (answer) =>
      expect(answer).toEqual({ transcript: 'Two rising notes', unclear: { on: true } }),
    review: ['Two rising notes'],
  },
  {
    id: 'survey',
    work: async (_page, frame) => {
      await frame.getByRole('radio', { name: 'Every week' }).click();
      const slider = frame.getByRole('slider', { name: 'How satisfied are you, from 0 to 10?' });
      await slider.focus();
      await slider.press('End');
      await slider.press('ArrowLeft');
      await frame.getByRole('textbox', { name: 'Anything you would change?' }).fill('More gears');
    },
    check: (answer) => {
      expect(answer.weekly).toEqual({ weekly: true });
      expect(answer.daily).toEqual({ daily: false });
      expect(answer.satisfaction).toBe(9);
      expect(answer.comment).toBe('More gears');
    },
    review: ['More gears', '9'],
  },
];

for (const journey of JOURNEYS) {
  const template = galleryTemplate(journey.id);
  test(`gallery: ${template.title} is designed, published with its sample rows, done and reviewed`, async ({
    page,
    browser,
    request,
    context,
  }) => {
    // Two accounts, the designer, a task in a frame and the review page.
    test.slow();
    const outside = await refuseOutsideRequests(context);
    const { id, title, headers } = await requesterWithDraft(page, request, template.title);
    await designFromGallery(page, template.title);
    await ok(
      await request.post(`/api/v1/projects/${id}/batches`, {
        headers: { ...headers, 'content-type': 'text/csv' },
        data: sampleRowsCsv(template, BASE_URL),
      }),
      201,
    );
    await ok(await request.post(`/api/v1/projects/${id}/publish`, { headers }), 200);

    const workerContext = await browser.newContext({ baseURL: BASE_URL });
    const workerOutside = await refuseOutsideRequests(workerContext);
    const { page: workerPage, frame } = await workerStarts(workerContext, id, title);
    await expect(frame.locator('crowd-form')).toBeVisible();
    await journey.work(workerPage, frame);
    await workerPage.getByRole('button', { name: 'Submit' }).click();
    await expect(workerPage.getByRole('heading', { name: 'Task submitted' })).toBeVisible();
    await workerContext.close();

    journey.check(await storedAnswer(request, id));
    await reviewShows(page, id, journey.review);
    expect(outside).toEqual([]);
    expect(workerOutside).toEqual([]);
  });
}

test('gallery: search, categories and the empty state; the preview shows a sample row', async ({
  page,
  request,
}) => {
  await requesterWithDraft(page, request, 'Browsing');
  await page.getByRole('button', { name: 'Start from the gallery' }).click();
  const gallery = page.getByRole('dialog', { name: 'Start from the gallery' });
  const cards = gallery.getByRole('list', { name: 'Templates' }).getByRole('listitem');
  await expect(cards).toHaveCount(GALLERY.length);
  await gallery.getByRole('radio', { name: 'Images' }).check({ force: true });
  await expect(cards).toHaveCount(4);
  await gallery.getByRole('button', { name: /^Draw boxes around objects/ }).click();
  const preview = gallery.frameLocator(
    'iframe[title="Preview of the Draw boxes around objects template"]',
  );
  await expect(preview.locator('crowd-bounding-box svg.overlay')).toBeVisible({ timeout: 30_000 });
  if (process.env.SCREENSHOTS) await photograph(page, 'template-gallery');

  await gallery.getByRole('radio', { name: 'All' }).check({ force: true });
  await gallery.getByRole('textbox', { name: 'Search templates' }).fill('no such template');
  await expect(gallery.getByText('No template matches')).toBeVisible();
  await gallery.getByRole('button', { name: 'Show all templates' }).click();
  await expect(cards).toHaveCount(GALLERY.length);
});

const MTURK_TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
<crowd-form answer-format="flatten-objects">
  <crowd-image-classifier name="category" src="\${image_url}" header="\${question}"
    categories="['Cat', 'Dog']"></crowd-image-classifier>
  <crowd-video-classifier name="clip" src="\${video_url}"></crowd-video-classifier>
</crowd-form>`;

test('import: a pasted MTurk template is analysed, then saved as-is', async ({ page, request }) => {
  const { id } = await requesterWithDraft(page, request, 'Imported');
  await page.getByRole('button', { name: 'Import MTurk template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an MTurk template' });
  await dialog.getByRole('textbox', { name: 'MTurk template HTML' }).fill(MTURK_TEMPLATE);
  const columns = dialog.getByRole('table', { name: 'Columns the batch needs' });
  await expect(columns.getByRole('row')).toHaveCount(4);
  await expect(columns.getByRole('row', { name: /image_url/ })).toContainText('a web address');
  await expect(columns.getByRole('row', { name: /question/ })).toContainText('any text');
  await expect(dialog.getByText('What Tessera cannot support (2)')).toBeVisible();
  await expect(dialog.getByText(/The script https:\/\/code\.jquery\.com/)).toBeVisible();
  await expect(dialog.getByText(/Tessera has no <crowd-video-classifier> element/)).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Crowd elements used' })).toContainText(
    '<crowd-image-classifier>',
  );
  if (process.env.SCREENSHOTS) await photograph(page, 'template-import');

  await dialog.getByRole('button', { name: 'Import as-is' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();
  const project = await ok<{ template: { kind: string; html: string } }>(
    await request.get(`/api/v1/projects/${id}`),
    200,
  );
  expect(project.template).toEqual({ kind: 'html', html: MTURK_TEMPLATE });

  // A giant inline picture is refused with its size, and nothing can be imported.
  await page.getByRole('button', { name: 'Import MTurk template' }).click();
  await dialog
    .getByRole('textbox', { name: 'MTurk template HTML' })
    .fill(`<crowd-form><img src="data:image/png;base64,${'A'.repeat(100_000)}"></crowd-form>`);
  await expect(dialog.getByRole('alert')).toContainText('inline image/png file is 98 KB');
  await expect(dialog.getByRole('button', { name: 'Import as-is' })).toBeDisabled();
});
