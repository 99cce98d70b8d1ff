/**
 * Refreshes the PNGs of money outside the sandbox in docs/screenshots (run with
 * `npm run screenshots`): the administrator's Deposits page, with payments already recorded and
 * one about to be, and a worker's payout method in their settings.
 */
import { expect, test } from './test.js';
import { csrfHeader, ok, setPayoutMethod, signUpByApi } from './earnings-fixtures.js';
import { ADMIN } from './env.js';
import { photograph, signIn } from './helpers.js';

function person(displayName: string) {
  const email = `${displayName.toLowerCase().replace(/\W+/g, '.')}@example.net`;
  return { email, password: 'a-long-demo-password', displayName };
}

test('deposits and payout methods', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  const context = () => playwright.request.newContext({ baseURL });

  const requesters: Record<string, string> = {};
  for (const name of ['Harbor Analytics', 'Lumen Speech Lab', 'Delta Field Surveys']) {
    const request = await context();
    requesters[name] = (await signUpByApi(request, person(name), ['requester'])).id;
  }
  const admin = await context();
  await ok(
    await admin.post('/api/v1/auth/login', {
      data: { email: ADMIN.email, password: ADMIN.password },
    }),
    200,
  );
  for (const [name, amountCents, reference, note] of [
    ['Harbor Analytics', 250_000, 'SEPA 2026-11-0412', 'Prepayment for the Q1 labelling batch'],
    ['Lumen Speech Lab', 80_000, 'INV-2026-0117', undefined],
    ['Delta Field Surveys', 1_200_000, 'WIRE 55810-NB', 'Grant-funded; receipt sent by email'],
  ] as const) {
    await ok(
      await admin.post('/api/v1/admin/deposits', {
        headers: await csrfHeader(admin),
        data: { userId: requesters[name], amountCents, reference, ...(note ? { note } : {}) },
      }),
      201,
    );
  }

  const adminContext = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, ADMIN);
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Users' })).toBeVisible();
  await adminPage.goto('/admin/deposits');
  const form = adminPage.getByRole('form', { name: 'Record a payment' });
  const picker = form.getByRole('combobox', { name: 'Requester' });
  await picker.click();
  await picker.fill('harbor');
  await adminPage.getByRole('option', { name: /^Harbor Analytics/ }).click();
  await form.getByRole('textbox', { name: 'Amount received' }).fill('1500');
  await form.getByRole('textbox', { name: 'Reference' }).fill('SEPA 2026-12-0031');
  await form.getByRole('textbox', { name: 'Note' }).fill('Top-up for the December batch');
  await expect(adminPage.getByRole('table', { name: 'Recorded payments' })).toContainText(
    'WIRE 55810-NB',
  );
  await photograph(adminPage, 'admin-deposits');
  await form.getByRole('button', { name: 'Review deposit' }).click();
  await expect(adminPage.getByRole('dialog', { name: 'Record this payment?' })).toBeVisible();
  await photograph(adminPage, 'admin-deposit-confirm');
  await adminContext.close();

  const worker = person('Amara Okafor');
  await signUpByApi(page.request, worker, ['worker']);
  await setPayoutMethod(page.request, {
    method: 'bank_transfer',
    destination: 'NL91ABNA0417164300',
    accountHolder: 'Amara Okafor',
  });
  await page.goto('/settings#payout');
  await expect(page.getByTestId('payout-method-current')).toContainText('NL91 ABNA 0417 1643 00');
  await photograph(page, 'worker-payout-method');
});
