import { expect, test } from './test.js';
import { Webhook } from 'standardwebhooks';
import { newAccount, signUp } from './helpers.js';
import { startWebhookReceiver } from './webhook-receiver.js';

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver.close();
});

test('a requester creates a webhook, sends a signed test and sees it in the delivery log', async ({
  page,
}) => {
  await signUp(page, newAccount('hooked'), ['requester']);
  await page.goto('/settings#webhooks');
  await expect(page.getByText('You have no webhooks.')).toBeVisible();

  await page.getByRole('button', { name: 'New webhook' }).click();
  const form = page.getByRole('form', { name: 'New webhook' });
  // A bad address is refused before anything is stored.
  await form.getByRole('textbox', { name: 'Receiver URL' }).fill('not a url');
  await form.getByRole('checkbox', { name: 'assignment.submitted' }).check();
  await form.getByRole('button', { name: 'Create webhook' }).click();
  await expect(form.getByText('must be an absolute URL')).toBeVisible();

  await form.getByRole('textbox', { name: 'Receiver URL' }).fill(receiver.url);
  await form.getByRole('textbox', { name: 'Description' }).fill('Review queue');
  await form.getByRole('button', { name: 'Create webhook' }).click();

  const secret = (await page.getByTestId('new-webhook-secret').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_/);
  await expect(page.getByRole('button', { name: 'Copy secret' })).toBeVisible();
  await page.getByRole('button', { name: 'I have copied it' }).click();
  await expect(page.getByTestId('new-webhook-secret')).toHaveCount(0);

  const table = page.getByRole('table', { name: 'Webhooks' });
  await expect(table.getByText(receiver.url)).toBeVisible();
  await expect(table.getByText('assignment.submitted')).toBeVisible();
  await expect(table.getByText(secret)).toHaveCount(0);

  await table.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByText('Test delivered')).toBeVisible();
  expect(receiver.received).toHaveLength(1);
  const [message] = receiver.received;
  const verified = new Webhook(secret).verify(
    message!.body,
    message!.headers as Record<string, string>,
  );
  expect(verified).toMatchObject({ type: 'ping' });

  // The log opens from the keyboard and closes with Escape.
  await table.getByRole('button', { name: 'Deliveries' }).focus();
  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: `Deliveries to ${receiver.url}` });
  const delivery = drawer.getByRole('listitem', { name: 'ping delivery' });
  await expect(delivery).toContainText('delivered');
  await expect(delivery).toContainText('HTTP 200');
  await expect(delivery).toContainText('received');
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  await table.getByRole('button', { name: `Delete webhook ${receiver.url}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete webhook' }).click();
  await expect(page.getByText('You have no webhooks.')).toBeVisible();
});
