/**
 * Refreshes docs/screenshots/webhooks.png (run with the screenshots project): a requester's
 * webhooks in the settings, with one webhook's delivery log open.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { newAccount, signUp } from './helpers.js';
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
    await row.getByRole('button', { name: 'Send test' }).click();
    await expect(page.getByText('Test delivered')).toBeVisible();
    await row.getByRole('button', { name: 'Send test' }).click();
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const drawer = page.getByRole('dialog', { name: /Deliveries to/ });
    await expect(drawer.getByRole('listitem')).toHaveCount(2);
    await page.mouse.move(0, 0);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({
      path: fileURLToPath(new URL('../docs/screenshots/webhooks.png', import.meta.url)),
      animations: 'disabled',
      caret: 'hide',
    });
  } finally {
    await receiver.close();
  }
});
