import { test, expect, type Page } from '@playwright/test';
import { accountViaApi, PASSWORD, waitForHydration } from './helpers';

// "Continue with Google" against a local OpenID provider (end2end/oidc/provider.mjs):
// any login name signs in there, with the verified email `<name>@example.test`.

/** Signs in at the provider if it asks (it remembers the browser after the first time). */
async function passProvider(page: Page, login: string) {
  const name = page.getByPlaceholder('Enter any login');
  const consent = page.getByRole('button', { name: 'Continue' });
  await expect(name.or(consent).or(page.locator('html[data-hydrated]'))).toBeVisible();
  if (await name.isVisible()) {
    await name.fill(login);
    await page.getByPlaceholder('and password').fill('anything');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }
  if (await consent.isVisible().catch(() => false)) {
    await consent.click();
  }
}

test('a new Google account onboards, and next time goes straight where it was going', async ({ page }) => {
  const login = `g${Date.now()}`;
  await page.goto('/signin?next=/app/settings');
  await page.getByRole('link', { name: 'Continue with Google' }).click();
  await passProvider(page, login);

  await expect(page).toHaveURL(/\/onboarding$/);
  await waitForHydration(page);
  await expect(page.getByLabel('Username')).toHaveValue(login);
  await page.getByLabel('Display name').fill('Gigi');
  await page.getByRole('button', { name: 'Start studying' }).click();
  await expect(page.getByRole('heading', { name: 'Good to see you, Gigi' })).toBeVisible();
  await expect(page.getByTestId('credits-badge')).toContainText('2');

  await page.getByLabel('Account menu').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.goto('/signin?next=/app/settings');
  await page.getByRole('link', { name: 'Continue with Google' }).click();
  await passProvider(page, login);
  await expect(page).toHaveURL(/\/app\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();

  // No password on a Google account: it can set one, and deletes itself by username.
  await waitForHydration(page);
  await expect(page.getByRole('heading', { name: 'Set a password' })).toBeVisible();
  await expect(page.getByLabel('Current password')).toHaveCount(0);
  await page.getByLabel('Type your username to confirm').fill(login);
  await page.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/$/);
  await page.goto('/app');
  await expect(page).toHaveURL(/\/signin\?next=\/app$/);
});

test('an unconfirmed email account is not taken over by Google; its owner links Google from settings', async ({ page }) => {
  const login = `h${Date.now()}`;
  const email = `${login}@example.test`;
  await accountViaApi(page.context().request, email, `u${login}`);
  await page.context().clearCookies();
  // The address was never confirmed: Google may not walk into the account.
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Continue with Google' }).click();
  await passProvider(page, login);
  await expect(page).toHaveURL(/\/signin\?google=sign_in_first$/);
  await expect(page.getByRole('alert')).toContainText('Sign in with your password, then connect Google from Settings');

  // The owner signs in with the password and connects Google from settings.
  await waitForHydration(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Good to see you, Kai' })).toBeVisible();
  await page.goto('/app/settings');
  await expect(page.getByTestId('email-state')).toHaveText('Not confirmed (this server sends no email)');
  await page.getByRole('button', { name: 'Connect Google' }).click();
  await passProvider(page, login);
  await expect(page).toHaveURL(/\/app\/settings\?google=linked$/);
  await expect(page.getByTestId('google-state')).toHaveText('Connected');
  // Google vouched for the same address: it is confirmed now.
  await expect(page.getByTestId('email-state')).toHaveText('Confirmed');

  // From now on Google signs into this account, not a new one.
  await page.context().clearCookies();
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Continue with Google' }).click();
  await passProvider(page, login);
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole('heading', { name: 'Good to see you, Kai' })).toBeVisible();
});
