import { test, expect } from '@playwright/test';
import { accountViaApi, freshEmail, freshUsername, PASSWORD } from './helpers';

// Server-side rendering alone must give a working page.
test.use({ javaScriptEnabled: false });

test.describe('without JavaScript', () => {
  test('the landing page is complete', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('next-start-countdown')).toHaveText(/^\d{1,2}:\d{2}$/);
    await expect(page.getByTestId('table-preview-status')).not.toBeEmpty();
    await expect(page.getByTestId('phase-detail')).toContainText('Minute 0 to 3');
    await expect(page.getByRole('heading', { name: 'Why studying together works' })).toBeVisible();
  });

  test('the language switcher still works through the server', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: '繁體中文' }).first().click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('55 分鐘');
    await page.getByRole('link', { name: 'English' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('55 minutes');
  });

  test('signing in works as a plain form, errors included', async ({ page, request }) => {
    const email = freshEmail('nojs');
    await accountViaApi(request, email, freshUsername());
    await page.goto('/signin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('do not match');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/app$/);
    await expect(page.getByRole('heading', { name: 'Good to see you, Kai' })).toBeVisible();
  });

  test('quick match and cancelling a seat work as plain forms', async ({ page }) => {
    await accountViaApi(page.request, freshEmail('nojs-qm'), freshUsername());
    await page.goto('/app');
    await expect(page.getByTestId('credits-badge')).toContainText('2');
    const form = page.getByTestId('quick-match');
    // Two hours ahead: cancelling it refunds.
    await form.getByLabel('When').selectOption({ index: 4 });
    await form.getByRole('button', { name: 'Find my table' }).click();
    await expect(page).toHaveURL(/\/app\?seated=\d+(&joined=1)?$/);
    await expect(page.getByTestId('match-outcome')).toContainText(/You're at table \d+, seat \d, starting/);
    await expect(page.getByTestId('credits-badge')).toContainText('1');
    const booked = page.getByTestId('upcoming-table');
    await expect(booked).toHaveCount(1);
    await expect(booked).toContainText('Cancel now and your credit comes back.');
    await booked.getByTestId('cancel-seat').click();
    await booked.getByRole('button', { name: 'Yes, cancel my seat' }).click();
    await expect(booked).toHaveCount(0);
    await expect(page.getByTestId('credits-badge')).toContainText('2');
  });

  test('health check answers', async ({ request }) => {
    const resp = await request.get('/healthz');
    expect(resp.status()).toBe(200);
    expect(await resp.json()).toEqual({ status: 'ok', database: 'ok' });
  });
});
