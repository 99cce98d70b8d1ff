import { GetAccountBalanceCommand, MTurkClient } from '@aws-sdk/client-mturk';
import { expect, test } from './test.js';
import { newAccount, signUp } from './helpers.js';

test('a requester creates an MTurk access key, uses it with the AWS SDK, sees the use and deletes it', async ({
  page,
  baseURL,
}) => {
  await signUp(page, newAccount('mturker'), ['requester']);
  await page.goto('/settings');

  const section = page.getByRole('region', { name: 'MTurk access keys' });
  await expect(section.getByText('You have no access keys.')).toBeVisible();
  const form = section.getByRole('form', { name: 'New access key' });
  await form.getByRole('button', { name: 'New access key' }).click();
  await expect(form.getByText(/must not be empty/i)).toBeVisible();
  await form.getByRole('textbox', { name: 'Key name' }).fill('boto3 on my laptop');
  await form.getByRole('button', { name: 'New access key' }).click();

  const accessKeyId = (await page.getByTestId('new-access-key-id').textContent()) ?? '';
  const secretAccessKey = (await page.getByTestId('new-secret-access-key').textContent()) ?? '';
  expect(accessKeyId).toMatch(/^TKIA[A-Z2-7]{16}$/);
  expect(secretAccessKey).toHaveLength(40);
  await expect(page.getByTestId('new-access-key-boto3')).toContainText(
    `aws_secret_access_key="${secretAccessKey}"`,
  );
  await expect(page.getByRole('button', { name: 'Copy secret access key' })).toBeVisible();

  const mturk = new MTurkClient({
    endpoint: `${baseURL}/mturk`,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
    maxAttempts: 1,
  });
  expect((await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance).toBe('0.00');

  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByTestId('new-secret-access-key')).toHaveCount(0);
  // Read again, to show the use just made; a reload on a busy machine may take a while.
  await page.reload();
  const keys = page.getByRole('table', { name: 'MTurk access keys' });
  await expect(keys.getByText('boto3 on my laptop')).toBeVisible({ timeout: 30_000 });
  await expect(keys.getByText(accessKeyId)).toBeVisible();
  await expect(keys.getByText(/Last used/)).toBeVisible();
  await expect(page.getByText(secretAccessKey)).toHaveCount(0);

  await keys.getByRole('button', { name: 'Delete boto3 on my laptop' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete key' }).click();
  await expect(keys).toHaveCount(0);
  await expect(page.getByText('You have no access keys.')).toBeVisible();
  await expect(mturk.send(new GetAccountBalanceCommand({}))).rejects.toMatchObject({
    name: 'UnrecognizedClientException',
  });
});
