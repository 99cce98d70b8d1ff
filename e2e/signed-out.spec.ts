/**
 * A signed-out visitor's pages load without a failed request: the browser's console stays clean
 * (a 401 from asking who is signed in used to be logged on every page).
 */
import { expect, test } from './test.js';

test('signed-out pages make no failing requests and log no errors', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  for (const [path, heading] of [
    ['/signin', 'Sign in to Tessera'],
    ['/signup', 'Create your account'],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  }
  expect(problems).toEqual([]);
});
