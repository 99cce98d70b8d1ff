/**
 * Refreshes docs/screenshots/template-gallery.png and template-import.png (the screenshots
 * project): the designer's gallery previewing the bounding-box template with a sample row, and
 * the report on an MTurk template written as Amazon's examples are (e2e/fixtures). The review of
 * a boxed task (review-bounding-boxes.png) is taken by e2e/crowd-amazon-fixture.spec.ts when
 * SCREENSHOTS is set, at the end of its journey.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from './test.js';
import { requesterWithDraft } from './crowd-projects.js';
import { photograph, signIn } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/amazon-bounding-box.html', import.meta.url));

test('the template gallery and the MTurk import report', async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  const { requester, id } = await requesterWithDraft(request, 'Vehicles in street photos');
  await signIn(page, requester);
  await page.goto(`/projects/${id}/design`);

  await page.getByRole('button', { name: 'Start from the gallery' }).click();
  const gallery = page.getByRole('dialog', { name: 'Start from the gallery' });
  await gallery.getByRole('button', { name: /^Draw boxes around objects/ }).click();
  const preview = gallery.frameLocator(
    'iframe[title="Preview of the Draw boxes around objects template"]',
  );
  await expect(preview.locator('crowd-bounding-box svg.overlay')).toBeVisible({ timeout: 30_000 });
  await photograph(page, 'template-gallery');
  await page.keyboard.press('Escape');
  await expect(gallery).toBeHidden();

  await page.getByRole('button', { name: 'Import MTurk template' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import an MTurk template' });
  await dialog.locator('input[type="file"]').setInputFiles(FIXTURE);
  await expect(dialog.getByRole('table', { name: 'Columns the batch needs' })).toBeVisible();
  await dialog.getByRole('heading', { name: 'Crowd elements used' }).scrollIntoViewIfNeeded();
  await photograph(page, 'template-import');
});
