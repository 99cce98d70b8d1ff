/**
 * Refreshes the PNGs of a worker's money and the notifications in docs/screenshots (run with
 * `npm run screenshots`): a worker with approved work on two projects, bonuses, a payout paid
 * and one pending, other workers waiting for theirs, and the administrator's payouts page.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './test.js';
import {
  approve,
  bonus,
  csrfHeader,
  ok,
  publishProject,
  reject,
  setPayoutMethod,
  signUpByApi,
  submitWork,
} from './earnings-fixtures.js';
import { ADMIN } from './env.js';
import { photograph, signIn } from './helpers.js';

function person(displayName: string) {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '.')}@example.org`;
  return { email, password: 'a-long-demo-password', displayName };
}

async function patchProfile(request: APIRequestContext, profile: Record<string, string | boolean>) {
  const headers = await csrfHeader(request);
  await ok(await request.patch('/api/v1/me', { headers, data: profile }), 200);
}

async function requestPayout(worker: APIRequestContext) {
  const headers = await csrfHeader(worker);
  return ok<{ id: string }>(await worker.post('/api/v1/me/payouts', { headers, data: {} }), 201);
}

const BIRDS = ['gull', 'tern', 'puffin', 'gannet', 'cormorant', 'skua', 'petrel', 'shag'];

test('earnings, notifications and payouts', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(240_000);
  const context = () => playwright.request.newContext({ baseURL });

  const ines = await context();
  await signUpByApi(ines, person('Ines Duarte'), ['requester']);
  await patchProfile(ines, {
    handle: 'ines-duarte',
    bio: 'Seabird monitoring, Instituto do Mar, Lisbon.',
    country: 'PT',
  });
  const seabirds = await publishProject(
    ines,
    {
      title: 'Which seabird is in the photo?',
      rewardCents: 45,
      description: 'Name the seabird in a photo from our cliff cameras.',
    },
    Array.from({ length: 20 }, (_, i) => BIRDS[i % BIRDS.length]!),
  );
  const oren = await context();
  await signUpByApi(oren, person('Oren Katz'), ['requester']);
  const signs = await publishProject(
    oren,
    {
      title: 'Transcribe street-sign photos',
      rewardCents: 30,
      description: 'Type the text of a street sign exactly as written.',
    },
    Array.from({ length: 12 }, (_, i) => `sign${i + 1}`),
  );

  // Sofia: six approved seabird tasks (one bonused) and one awaiting review; four approved
  // sign transcriptions (one bonused) and one rejected; a first payout already paid.
  const sofia = page.request;
  await signUpByApi(sofia, person('Sofia Lindqvist'), ['worker']);
  await patchProfile(sofia, {
    handle: 'sofia',
    bio: 'Image labelling and transcription in Swedish, English and German.',
    country: 'SE',
    timezone: 'Europe/Stockholm',
    showEarnings: true,
  });
  await setPayoutMethod(sofia, {
    method: 'bank_transfer',
    destination: 'SE45 5000 0000 0583 9825 7466',
    accountHolder: 'Sofia Lindqvist',
  });
  const birdsDone = await submitWork(sofia, seabirds.id, 7);
  for (const id of birdsDone.slice(0, 6)) await approve(ines, id);
  await bonus(ines, birdsDone[1]!, 100, 'Spotted the ringed puffin we had missed. Thank you!');
  const firstPayout = await requestPayout(sofia);

  const admin = await context();
  await ok(
    await admin.post('/api/v1/auth/login', {
      data: { email: ADMIN.email, password: ADMIN.password },
    }),
    200,
  );
  await ok(
    await admin.post(`/api/v1/admin/payouts/${firstPayout.id}/mark-paid`, {
      headers: await csrfHeader(admin),
      data: { reference: 'SEPA 2026-11-0187' },
    }),
    200,
  );

  const signsDone = await submitWork(sofia, signs.id, 5);
  for (const id of signsDone.slice(0, 4)) await approve(oren, id);
  await reject(oren, signsDone[4]!, 'The sign reads “Rua Augusta”, not “Rua Angusta”.');
  await bonus(oren, signsDone[0]!, 50, 'Careful with the accents — much appreciated.');

  // Two more workers waiting for their payouts.
  for (const [name, project, owner, tasks, method] of [
    [
      'Kwame Mensah',
      seabirds,
      ines,
      4,
      { method: 'paypal', destination: 'kwame.mensah@example.org' },
    ],
    ['Yuki Tanaka', signs, oren, 4, { method: 'other', destination: 'Wise @yukitanaka, in JPY' }],
  ] as const) {
    const worker = await context();
    await signUpByApi(worker, person(name), ['worker']);
    await setPayoutMethod(worker, method);
    for (const id of await submitWork(worker, project.id, tasks)) await approve(owner, id);
    await requestPayout(worker);
  }

  await page.setViewportSize({ width: 1280, height: 1180 });
  await page.goto('/earnings');
  await expect(page.getByRole('group', { name: 'Available' })).toContainText('$1.70');
  await expect(page.getByRole('img', { name: /^Earnings per day\./ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Payout history' })).toContainText('Paid');
  await photograph(page, 'worker-earnings');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
  await expect(
    page.getByRole('dialog', { name: 'Notifications' }).getByRole('listitem'),
  ).toHaveCount(6);
  await photograph(page, 'notifications-popover');
  await page.getByRole('link', { name: 'See all notifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
  // A mix: the older ones read, the newest three still unread.
  const list = page.getByRole('list', { name: 'Notifications' });
  await page.getByRole('main').getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByRole('button', { name: 'Notifications, none unread' })).toBeVisible();
  for (const title of [
    'Bonus of $0.50 for Transcribe street-sign photos',
    'Rejected: Transcribe street-sign photos',
  ]) {
    await list.getByRole('button', { name: `Mark “${title}” as unread` }).click();
  }
  await expect(page.getByRole('button', { name: 'Notifications, 2 unread' })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  await photograph(page, 'notifications');

  // Sofia asks for the rest; the administrator sees three payouts waiting.
  await page.goto('/earnings');
  await page.getByRole('button', { name: 'Request payout' }).click();
  await page
    .getByRole('dialog', { name: 'Request a payout?' })
    .getByRole('button', {
      name: 'Confirm payout',
    })
    .click();
  await expect(page.getByRole('table', { name: 'Payout history' })).toContainText('Pending');

  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, ADMIN);
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await adminPage.goto('/admin/payouts');
  const payouts = adminPage.getByRole('table', { name: 'Payouts' });
  await expect(payouts.getByRole('row', { name: /Sofia Lindqvist/ })).toContainText('$1.70');
  await photograph(adminPage, 'admin-payouts');
  await adminPage.getByRole('button', { name: 'Mark $1.70 to Sofia Lindqvist paid' }).click();
  await adminPage.getByRole('textbox', { name: 'Payment reference' }).fill('SEPA 2026-11-0214');
  await photograph(adminPage, 'admin-payout-mark-paid');
  await adminPage.keyboard.press('Escape');

  await adminContext.close();

  await page.goto('/u/sofia');
  await expect(page.getByRole('heading', { name: 'As a worker' })).toBeVisible();
  await photograph(page, 'profile-worker-record');
  await page.goto('/u/ines-duarte');
  await expect(page.getByRole('table', { name: 'Published projects' })).toBeVisible();
  await photograph(page, 'profile-requester-record');
});
