/**
 * Refreshes the PNGs in docs/screenshots (run with `npm run screenshots`). Not part of the
 * normal end-to-end run: it only photographs pages, with realistic people in them.
 */
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './test.js';
import { ADMIN, BASE_URL } from './env.js';
import { csrfHeader, photograph } from './helpers.js';
import { linkIn, waitForMail } from './mailbox.js';

type Person = {
  displayName: string;
  email: string;
  roles: ('worker' | 'requester')[];
  profile: { handle: string; bio: string; country: string; timezone: string };
};

const PEOPLE: Person[] = [
  {
    displayName: 'Amara Okafor',
    email: 'amara.okafor@example.org',
    roles: ['worker'],
    profile: {
      handle: 'amara',
      bio: 'Transcription and image labelling, English and Igbo. Careful with edge cases.',
      country: 'NG',
      timezone: 'Africa/Lagos',
    },
  },
  {
    displayName: 'Lucas Weber',
    email: 'lucas.weber@example.org',
    roles: ['requester'],
    profile: {
      handle: 'lucas-weber',
      bio: 'Speech research group, Universität Freiburg.',
      country: 'DE',
      timezone: 'Europe/Berlin',
    },
  },
  {
    displayName: 'Priya Raman',
    email: 'priya.raman@example.org',
    roles: ['worker', 'requester'],
    profile: { handle: 'priya', bio: '', country: 'IN', timezone: 'Asia/Kolkata' },
  },
  {
    displayName: 'Mateo García',
    email: 'mateo.garcia@example.org',
    roles: ['worker'],
    profile: {
      handle: 'mateo',
      bio: '',
      country: 'AR',
      timezone: 'America/Argentina/Buenos_Aires',
    },
  },
  {
    displayName: 'Hannah Schmidt',
    email: 'hannah.schmidt@example.org',
    roles: ['requester'],
    profile: { handle: 'hannah', bio: '', country: 'AT', timezone: 'Europe/Vienna' },
  },
  {
    displayName: 'Kenji Watanabe',
    email: 'kenji.watanabe@example.org',
    roles: ['worker'],
    profile: { handle: 'kenji', bio: '', country: 'JP', timezone: 'Asia/Tokyo' },
  },
];

/** Signs the person up through the API in the given request context and fills their profile. */
async function createPerson(request: APIRequestContext, person: Person) {
  const signup = await request.post('/api/v1/auth/signup', {
    data: {
      email: person.email,
      password: 'a-long-demo-password',
      displayName: person.displayName,
      roles: person.roles,
    },
  });
  expect(signup.status()).toBe(201);
  const patch = await request.patch('/api/v1/me', {
    data: person.profile,
    headers: await csrfHeader(request),
  });
  expect(patch.status()).toBe(200);
  return (await patch.json()) as { id: string };
}

test('landing and sign-up pages', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await photograph(page, 'landing');

  await page.goto('/signup');
  await page.getByRole('textbox', { name: 'Display name', exact: true }).fill('Amara Okafor');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('amara@example');
  await page.getByRole('checkbox', { name: 'As a worker' }).check();
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Must be at least 10 characters')).toBeVisible();
  await photograph(page, 'signup');
});

test('profile settings, public profile and an empty area', async ({ page }) => {
  const [amara] = PEOPLE;
  await createPerson(page.request, amara!);
  await page.request.post('/api/v1/me/tokens', {
    data: { name: 'Transcription helper', scopes: ['work:read', 'work:write'], expiresInDays: 90 },
    headers: await csrfHeader(page.request),
  });

  // Amara confirmed her address from the email, and asked for the daily digest.
  const mail = await waitForMail(amara!.email, 'Confirm your email address for Tessera');
  await page.goto(linkIn(mail.text, `${BASE_URL}/verify-email#token=`));
  await expect(page.getByText('Email confirmed')).toBeVisible();
  await page.request.patch('/api/v1/me', {
    data: { emailDigest: true },
    headers: await csrfHeader(page.request),
  });

  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Profile settings');
  await photograph(page, 'profile-settings');

  await page.goto('/u/amara');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Amara Okafor');
  await photograph(page, 'public-profile');

  await page.goto('/work');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Find work');
  await photograph(page, 'find-work');
});

test('admin users', async ({ page, playwright, baseURL }) => {
  const ids: Record<string, string> = {};
  for (const person of PEOPLE.slice(1)) {
    const request = await playwright.request.newContext({ baseURL });
    ids[person.profile.handle] = (await createPerson(request, person)).id;
    await request.dispose();
  }

  await page.goto('/signin');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(ADMIN.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
  const suspended = await page.request.post(`/api/v1/admin/users/${ids.mateo}/suspend`, {
    headers: await csrfHeader(page.request),
  });
  expect(suspended.status()).toBe(200);
  await page.reload();
  await expect(page.getByRole('table', { name: 'Users' }).getByText('Suspended')).toBeVisible();
  await photograph(page, 'admin-users');
});
