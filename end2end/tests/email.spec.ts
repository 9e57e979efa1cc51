import { test, expect } from '@playwright/test';
import { lettersTo, linkIn, mailBaseURL, type Letter } from '../mail/instance';
import { freshEmail, PASSWORD, waitForHydration, watchForErrors } from './helpers';

// Email on the third app instance, which sends through a real local SMTP server
// (tools/mailbox.py); the tests read the letters it kept and follow their links, as a
// student would from their inbox.
test.use({ baseURL: mailBaseURL });

/** The `n`th letter to `to` (1-based), once it has arrived. */
async function letter(to: string, n = 1): Promise<Letter> {
  let found: Letter | undefined;
  await expect(async () => {
    found = lettersTo(to)[n - 1];
    expect(found, `letter ${n} to ${to}`).toBeDefined();
  }).toPass({ timeout: 10_000 });
  return found!;
}

test('a new student confirms their address from the email and starts', async ({ page }) => {
  const errors = watchForErrors(page);
  const email = freshEmail('verify');
  await page.goto('/signup');
  await waitForHydration(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/check-email\?for=sign-up$/);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();

  const confirm = await letter(email);
  expect(confirm.subject).toBe('Confirm your email for Focus Squad');
  await page.goto(linkIn(confirm, '/verify-email?token='));
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole('heading', { name: 'Tell your tablemates who you are' })).toBeVisible();

  // The same link again says what happened and what to do.
  await page.goto(linkIn(confirm, '/verify-email?token='));
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Confirm my address' }).click();
  await expect(page.getByRole('alert')).toContainText('This link has expired or was already used');
  expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
});

test('a student who forgot their password sets a new one from the email', async ({ page }) => {
  const email = freshEmail('reset');
  // An account whose owner confirmed the address.
  expect((await page.request.post('/api/sign_up', { form: { email, password: PASSWORD } })).status()).toBe(200);
  const confirm = linkIn(await letter(email), '/verify-email?token=').split('token=')[1];
  expect((await page.request.post('/api/verify_email', { form: { token: confirm } })).status()).toBe(200);
  await page.context().clearCookies();

  await page.goto('/signin');
  await waitForHydration(page);
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send me a link' }).click();
  await expect(page).toHaveURL(/\/check-email\?for=reset$/);

  const reset = await letter(email, 2);
  expect(reset.subject).toBe('Reset your Focus Squad password');
  await page.goto(linkIn(reset, '/reset-password?token='));
  await waitForHydration(page);
  // Too short first: the field says so, and the link still works.
  await page.getByLabel('New password').fill('short');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Please use at least 10 characters.')).toBeVisible();
  await page.getByLabel('New password').fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);

  // The old password no longer works; the new one does.
  await page.context().clearCookies();
  const old = await page.request.post('/api/sign_in', { form: { email, password: PASSWORD } });
  expect(old.status()).toBe(401);
  const fresh = await page.request.post('/api/sign_in', { form: { email, password: 'a brand new passphrase' } });
  expect(fresh.status()).toBe(200);
});
