/**
 * Messages (DESIGN §11): a worker writes to the requester from the task they hold; the message
 * arrives live in the requester's open Messages page, and the reply in the worker's.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './test.js';
import { callerOf, deposit, publishedProject } from './api.js';
import {
  csrfHeader,
  expectNoSeriousViolations,
  newAccount,
  ok,
  photograph,
  signUp,
} from './helpers.js';

const TEMPLATE = {
  kind: 'form',
  items: [{ type: 'text', name: 'answer', label: 'Your answer', maxLength: 40 }],
};

/** The signed-in requester's published project of two tasks. */
async function publish(page: Page, title: string) {
  const owner = await callerOf(page);
  await deposit(owner, 500);
  return publishedProject(
    owner,
    { title, rewardCents: 10, template: TEMPLATE },
    'word\none\ntwo\n',
  );
}

test('a requester and a worker exchange messages that arrive live in each other’s open page', async ({
  browser,
}) => {
  const title = `Msg ${randomUUID().slice(0, 6)}`;
  const requesterContext = await browser.newContext();
  const workerContext = await browser.newContext();
  const requester = await requesterContext.newPage();
  const worker = await workerContext.newPage();
  const requesterAccount = newAccount('requester');
  const workerAccount = newAccount('worker');

  await signUp(requester, requesterAccount, ['requester']);
  const projectId = await publish(requester, title);
  await requester.goto('/messages');
  await expect(requester.getByText('No conversations yet')).toBeVisible();

  await signUp(worker, workerAccount, ['worker']);
  const assignment = await ok<{ id: string }>(
    await worker.request.post(`/api/v1/projects/${projectId}/assignments`, {
      headers: await csrfHeader(worker.request),
    }),
    201,
  );
  await worker.goto(`/work/${assignment.id}`);
  await worker.getByRole('button', { name: 'Message requester' }).click();
  const dialog = worker.getByRole('dialog', { name: 'Message requester' });
  // Script in a body is text: it is shown as written, never run.
  await dialog
    .getByRole('textbox', { name: 'Message' })
    .fill('Is a <script>alert(1)</script> photo of a dog a cat?');
  await dialog.getByRole('button', { name: 'Send' }).click();
  await expect(worker).toHaveURL(/\/messages\/[0-9a-f-]{36}$/);
  const workerLog = worker.getByRole('list', {
    name: `Messages with ${requesterAccount.displayName}`,
  });
  await expect(
    workerLog.getByText('Is a <script>alert(1)</script> photo of a dog a cat?'),
  ).toBeVisible();

  // The requester's page, open all along, shows the new conversation and the unread badge.
  const conversation = requester.getByRole('link', { name: new RegExp(workerAccount.displayName) });
  await expect(conversation).toBeVisible();
  await expect(conversation.getByLabel('1 unread')).toBeVisible();
  await expect(requester.getByRole('link', { name: 'Messages, 1 unread' })).toBeVisible();
  await conversation.click();
  const requesterLog = requester.getByRole('list', {
    name: `Messages with ${workerAccount.displayName}`,
  });
  await expect(
    requesterLog.getByText('Is a <script>alert(1)</script> photo of a dog a cat?'),
  ).toBeVisible();
  await expect(requester.getByRole('link', { name: 'Messages', exact: true })).toBeVisible();
  await expect(requester.getByText(`Worker · ${title} · one assignment`)).toBeVisible();

  // The reply, sent from the keyboard, arrives in the worker's open thread.
  const reply = requester.getByRole('textbox', { name: 'Reply' });
  await reply.fill('No: only cats count.\nThanks for asking!');
  await reply.press('Control+Enter');
  await expect(reply).toHaveValue('');
  await expect(workerLog.getByText(/No: only cats count\./)).toBeVisible();

  // Muting is the worker's own setting and survives a reload.
  await worker.getByRole('switch', { name: 'Mute notifications' }).check();
  await worker.reload();
  await expect(worker.getByRole('switch', { name: 'Mute notifications' })).toBeChecked();
  await expectNoSeriousViolations(requester);

  if (process.env.SCREENSHOTS) {
    await requester.setViewportSize({ width: 1280, height: 720 });
    await photograph(requester, 'messages');
  }
  await requesterContext.close();
  await workerContext.close();
});
