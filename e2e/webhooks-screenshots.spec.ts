/**
 * Refreshes docs/screenshots/webhooks.png and webhook-deliveries.png (the screenshots project):
 * a requester's webhooks in the settings, then one webhook's delivery log.
 */
import { expect, test } from './test.js';
import { newAccount, photograph, signUp } from './helpers.js';
import { startWebhookReceiver } from './webhook-receiver.js';

test('webhooks settings with the delivery log', async ({ page }) => {
  const receiver = await startWebhookReceiver();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signUp(page, newAccount('studio'), ['requester']);
    await page.goto('/settings#webhooks');
    for (const [description, events] of [
      ['Review queue', ['assignment.submitted', 'task.reviewable']],
      ['Finance sync', ['assignment.approved', 'project.finished']],
    ] as const) {
      await page.getByRole('button', { name: 'New webhook' }).click();
      const form = page.getByRole('form', { name: 'New webhook' });
      await form.getByRole('textbox', { name: 'Receiver URL' }).fill(receiver.url);
      await form.getByRole('textbox', { name: 'Description' }).fill(description);
      for (const event of events) await form.getByRole('checkbox', { name: event }).check();
      await form.getByRole('button', { name: 'Create webhook' }).click();
      await page.getByRole('button', { name: 'I have copied it' }).click();
    }
    const table = page.getByRole('table', { name: 'Webhooks' });
    const row = table.getByRole('row').filter({ hasText: 'Review queue' });
    for (let i = 0; i < 2; i++) {
      await row.getByRole('button', { name: 'Send test' }).click();
      await expect(page.getByText('Test delivered')).toHaveCount(i + 1);
    }
    // The toasts would cover the pictures: they close by themselves.
    await expect(page.getByText('Test delivered')).toHaveCount(0, { timeout: 20_000 });
    await page.getByRole('heading', { name: 'Webhooks' }).scrollIntoViewIfNeeded();
    await photograph(page, 'webhooks');

    await row.getByRole('button', { name: 'Deliveries' }).click();
    const drawer = page.getByRole('dialog', { name: /Deliveries to/ });
    await expect(drawer.getByRole('listitem')).toHaveCount(2);
    await photograph(page, 'webhook-deliveries');
  } finally {
    await receiver.close();
  }
});
