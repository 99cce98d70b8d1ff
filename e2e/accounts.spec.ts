import { expect, test } from './test.js';
import { ADMIN } from './env.js';
import {
  choose,
  expectNoSeriousViolations,
  HOME_HEADINGS,
  newAccount,
  openAccountMenu,
  sidebar,
  signIn,
  signOut,
  signUp,
  submitSignIn,
  type Role,
} from './helpers.js';

const OTHER_ROLE: Record<Role, Role> = { worker: 'requester', requester: 'worker' };
const NAV_ITEMS: Record<Role, string[]> = {
  worker: ['Find work', 'My work', 'Earnings'],
  requester: ['Projects', 'Qualifications', 'Funds'],
};

for (const role of ['worker', 'requester'] as const) {
  test(`a new ${role} signs up, signs out, signs in again and edits their profile`, async ({
    page,
  }) => {
    const account = newAccount(role);

    await page.goto('/');
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await signUp(page, account, [role]);

    for (const item of NAV_ITEMS[role]) {
      await expect(sidebar(page).getByRole('link', { name: item })).toBeVisible();
    }
    for (const item of NAV_ITEMS[OTHER_ROLE[role]]) {
      await expect(sidebar(page).getByRole('link', { name: item })).toHaveCount(0);
    }
    await expect(sidebar(page).getByRole('link', { name: 'Users' })).toHaveCount(0);

    await signOut(page);
    await submitSignIn(page, account);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADINGS[role]);

    await openAccountMenu(page);
    await page.getByRole('menuitem', { name: 'Profile settings' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile settings');

    const handle = `${role}_${account.email.split('-')[1]!.slice(0, 8)}`;
    const profile = page.getByRole('form', { name: 'Profile' });
    await profile
      .getByRole('textbox', { name: 'Display name', exact: true })
      .fill(`${account.displayName} Renamed`);
    await profile.getByRole('textbox', { name: 'Handle', exact: true }).fill(handle);
    await profile
      .getByRole('textbox', { name: 'Bio', exact: true })
      .fill(`I am a ${role} testing Tessera.`);
    await choose(page, 'Country', 'Germany');
    await choose(page, 'Time zone', 'Europe/Berlin');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('Profile saved')).toBeVisible();

    await page.reload();
    await expect(profile.getByRole('textbox', { name: 'Display name', exact: true })).toHaveValue(
      `${account.displayName} Renamed`,
    );
    await expect(profile.getByRole('textbox', { name: 'Handle', exact: true })).toHaveValue(handle);
    await expect(profile.getByRole('textbox', { name: 'Bio', exact: true })).toHaveValue(
      `I am a ${role} testing Tessera.`,
    );
    await expect(page.getByRole('combobox', { name: 'Country' })).toHaveValue('Germany');
    await expect(page.getByRole('combobox', { name: 'Time zone' })).toHaveValue('Europe/Berlin');

    // The public profile shows the new details and nothing private.
    await page.getByRole('link', { name: 'View your public profile' }).click();
    await expect(page).toHaveURL(new RegExp(`/u/${handle}$`));
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(
      `${account.displayName} Renamed`,
    );
    await expect(main.getByText(`I am a ${role} testing Tessera.`)).toBeVisible();
    await expect(main.getByText('Germany')).toBeVisible();
    await expect(main.getByText(account.email)).toHaveCount(0);
  });
}

test('a wrong password or an unknown email gets the same generic error', async ({ page }) => {
  const account = newAccount('forgetful');
  await signUp(page, account, ['worker']);
  await signOut(page);

  await submitSignIn(page, { email: account.email, password: 'not-the-password' });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Email or password is incorrect.');
  await expect(page).toHaveURL(/\/signin$/);

  await submitSignIn(page, { email: `nobody-${account.email}`, password: 'not-the-password' });
  await expect(alert).toContainText('Email or password is incorrect.');
});

test('a worker cannot reach the admin Users page', async ({ page }) => {
  await signUp(page, newAccount('curious'), ['worker']);
  await page.goto('/admin/users');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'You do not have access to this page',
  );
  await expect(page.getByText('This page is for administrators')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Users' })).toHaveCount(0);
  await expect(sidebar(page).getByRole('link', { name: 'Users' })).toHaveCount(0);
});

test('sign-up checks input and shows the server’s answer on the right field', async ({ page }) => {
  const existing = newAccount('taken');
  await signUp(page, existing, ['requester']);
  await signOut(page);

  await page.goto('/signup');
  await page.getByRole('textbox', { name: 'Display name', exact: true }).fill('Someone Else');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(existing.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Must be at least 10 characters')).toBeVisible();
  await expect(page.getByText('Choose at least one role: worker or requester')).toBeVisible();

  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('a-long-enough-password');
  await page.getByRole('checkbox', { name: 'As a worker' }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  const email = page.getByRole('textbox', { name: 'Email', exact: true });
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('An account with this email already exists.')).toBeVisible();
  await expect(page).toHaveURL(/\/signup$/);
});

test('a signed-out visitor is sent to sign in, then back to the page they asked for', async ({
  page,
}) => {
  const account = newAccount('returning');
  await signUp(page, account, ['worker']);
  await signOut(page);

  await page.goto('/settings');
  await expect(page).toHaveURL(/\/signin\?next=%2Fsettings$/);
  await submitSignIn(page, account);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile settings');
});

test('a worker becomes a requester too and changes their password', async ({ page }) => {
  const account = newAccount('versatile');
  await signUp(page, account, ['worker']);
  await page.goto('/settings');

  await page.getByRole('button', { name: 'Become a requester too' }).click();
  await expect(sidebar(page).getByRole('link', { name: 'Projects' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Become a requester too' })).toHaveCount(0);

  const form = page.getByRole('form', { name: 'Change password' });
  await form
    .getByRole('textbox', { name: 'Current password', exact: true })
    .fill('wrong-current-password');
  await form.getByRole('textbox', { name: 'New password', exact: true }).fill('the-new-password-1');
  await form
    .getByRole('textbox', { name: 'Repeat the new password', exact: true })
    .fill('the-new-password-1');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('Is not your current password')).toBeVisible();

  await form.getByRole('textbox', { name: 'Current password', exact: true }).fill(account.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed')).toBeVisible();

  await signOut(page);
  await signIn(page, { email: account.email, password: 'the-new-password-1' });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find work');
  await expect(sidebar(page).getByRole('link', { name: 'Funds' })).toBeVisible();
});

test('a personal access token is shown once, works with the API, and can be revoked', async ({
  page,
  request,
}) => {
  await signUp(page, newAccount('scripter'), ['requester']);
  await page.goto('/settings');

  await page.getByRole('button', { name: 'New token' }).click();
  const form = page.getByRole('form', { name: 'New access token' });
  await form.getByRole('textbox', { name: 'Token name', exact: true }).fill('Upload script');
  await form.getByRole('checkbox', { name: 'profile' }).check();
  await form.getByRole('checkbox', { name: 'projects:read' }).check();
  await form.getByRole('button', { name: 'Create token' }).click();

  const secret = (await page.getByTestId('new-token').textContent()) ?? '';
  expect(secret.length).toBeGreaterThan(20);
  await expect(page.getByRole('button', { name: 'Copy token' })).toBeVisible();

  const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);

  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  const tokens = page.getByRole('table', { name: 'Access tokens' });
  await expect(tokens.getByText('Upload script')).toBeVisible();
  await expect(tokens.getByText('projects:read')).toBeVisible();
  await expect(tokens.getByText(secret)).toHaveCount(0);

  await tokens.getByRole('button', { name: 'Revoke Upload script' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(tokens).toHaveCount(0);
  await expect(page.getByText('You have no access tokens.')).toBeVisible();

  const after = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});

test('an admin finds a user, suspends them after confirming, and reinstates them', async ({
  browser,
  page,
}) => {
  const target = newAccount('suspect');
  const targetContext = await browser.newContext();
  const targetPage = await targetContext.newPage();
  await signUp(targetPage, target, ['worker']);

  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  await page.getByRole('searchbox', { name: 'Search' }).fill(target.email);
  const users = page.getByRole('table', { name: 'Users' });
  await expect(users.getByRole('row')).toHaveCount(2);
  await expect(users.getByText(target.email)).toBeVisible();

  await users.getByRole('button', { name: `Suspend ${target.displayName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Suspend ${target.displayName}?` });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(users.getByText('Active')).toBeVisible();

  await users.getByRole('button', { name: `Suspend ${target.displayName}` }).click();
  await dialog.getByRole('button', { name: 'Suspend' }).click();
  await expect(users.getByText('Suspended')).toBeVisible();

  // Their session has ended: the next thing they do sends them to sign in, and they cannot.
  await targetPage.reload();
  await expect(targetPage).toHaveURL(/\/signin/);
  await submitSignIn(targetPage, target);
  await expect(targetPage.getByRole('alert')).toContainText('suspended');

  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Suspended' }).click();
  await expect(users.getByText(target.email)).toBeVisible();
  await users.getByRole('button', { name: `Reinstate ${target.displayName}` }).click();
  await page
    .getByRole('dialog', { name: `Reinstate ${target.displayName}?` })
    .getByRole('button', { name: 'Reinstate' })
    .click();
  await expect(users).toHaveCount(0);
  await expect(page.getByText('No users match')).toBeVisible();

  await submitSignIn(targetPage, target);
  await expect(targetPage.getByRole('heading', { level: 1 })).toHaveText('Find work');

  // Both steps are in the audit log, with who did them; selecting the name narrows it to them.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit log');
  const log = page.getByRole('table', { name: 'Audit log' });
  await log
    .getByRole('button', { name: `Show only entries about ${target.displayName}` })
    .first()
    .click();
  await expect(page.getByText(`About ${target.displayName}`)).toBeVisible();
  await expect(log.getByRole('row')).toHaveCount(3);
  await expect(log.getByRole('row').nth(1)).toContainText('Account reinstated');
  await expect(log.getByRole('row').nth(2)).toContainText('Account suspended');
  await expectNoSeriousViolations(page);

  // The user sees what was done to their account, and by whom.
  await targetPage.goto('/settings#activity');
  const activity = targetPage.getByRole('table', { name: 'Account activity' });
  await expect(activity.getByRole('row').nth(1)).toContainText('Account reinstated');
  await expect(activity.getByRole('row').nth(2)).toContainText('Account suspended');
  await expect(activity.getByRole('row').nth(2)).toContainText(ADMIN.displayName);
  await targetContext.close();
});
