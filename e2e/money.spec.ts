/**
 * Money outside the sandbox: an administrator records a requester's bank transfer and the
 * requester sees it with its reference; a worker says where to be paid, asks for a payout, and
 * the administrator sees that destination (as it was when asked) on the payouts page.
 */
import { expect, test } from './test.js';
import { approve, publishProject, signUpByApi, submitWork } from './earnings-fixtures.js';
import { ADMIN } from './env.js';
import { expectNoSeriousViolations, newAccount, sidebar, signIn } from './helpers.js';

test('an admin records a bank transfer; the requester sees the funds with its reference', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const requesterApi = await playwright.request.newContext({ baseURL });
  const requester = newAccount('requester');
  await signUpByApi(requesterApi, requester, ['requester']);
  const reference = `SEPA-${Date.now()}`;

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await sidebar(admin).getByRole('link', { name: 'Deposits' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Deposits' })).toBeVisible();
  const form = admin.getByRole('form', { name: 'Record a payment' });

  // Nothing chosen or typed: each field says what it needs, and nothing is asked to confirm.
  await form.getByRole('button', { name: 'Review deposit' }).click();
  await expect(form.getByText('Choose the requester who paid.')).toBeVisible();
  await expect(form.getByText(/^Enter the amount received/)).toBeVisible();
  await expect(
    form.getByText('Enter the bank transfer id or invoice number of this payment.'),
  ).toBeVisible();
  await expect(admin.getByRole('dialog')).toHaveCount(0);

  // Find the requester by email, then fill in the payment.
  const picker = form.getByRole('combobox', { name: 'Requester' });
  await picker.click();
  await picker.fill(requester.email);
  await admin
    .getByRole('option', { name: `${requester.displayName} — ${requester.email}` })
    .click();
  await form.getByRole('textbox', { name: 'Amount received' }).fill('1250.50');
  await form.getByRole('textbox', { name: 'Reference' }).fill(reference);
  await form.getByRole('textbox', { name: 'Note' }).fill('Invoice 2026-031, paid in full');
  await expectNoSeriousViolations(admin);
  await form.getByRole('button', { name: 'Review deposit' }).click();

  // The confirmation shows exactly what will be credited.
  const confirm = admin.getByRole('dialog', { name: 'Record this payment?' });
  const summary = confirm.getByRole('table', { name: 'Deposit to record' });
  await expect(summary.getByRole('row', { name: /Requester/ })).toContainText(
    requester.displayName,
  );
  await expect(summary.getByRole('row', { name: /Email/ })).toContainText(requester.email);
  await expect(summary.getByRole('row', { name: /Amount credited/ })).toContainText('$1,250.50');
  await expect(summary.getByRole('row', { name: /Reference/ })).toContainText(reference);
  await expect(summary.getByRole('row', { name: /Note/ })).toContainText('Invoice 2026-031');
  await expectNoSeriousViolations(admin);
  await confirm.getByRole('button', { name: 'Record $1,250.50' }).click();
  await expect(confirm).toBeHidden();

  // The history lists it with who recorded it and the reference.
  const history = admin.getByRole('table', { name: 'Recorded payments' });
  const row = history.getByRole('row', { name: new RegExp(reference) });
  await expect(row).toContainText(requester.displayName);
  await expect(row).toContainText('$1,250.50');
  await expect(row).toContainText(ADMIN.displayName);

  // The same reference again is refused, and nothing more is credited.
  await picker.click();
  await picker.fill(requester.email);
  await admin
    .getByRole('option', { name: `${requester.displayName} — ${requester.email}` })
    .click();
  await form.getByRole('textbox', { name: 'Amount received' }).fill('1250.50');
  await form.getByRole('textbox', { name: 'Reference' }).fill(reference.toLowerCase());
  await form.getByRole('button', { name: 'Review deposit' }).click();
  await confirm.getByRole('button', { name: 'Record $1,250.50' }).click();
  await expect(confirm.getByRole('alert')).toContainText('was already recorded');
  await confirm.getByRole('button', { name: 'Back' }).click();
  await expect(history.getByRole('row', { name: new RegExp(reference, 'i') })).toHaveCount(1);
  await adminContext.close();

  // The requester sees the money, and the reference on the ledger line.
  await signIn(page, requester);
  await sidebar(page).getByRole('link', { name: 'Funds' }).click();
  await expect(page.getByTestId('balance-available')).toHaveText('$1,250.50');
  const line = page
    .getByRole('table', { name: 'Funds history' })
    .getByRole('row', { name: /Deposit/ });
  await expect(line).toContainText('Payment recorded by an administrator');
  await expect(line).toContainText(`Reference: ${reference}`);
  await expect(line).not.toContainText('Invoice 2026-031');
  await requesterApi.dispose();
});

test('a worker sets where to be paid, asks for a payout, and the admin sees where to send it', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const requester = await playwright.request.newContext({ baseURL });
  await signUpByApi(requester, newAccount('requester'), ['requester']);
  const project = await publishProject(
    requester,
    { title: `Animal or not ${Date.now()}`, rewardCents: 150 },
    ['cat', 'owl'],
  );
  const worker = newAccount('worker');
  await signUpByApi(page.request, worker, ['worker']);
  for (const id of await submitWork(page.request, project.id, 2)) await approve(requester, id);

  // No payout method yet: the payout waits, and the page says where to add one.
  await page.goto('/earnings');
  await expect(page.getByRole('button', { name: 'Request payout' })).toBeDisabled();
  await expect(
    page.getByText(/\$3\.00 is ready to pay out, but we do not know where/),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Add a payout method' }).click();
  await expect(page).toHaveURL(/\/settings#payout$/);
  const section = page.getByRole('region', { name: 'Payout method' });
  await expect(section.getByText('No payout method yet')).toBeVisible();

  // A typo in the IBAN is caught before anything is saved.
  await section.getByRole('radio', { name: 'Bank transfer (IBAN)' }).check();
  await section.getByRole('textbox', { name: 'IBAN' }).fill('DE89 3704 0044 0532 0130 01');
  await section.getByRole('textbox', { name: 'Account holder' }).fill(worker.displayName);
  await section.getByRole('button', { name: 'Save payout method' }).click();
  await expect(section.getByText(/^Does not check out/)).toBeVisible();
  await section.getByRole('textbox', { name: 'IBAN' }).fill('DE89 3704 0044 0532 0130 00');
  await section.getByRole('button', { name: 'Save payout method' }).click();
  await expect(section.getByTestId('payout-method-current')).toHaveText(
    'Bank transfer (IBAN) · DE89 3704 0044 0532 0130 00',
  );
  await expectNoSeriousViolations(page);

  // Ask for the payout: the confirmation says where it goes.
  await page.goto('/earnings');
  await expect(page.getByText('Bank transfer (IBAN) · DE89 3704 0044 0532 0130 00')).toBeVisible();
  await page.getByRole('button', { name: 'Request payout' }).click();
  const dialog = page.getByRole('dialog', { name: 'Request a payout?' });
  await expect(dialog).toContainText('sent to Bank transfer (IBAN) · DE89 3704 0044 0532 0130 00');
  await dialog.getByRole('button', { name: 'Confirm payout' }).click();
  await expect(dialog).toBeHidden();

  // Changing the method afterwards does not redirect the payout already asked for.
  await page.goto('/settings#payout');
  await section.getByRole('radio', { name: 'PayPal' }).check();
  await section.getByRole('textbox', { name: 'PayPal email' }).fill(worker.email);
  await section.getByRole('button', { name: 'Save payout method' }).click();
  await expect(section.getByTestId('payout-method-current')).toHaveText(`PayPal · ${worker.email}`);

  const adminContext = await browser.newContext({
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await sidebar(admin).getByRole('link', { name: 'Payouts' }).click();
  const pending = admin.getByRole('table', { name: 'Payouts' }).getByRole('row', {
    name: new RegExp(worker.displayName),
  });
  await expect(pending).toContainText('$3.00');
  await expect(pending.getByTestId('payout-destination')).toHaveText('DE89 3704 0044 0532 0130 00');
  await expect(pending).toContainText(`Holder: ${worker.displayName}`);
  await pending.getByRole('button', { name: `Copy IBAN of ${worker.displayName}` }).click();
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe('DE89370400440532013000');
  await expectNoSeriousViolations(admin);
  await pending.getByRole('button', { name: `Mark $3.00 to ${worker.displayName} paid` }).click();
  await expect(
    admin.getByRole('dialog', { name: `Mark $3.00 to ${worker.displayName} paid?` }),
  ).toContainText('to Bank transfer (IBAN) · DE89 3704 0044 0532 0130 00');
  await adminContext.close();
  await requester.dispose();
});
