import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type APIRequestContext, type APIResponse, type Page } from '@playwright/test';

export type Role = 'worker' | 'requester';
export type Account = { email: string; password: string; displayName: string };

export const HOME_HEADINGS: Record<Role, string> = { worker: 'Find work', requester: 'Projects' };

export function newAccount(label: string): Account {
  const id = randomUUID().slice(0, 8);
  return {
    email: `${label}-${id}@e2e.tessera.test`,
    password: `pw-${randomUUID()}`,
    displayName: `${label[0]?.toUpperCase()}${label.slice(1)} ${id}`,
  };
}

export async function signUp(page: Page, account: Account, roles: Role[]) {
  await page.goto('/signup');
  await page.getByRole('textbox', { name: 'Display name', exact: true }).fill(account.displayName);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(account.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  for (const role of roles) await page.getByRole('checkbox', { name: `As a ${role}` }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(HOME_HEADINGS[roles[0]!]);
}

/**
 * Signs in through the form and waits until the app has left the sign-in page: a `goto` straight
 * after the click would cut the sign-in request short and land on the sign-in page again.
 */
export async function signIn(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.goto('/signin');
  await submitSignIn(page, account);
  await expect(page).not.toHaveURL(/\/signin/);
}

export async function submitSignIn(page: Page, account: Pick<Account, 'email' | 'password'>) {
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(account.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function openAccountMenu(page: Page) {
  await page.getByRole('button', { name: /^Account menu for / }).click();
}

export async function signOut(page: Page) {
  await openAccountMenu(page);
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Tessera');
}

export function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Picks an option of a Mantine Select by typing into it, as a keyboard user would. */
export async function choose(page: Page, label: string, option: string) {
  const input = page.getByRole('combobox', { name: label });
  await input.click();
  await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The response's JSON, after checking its status (the body is shown when it differs). */
export async function ok<T>(response: APIResponse, status: number): Promise<T> {
  expect(response.status(), await response.text()).toBe(status);
  return (await response.json()) as T;
}

/** The CSRF header for API calls made in a request context that holds a session cookie. */
export async function csrfHeader(request: APIRequestContext) {
  const { cookies } = await request.storageState();
  return { 'x-csrf-token': cookies.find((c) => c.name === 'csrf_token')?.value ?? '' };
}

/** Serious and critical problems block people from using a page; lesser ones are advice. */
export async function expectNoSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(blocking).toEqual([]);
}

/** Saves the page as docs/screenshots/<name>.png (the screenshots project), steady and unhovered. */
export async function photograph(page: Page, name: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({
    path: fileURLToPath(new URL(`../docs/screenshots/${name}.png`, import.meta.url)),
    animations: 'disabled',
    caret: 'hide',
  });
}
