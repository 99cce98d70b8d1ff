/**
 * Refreshes docs/screenshots/mturk-access-keys.png (the screenshots project): a requester's new
 * MTurk access key, shown once with the boto3 lines to paste, above the keys they already have.
 */
import { expect, test } from './test.js';
import { newAccount, photograph, signUp } from './helpers.js';

test('MTurk access keys in the settings', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  await signUp(page, newAccount('studio'), ['requester']);
  await page.goto('/settings#mturk-keys');
  const section = page.getByRole('region', { name: 'MTurk access keys' });
  const form = section.getByRole('form', { name: 'New access key' });
  for (const name of ['Nightly batch script', 'psiTurk on the lab server']) {
    await form.getByRole('textbox', { name: 'Key name' }).fill(name);
    await form.getByRole('button', { name: 'New access key' }).click();
    await expect(page.getByTestId('new-secret-access-key')).toBeVisible();
    if (name === 'Nightly batch script') {
      await page.getByRole('button', { name: 'I have copied it' }).click();
    }
  }
  await expect(
    section.getByRole('table', { name: 'MTurk access keys' }).getByRole('row'),
  ).toHaveCount(3);
  await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await photograph(page, 'mturk-access-keys');
});
