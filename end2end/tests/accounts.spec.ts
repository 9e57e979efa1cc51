import { test, expect } from '@playwright/test';
import {
  accountViaApi,
  freshEmail,
  freshUsername,
  PASSWORD,
  setServerClock,
  waitForHydration,
  watchForErrors,
} from './helpers';

test.describe('accounts', () => {
  test.use({ timezoneId: 'Asia/Taipei' });

  test('sign up, onboard with a suggested username and the browser time zone, land on the dashboard', async ({ page }) => {
    const errors = watchForErrors(page);
    const email = freshEmail('mei.lin');
    await page.goto('/signup');
    await waitForHydration(page);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();

    await expect(page).toHaveURL(/\/onboarding$/);
    await waitForHydration(page);
    await expect(page.getByLabel('Username')).toHaveValue(/^mei_lin/);
    await expect(page.getByLabel('Time zone')).toHaveValue('Asia/Taipei');
    await page.getByLabel('Username').fill(freshUsername());
    await page.getByLabel('Display name').fill('Mei');
    await page.getByText('Mathematics').click();
    await page.getByRole('button', { name: 'Start studying' }).click();

    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByRole('heading', { name: 'Good to see you, Mei' })).toBeVisible();
    await expect(page.getByTestId('credits-badge')).toContainText('2');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Quick match' })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('bad input gets a specific message next to the field', async ({ page }) => {
    await page.goto('/signup');
    await waitForHydration(page);
    // An empty form marks both fields at once.
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Please fill this in.')).toHaveCount(2);
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('This does not look right. Please check it.')).toBeVisible();
    await expect(page.getByText('Please use at least 10 characters.')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Email').fill(freshEmail('ok'));
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Please use at least 10 characters.')).toBeVisible();
    await expect(page).toHaveURL(/\/signup$/);
  });

  test('a signed-out visitor is sent to sign in and brought back', async ({ page, request }) => {
    const email = freshEmail('kai');
    await accountViaApi(request, email, freshUsername());
    await page.goto('/app/settings');
    await expect(page).toHaveURL(/\/signin\?next=\/app\/settings$/);
    await waitForHydration(page);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      'That email and password do not match an account. Check both and try again.',
    );
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/app\/settings$/);
    await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  });

  test('too many wrong passwords say when to try again', async ({ page, request }, info) => {
    test.skip(info.project.name !== 'laptop', 'one run is enough: attempts are counted per address');
    const email = freshEmail('locked');
    await accountViaApi(request, email, freshUsername());
    await page.goto('/signin');
    await waitForHydration(page);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('wrong password');
    for (let i = 0; i < 5; i++) {
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/sign_in')),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      await expect(page.getByRole('alert')).toContainText('do not match');
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Too many tries. Please try again in 900 s.');
    // Let the window pass so later tests from this address start clean.
    await setServerClock(request, { advance_ms: 16 * 60 * 1000 });
  });

  test('profile edits show on the public profile, which never shows the email', async ({ page }) => {
    const email = freshEmail('pub');
    const username = freshUsername();
    await accountViaApi(page.request, email, username);
    await page.goto('/app/profile');
    await waitForHydration(page);
    await page.getByLabel('Bio').fill('Tide pools, tea and thesis chapters.');
    await page.getByLabel('Link 1').fill('https://github.com/kai');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByRole('status')).toHaveText('Your profile is saved.');
    await page.getByLabel('Link 1').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await expect(page.getByText('This does not look right. Please check it.')).toBeVisible();

    // The character, picked in its own form, shows on the public profile.
    const characterForm = page.getByTestId('character-form');
    await characterForm.getByText('Rosa', { exact: true }).click();
    await characterForm.getByRole('button', { name: 'Save character' }).click();
    await expect(page.getByRole('status')).toHaveText('Your profile is saved.');
    await expect(characterForm.getByRole('radio', { name: /^Rosa:/ })).toBeChecked();

    await page.goto(`/u/${username}`);
    await expect(page.getByRole('heading', { name: 'Kai' })).toBeVisible();
    await expect(page.locator('article').getByTestId('portrait')).toHaveAttribute('data-character', 'rosa');
    await expect(page.getByText('Tide pools, tea and thesis chapters.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'github.com/kai' })).toHaveAttribute('rel', /nofollow/);
    await expect(page.locator('body')).not.toContainText(email);
  });

  test('the user menu works from the keyboard and signs out', async ({ page }) => {
    await accountViaApi(page.request, freshEmail('menu'), freshUsername());
    await page.goto('/app');
    await waitForHydration(page);
    const menu = page.getByLabel('Account menu');
    await menu.focus();
    await page.keyboard.press('Enter');
    const signOut = page.getByRole('button', { name: 'Sign out' });
    await expect(signOut).toBeVisible();
    await signOut.click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto('/app');
    await expect(page).toHaveURL(/\/signin\?next=\/app$/);
  });

  test('signing in from a Chinese page keeps the account in Chinese', async ({ page }) => {
    await page.goto('/lang/zh-TW');
    await page.goto('/signup');
    await waitForHydration(page);
    await page.getByLabel('電子郵件').fill(freshEmail('zh'));
    await page.getByLabel('密碼').fill(PASSWORD);
    await page.getByRole('button', { name: '建立帳號' }).click();
    await expect(page).toHaveURL(/\/onboarding$/);
    await expect(page.getByRole('heading', { name: '讓桌友認識你' })).toBeVisible();
    await expect(page.getByRole('combobox', { name: '語言' })).toHaveValue('zh-TW');
    await page.getByLabel('使用者名稱').fill(freshUsername());
    await page.getByLabel('顯示名稱').fill('美玲');
    await page.getByRole('button', { name: '開始讀書' }).click();
    await expect(page.getByRole('heading', { name: '很高興見到你，美玲' })).toBeVisible();
  });
});
