/**
 * Photographs the password reset pages and the admin's reset link for docs/screenshots (run
 * with SCREENSHOTS=1, see screenshots.spec.ts).
 */
import { expect, test } from './test.js';
import { ADMIN, BASE_URL } from './env.js';
import { photograph, signIn } from './helpers.js';
import { linkIn, waitForMail } from './mailbox.js';

const NADIA = {
  email: 'nadia.haddad@example.org',
  password: 'a-long-demo-password',
  displayName: 'Nadia Haddad',
  roles: ['worker'],
};

test('forgot password and reset password', async ({ page, playwright }) => {
  const request = await playwright.request.newContext({ baseURL: BASE_URL });
  expect((await request.post('/api/v1/auth/signup', { data: NADIA })).status()).toBe(201);
  await request.dispose();

  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(NADIA.email);
  await photograph(page, 'forgot-password');
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByText('Check your email')).toBeVisible();

  const mail = await waitForMail(NADIA.email, 'Reset your Tessera password');
  await page.goto(linkIn(mail.text, `${BASE_URL}/reset-password#token=`));
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill('correct horse');
  await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill('correct');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Does not match the new password')).toBeVisible();
  await photograph(page, 'reset-password');
});

test('an admin issues a reset link', async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole('searchbox', { name: 'Search' }).fill('nadia');
  // The search is debounced: wait for the filtered table before opening a row's dialog.
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Reset link for Nadia Haddad' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Issue link' }).click();
  await expect(page.getByTestId('reset-link')).toBeVisible();
  await photograph(page, 'admin-reset-link');
});
