import type { Page } from '@playwright/test';
import { expect, test } from './test.js';
import { ADMIN, BASE_URL } from './env.js';
import {
  HOME_HEADINGS,
  newAccount,
  signIn,
  signOut,
  signUp,
  submitSignIn,
  type Account,
} from './helpers.js';
import { linkIn, waitForMail } from './mailbox.js';

async function chooseNewPassword(page: Page, password: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choose a new password');
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(password);
  await page.getByRole('textbox', { name: 'Repeat the new password', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Set new password' }).click();
}

async function expectSignedInWith(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.goto('/signin');
  await submitSignIn(page, account);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADINGS.worker);
}

test('a worker who forgot their password resets it with the emailed link and signs in', async ({
  page,
}) => {
  const account = newAccount('forgot');
  await signUp(page, account, ['worker']);
  await signOut(page);

  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Forgot your password?');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(account.email);
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Check your email' })).toContainText(
    'If an account has this email',
  );

  const mail = await waitForMail(account.email, 'Reset your Tessera password');
  const link = linkIn(mail.text, `${BASE_URL}/reset-password#token=`);
  await page.goto(link);
  // The token leaves the address bar at once.
  await expect(page).toHaveURL(`${BASE_URL}/reset-password`);
  const newPassword = `new-${account.password}`;
  await chooseNewPassword(page, newPassword);
  await expect(
    page.getByRole('status').filter({ hasText: 'Your new password is set' }),
  ).toBeVisible();
  await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
  await submitSignIn(page, { email: account.email, password: newPassword });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADINGS.worker);
  await signOut(page);

  // The link works once; the old password no longer does.
  await page.goto(link);
  await chooseNewPassword(page, 'a third passphrase');
  await expect(page.getByRole('alert')).toContainText('This link does not work');
  await submitSignInAt(page, account);
  await expect(page.getByRole('alert')).toContainText('Email or password is incorrect.');
  await expectSignedInWith(page, { email: account.email, password: newPassword });
});

async function submitSignInAt(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.goto('/signin');
  await submitSignIn(page, account);
}

test('an unknown email gets the same answer and no email', async ({ page }) => {
  const nobody = newAccount('nobody');
  await page.goto('/forgot-password');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(nobody.email);
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Check your email' })).toContainText(
    'If an account has this email',
  );
});

test('an admin hands a reset link to someone whose email does not reach them', async ({
  page,
  browser,
}) => {
  const account = newAccount('unreachable');
  const context = await browser.newContext();
  const theirPage = await context.newPage();
  await signUp(theirPage, account, ['worker']);
  await signOut(theirPage);

  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await page.getByRole('searchbox', { name: 'Search' }).fill(account.email);
  await expect(page.getByRole('table', { name: 'Users' }).getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: `Reset link for ${account.displayName}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Issue link' }).click();
  const shown = page.getByRole('dialog', { name: `Reset link for ${account.displayName}` });
  const link = (await shown.getByTestId('reset-link').textContent()) ?? '';
  expect(link).toMatch(new RegExp(`^${BASE_URL}/reset-password#token=`));
  await shown.getByRole('button', { name: 'Done' }).click();

  await theirPage.goto(link);
  const newPassword = `admin-given-${account.password}`;
  await chooseNewPassword(theirPage, newPassword);
  await expect(
    theirPage.getByRole('status').filter({ hasText: 'Your new password is set' }),
  ).toBeVisible();
  await expectSignedInWith(theirPage, { email: account.email, password: newPassword });
  await context.close();
});

test('a new member confirms their email from the link, and asks for the daily digest', async ({
  page,
}) => {
  const account = newAccount('verify');
  await signUp(page, account, ['worker']);
  const notice = page.getByRole('region', { name: 'Confirm your email' });
  await expect(notice).toContainText('Please confirm your email address');
  await notice.getByRole('button', { name: 'Resend email' }).click();
  await expect(page.getByText('Email sent')).toBeVisible();

  const mail = await waitForMail(account.email, 'Confirm your email address for Tessera');
  await page.goto(linkIn(mail.text, `${BASE_URL}/verify-email#token=`));
  await expect(page.getByRole('status').filter({ hasText: 'Email confirmed' })).toBeVisible();
  await page.getByRole('link', { name: 'Continue to Tessera' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADINGS.worker);
  await expect(page.getByRole('region', { name: 'Confirm your email' })).toHaveCount(0);

  await page.goto('/settings');
  const email = page.getByRole('region', { name: 'Email' });
  await expect(email.getByText('Verified')).toBeVisible();
  await email.getByRole('switch', { name: 'Email me a daily digest' }).check();
  await expect(page.getByText('Daily digest on')).toBeVisible();
  await page.reload();
  await expect(
    page
      .getByRole('region', { name: 'Email' })
      .getByRole('switch', { name: 'Email me a daily digest' }),
  ).toBeChecked();
});
