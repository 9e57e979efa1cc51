import { test, expect, type Page } from '@playwright/test';
import { accountViaApi, waitForHydration } from './helpers';

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

test('an email account with the same verified address is linked, not duplicated', async ({ page }) => {
  const login = `h${Date.now()}`;
  await accountViaApi(page.context().request, `${login}@example.test`, `u${login}`);
  await page.context().clearCookies();
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Continue with Google' }).click();
  await passProvider(page, login);
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole('heading', { name: 'Good to see you, Kai' })).toBeVisible();
});
