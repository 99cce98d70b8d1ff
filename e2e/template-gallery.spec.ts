/**
 * Issue #16: projects started from the template gallery are previewed with their sample rows,
 * published with the sample CSV, done in the sandboxed task frame with Tessera's own
 * crowd-html-elements and read on the review page; an MTurk template pasted into the import
 * dialog is analysed before it is saved as-is. Media come from Tessera itself: every request to
 * another host is refused and must not happen.
 *
 * One requester and one worker serve every test of the file (CI time): the tests run in order.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, FrameLocator, Locator, Page } from '@playwright/test';
import { expect, test } from './test.js';
import { GALLERY, sampleRowsCsv } from '../src/shared/templates/gallery/index.js';
import { at, drag } from './crowd-annotation-page.js';
import { refuseOutsideRequests } from './crowd-projects.js';
import { BASE_URL } from './env.js';
import { csrfHeader, expectNoSeriousViolations, newAccount, ok } from './helpers.js';

test.describe.configure({ mode: 'serial' });

function galleryTemplate(id: string) {
  const template = GALLERY.find((t) => t.id === id);
  if (!template) throw new Error(`no gallery template ${id}`);
  return template;
}

type Side = { context: BrowserContext; page: Page; outside: string[] };
let requester: Side & { headers: Record<string, string> };
let worker: Side;

test.beforeAll(async ({ browser }) => {
  const side = async (role: 'requester' | 'worker'): Promise<Side> => {
    const context = await browser.newContext({ baseURL: BASE_URL, reducedMotion: 'reduce' });
    const outside = await refuseOutsideRequests(context);
    await ok(
      await context.request.post('/api/v1/auth/signup', {
        data: { ...newAccount(role), roles: [role] },
      }),
      201,
    );
    return { context, outside, page: await context.newPage() };
  };
  const requesterSide = await side('requester');
  const headers = await csrfHeader(requesterSide.context.request);
  await ok(
    await requesterSide.context.request.post('/api/v1/me/deposits', {
      data: { amountCents: 1000 },
      headers,
    }),
    201,
  );
  requester = { ...requesterSide, headers };
  worker = await side('worker');
});

test.afterAll(async () => {
  await requester?.context.close();
  await worker?.context.close();
});

/** Nothing the gallery's templates show came from another host. */
function nothingFetchedOutside() {
  expect(requester.outside).toEqual([]);
  expect(worker.outside).toEqual([]);
}

/** An empty draft project of the requester, its design page open. */
async function draftOnDesignPage(label: string) {
  const title = `${label} ${randomUUID().slice(0, 6)}`;
  const { id } = await ok<{ id: string }>(
    await requester.context.request.post('/api/v1/projects', {
      headers: requester.headers,
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
  await requester.page.goto(`/projects/${id}/design`);
  return { id, title };
}

/** Chooses a gallery template, checks its preview of a sample row and saves it as the design. */
async function designFromGallery(page: Page, templateTitle: string, previewShows: RegExp) {
  await page.getByRole('button', { name: 'Start from the gallery' }).click();
  const gallery = page.getByRole('dialog', { name: 'Start from the gallery' });
  await gallery.getByRole('button', { name: new RegExp(`^${templateTitle}`) }).click();
  await expect(gallery.getByRole('heading', { name: templateTitle })).toBeVisible();
  const preview = gallery.frameLocator(`iframe[title="Preview of the ${templateTitle} template"]`);
  await expect(preview.locator('crowd-form')).toBeVisible({ timeout: 30_000 });
  await expect(preview.locator('body')).toContainText(previewShows);
  await gallery.getByRole('button', { name: 'Use this template' }).click();
  await expect(gallery).toBeHidden();
  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();
}

/** The worker accepts the project's next task and is shown its frame. */
async function workerStarts(projectId: string, title: string) {
  const { page } = worker;
  await page.goto(`/work/projects/${projectId}`);
  await page.getByRole('button', { name: 'Accept and start' }).click();
  await expect(page).toHaveURL(/\/work\/[0-9a-f-]{36}$/);
  return page.frameLocator(`iframe[title="Task: ${title}"]`);
}

/** The one submitted answer of the project, as crowd-form posted it (MTurk's taskAnswers). */
async function storedAnswer(projectId: string) {
  const exported = await requester.context.request.get(
    `/api/v1/projects/${projectId}/results.json`,
  );
  expect(exported.status()).toBe(200);
  const lines = (await exported.text()).trim().split('\n');
  const submitted = lines
    .map((line) => JSON.parse(line) as { answers: Record<string, string> | null }) // the export's line schema
    .filter((line) => line.answers);
  expect(submitted).toHaveLength(1);
  const [answer] = JSON.parse(submitted[0]?.answers?.taskAnswers ?? '[]') as unknown[]; // MTurk's shape: one object in an array
  return answer as Record<string, any>; // read field by field below
}

function near(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(8);
}

type Journey = {
  id: string;
  /** Text of the first sample row that the gallery's preview shows. */
  preview: RegExp;
  /** The worker's part, inside the frame; the work page's Submit button follows. */
  work: (page: Page, frame: FrameLocator) => Promise<void>;
  check: (answer: Record<string, any>) => void;
  /** What the review page shows of the answer. */
  review: (page: Page) => Promise<void>;
};

/** A choice of a segmented control (Mantine hides its radio input): its label, as a user clicks. */
function segment(scope: Locator, name: string) {
  return scope.locator('label').filter({ hasText: new RegExp(`^${name}$`) });
}

function reviewTable(page: Page) {
  return page.getByRole('table', { name: 'Submissions' });
}

const JOURNEYS: Journey[] = [
  {
    id: 'sentiment',
    preview: /Arrived early and works perfectly/,
    work: async (page, frame) => {
      // Key 1 chooses the first category once the keyboard is in the task.
      await frame.getByText('What is the sentiment of this review?').click();
      await page.keyboard.press('1');
      await expect(frame.getByRole('radio', { name: 'Positive' })).toBeChecked();
    },
    check: (answer) => expect(answer).toEqual({ sentiment: { label: 'Positive' } }),
    review: async (page) => {
      await expect(reviewTable(page).getByText('sentiment.label')).toBeVisible();
      await expect(reviewTable(page).getByText('Positive', { exact: true })).toBeVisible();
    },
  },
  {
    id: 'bounding-box',
    preview: /Draw a box around each vehicle/,
    work: async (page, frame) => {
      const box = 'crowd-bounding-box';
      await expect(frame.locator(`${box} svg.overlay`)).toBeVisible();
      await drag(
        page,
        await at(frame, box, 200 / 1600, 520 / 1000),
        await at(frame, box, 620 / 1600, 720 / 1000),
      );
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
    review: async (page) => {
      const drawing = reviewTable(page).getByRole('img', {
        name: "annotatedResult: 1 box drawn on the task's image",
      });
      await expect(drawing.locator('rect')).toHaveCount(1);
      await expect(drawing.locator('text')).toHaveText(['car']);
    },
  },
  {
    id: 'keypoints',
    preview: /Mark each point on the figure/,
    work: async (page, frame) => {
      const tag = 'crowd-keypoint';
      await expect(frame.locator(`${tag} svg.overlay`)).toBeVisible();
      const head = await at(frame, tag, 400 / 800, 180 / 1000);
      await page.mouse.click(head.x, head.y);
      const hand = await at(frame, tag, 600 / 800, 440 / 1000);
      await page.mouse.click(hand.x, hand.y);
    },
    check: (answer) => {
      const points = answer.pose.keypoints as { label: string; x: number; y: number }[];
      expect(points.map((p) => p.label)).toEqual(['head', 'left hand']);
      near(points[0]?.x ?? 0, 400);
      near(points[0]?.y ?? 0, 180);
      near(points[1]?.x ?? 0, 600);
    },
    review: async (page) => {
      const drawing = reviewTable(page).getByRole('img', {
        name: "pose: 2 points drawn on the task's image",
      });
      await expect(drawing.locator('circle > title')).toHaveText(['head', 'left hand']);
      await expect(reviewTable(page).getByText('left hand × 1')).toBeVisible();
    },
  },
  {
    id: 'audio-transcription',
    preview: /Listen to the clip/,
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
    review: async (page) => {
      await expect(reviewTable(page).getByText('Two rising notes', { exact: true })).toBeVisible();
    },
  },
  {
    id: 'survey',
    preview: /About a bicycle/,
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
    review: async (page) => {
      const table = reviewTable(page);
      await expect(table.getByText('More gears', { exact: true })).toBeVisible();
      await expect(table.getByText('9', { exact: true }).first()).toBeVisible();
    },
  },
];

for (const journey of JOURNEYS) {
  const template = galleryTemplate(journey.id);
  test(`gallery: ${template.title} is previewed, published with its sample rows, done and reviewed`, async () => {
    // The designer, a task in a frame and the review page.
    test.slow();
    const { page, headers } = requester;
    const { id, title } = await draftOnDesignPage(template.title);
    await designFromGallery(page, template.title, journey.preview);
    await ok(
      await requester.context.request.post(`/api/v1/projects/${id}/batches`, {
        headers: { ...headers, 'content-type': 'text/csv' },
        data: sampleRowsCsv(template, BASE_URL),
      }),
      201,
    );
    await ok(
      await requester.context.request.post(`/api/v1/projects/${id}/publish`, { headers }),
      200,
    );

    const frame = await workerStarts(id, title);
    await expect(frame.locator('crowd-form')).toBeVisible();
    await journey.work(worker.page, frame);
    await worker.page.getByRole('button', { name: 'Submit' }).click();
    await expect(worker.page.getByRole('heading', { name: 'Task submitted' })).toBeVisible();

    journey.check(await storedAnswer(id));
    await page.goto(`/projects/${id}/review`);
    await expect(reviewTable(page)).toBeVisible({ timeout: 30_000 });
    await journey.review(page);
    nothingFetchedOutside();
  });
}

test('gallery: search, categories and the empty state; the preview switches sample rows', async () => {
  const { page } = requester;
  await draftOnDesignPage('Browsing');
  await page.getByRole('button', { name: 'Start from the gallery' }).click();
  const gallery = page.getByRole('dialog', { name: 'Start from the gallery' });
  const cards = gallery.getByRole('list', { name: 'Templates' }).getByRole('listitem');
  await expect(cards).toHaveCount(GALLERY.length);
  await segment(gallery, 'Text').click();
  await gallery.getByRole('button', { name: /^Sentiment of a review/ }).click();
  const preview = gallery.frameLocator(
    'iframe[title="Preview of the Sentiment of a review template"]',
  );
  await expect(preview.locator('body')).toContainText('Arrived early and works perfectly');
  await segment(gallery, '2').click();
  await expect(preview.locator('body')).toContainText('The kettle leaks after two days');
  // The dialog, its cards and controls, and the crowd elements in its preview frame.
  await expectNoSeriousViolations(page);

  await segment(gallery, 'Images').click();
  await expect(cards).toHaveCount(4);
  await gallery.getByRole('textbox', { name: 'Search templates' }).fill('no such template');
  await expect(gallery.getByText('No template matches')).toBeVisible();
  await gallery.getByRole('button', { name: 'Show all templates' }).click();
  await expect(cards).toHaveCount(GALLERY.length);
  nothingFetchedOutside();
});

const MTURK_TEMPLATE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>
<crowd-form answer-format="flatten-objects">
  <crowd-image-classifier name="category" src="\${image_url}" header="\${question}"
    categories="['Cat', 'Dog']"></crowd-image-classifier>
  <crowd-video-classifier name="clip" src="\${video_url}"></crowd-video-classifier>
</crowd-form>`;

test('import: a pasted MTurk template is analysed, then saved as-is', async () => {
  const { page } = requester;
  const { id } = await draftOnDesignPage('Imported');
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
  await expectNoSeriousViolations(page);

  await dialog.getByRole('button', { name: 'Import as-is' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Save design' }).click();
  await expect(page.getByText('All changes saved')).toBeVisible();
  const project = await ok<{ template: { kind: string; html: string } }>(
    await requester.context.request.get(`/api/v1/projects/${id}`),
    200,
  );
  expect(project.template).toEqual({ kind: 'html', html: MTURK_TEMPLATE });
  // The designer's preview runs the template as the task would: Amazon's script is Tessera's own,
  // and the one request that leaves is the jQuery the template itself names (and the report
  // listed as unsupported).
  await expect
    .poll(() => requester.outside)
    .toEqual(['https://code.jquery.com/jquery-3.7.1.min.js']);

  // A giant inline picture is refused with its size, and nothing can be imported.
  await page.getByRole('button', { name: 'Import MTurk template' }).click();
  await dialog
    .getByRole('textbox', { name: 'MTurk template HTML' })
    .fill(`<crowd-form><img src="data:image/png;base64,${'A'.repeat(100_000)}"></crowd-form>`);
  await expect(dialog.getByRole('alert')).toContainText('inline image/png file is 98 KB');
  await expect(dialog.getByRole('button', { name: 'Import as-is' })).toBeDisabled();
});
