import { expect, test } from './test.js';
import { ADMIN } from './env.js';
import { expectNoSeriousViolations, newAccount, signIn, signUp } from './helpers.js';

test('signed-out pages have no serious accessibility problems', async ({ page }) => {
  for (const [path, heading] of [
    ['/', 'Small paid tasks, done well, paid fairly.'],
    ['/signup', 'Create your account'],
    ['/signin', 'Sign in to Tessera'],
    ['/signin?reason=expired&next=%2Fprojects', 'Sign in to Tessera'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoSeriousViolations(page);
  }
});

test('sign-up with errors shown has no serious accessibility problems', async ({ page }) => {
  await page.goto('/signup');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Must not be empty')).toBeVisible();
  await expectNoSeriousViolations(page);
});

test('signed-in pages have no serious accessibility problems', async ({ page }) => {
  await signUp(page, newAccount('inclusive'), ['worker', 'requester']);
  await expectNoSeriousViolations(page);

  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile settings');
  await page.getByRole('button', { name: 'New token' }).click();
  await expectNoSeriousViolations(page);

  await page.goto('/projects');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Projects');
  await expectNoSeriousViolations(page);
});

test('the admin Users page has no serious accessibility problems', async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole('table', { name: 'Users' })).toBeVisible();
  await expectNoSeriousViolations(page);
});

test('the keyboard reaches the main content first through the skip link', async ({ page }) => {
  await signUp(page, newAccount('keyboard'), ['worker']);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
