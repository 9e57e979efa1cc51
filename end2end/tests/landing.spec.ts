import { test, expect } from '@playwright/test';
import { accountViaApi, expectHydrated, freshEmail, freshUsername, setServerClock, waitForHydration, watchForErrors } from './helpers';

test.describe('landing page', () => {
  test.afterEach(async ({ request }) => {
    await setServerClock(request, { reset: true });
  });

  test('pitches the product and hydrates', async ({ page }) => {
    const errors = watchForErrors(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Sit down with three others. Get 55 minutes of real work done.',
    );
    await expect(page.getByRole('link', { name: 'Find my table' }).first()).toHaveAttribute('href', '/signup');
    await expectHydrated(page);
    const detail = page.getByTestId('phase-detail');
    await expect(detail.getByRole('heading')).toHaveText('Focus 1');
    await expect(detail).toContainText('Minute 3 to 28 · 25 min');
    await page.getByRole('button', { name: 'Break' }).click();
    await expect(detail).toContainText('Minute 28 to 30 · 2 min');
    expect(errors).toEqual([]);
  });

  test('the header offers a visitor sign-up and sign-in, and a signed-in student the dashboard', async ({ page }) => {
    const errors = watchForErrors(page);
    await page.goto('/');
    const header = page.locator('header').first();
    await expect(header.getByRole('link', { name: 'Sign up' })).toHaveAttribute('href', '/signup');
    await expect(header.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/signin');
    await expect(header.getByRole('link', { name: 'Dashboard' })).toHaveCount(0);
    await expectHydrated(page);
    await page.getByRole('link', { name: 'Find my table' }).first().click();
    await expect(page).toHaveURL(/\/signup$/);

    await accountViaApi(page.request, freshEmail('header'), freshUsername());
    for (const path of ['/', '/signin']) {
      await page.goto(path);
      await expect(header.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/app');
      await expect(header.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
      await expect(header.getByRole('link', { name: 'Sign up' })).toHaveCount(0);
    }
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Find my table' }).first()).toHaveAttribute('href', '/app');
    await expectHydrated(page);
    expect(errors).toEqual([]);
  });

  test('moving to the next page goes straight to a complete page', async ({ page }) => {
    // Pages are rendered whole on the server; a link is an ordinary page load, so the
    // browser keeps the old page until the new one can paint (never a blank screen).
    const errors = watchForErrors(page);
    await page.goto('/');
    await expectHydrated(page);
    await page.getByRole('link', { name: 'Find my table' }).first().click();
    await expect(page.getByLabel('Email')).toBeVisible();
    await waitForHydration(page);
    // Signed in: from the landing page into the app frame and its first page.
    await accountViaApi(page.request, freshEmail('noblank'), freshUsername());
    await page.goto('/');
    await expectHydrated(page);
    await page.locator('header').first().getByRole('link', { name: 'Dashboard' }).click();
    await expect(page.getByRole('heading', { name: 'Quick match' })).toBeVisible();
    await waitForHydration(page);
    expect(errors).toEqual([]);
  });

  test('every page names itself in the browser tab, in the student\'s language', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('Focus Squad — study together, on time');
    await page.goto('/signin');
    await expect(page).toHaveTitle('Sign in · Focus Squad');
    await page.goto('/signup');
    await expect(page).toHaveTitle('Sign up · Focus Squad');
    await page.goto('/no-such-page');
    await expect(page).toHaveTitle('This page wandered off · Focus Squad');
    await accountViaApi(page.request, freshEmail('titles'), freshUsername());
    await page.goto('/app');
    await expect(page).toHaveTitle('Dashboard · Focus Squad');
    await waitForHydration(page);
    // Moving inside the app (no reload) changes it too.
    await page.getByRole('link', { name: 'Diary' }).first().click();
    await expect(page).toHaveURL(/\/app\/diary$/);
    await expect(page).toHaveTitle('Diary · Focus Squad');
    await page.goto('/lang/zh-TW?next=/app/credits');
    await expect(page).toHaveTitle('點數 · Focus Squad');
    // Counted words are Chinese too (a plural needs every locale to name its forms),
    // as the server renders them and once the page has hydrated.
    const badge = page.getByTestId('credits-badge');
    await expect(badge).toContainText('本週剩餘 2 點');
    await waitForHydration(page);
    await expect(badge).toContainText('本週剩餘 2 點');
    await expect(badge).not.toContainText('credit');
  });

  test('the build is sent compressed and kept by the browser; pages are not cached', async ({ page, request }) => {
    // The page names its script; the wasm and the stylesheet sit beside it.
    await page.goto('/');
    const script = await page.locator('link[rel="modulepreload"]').first().getAttribute('href');
    const wasm = await page.locator('link[rel="preload"][as="fetch"]').first().getAttribute('href');
    const style = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
    for (const file of [script!, wasm!, style!]) {
      for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip']]) {
        const response = await request.get(file, { headers: { 'accept-encoding': accept } });
        expect(response.status(), file).toBe(200);
        const headers = response.headers();
        expect(headers['content-encoding'], `${file} for ${accept}`).toBe(encoding);
        // Precompressed at start-up: a file of known length, not a stream.
        expect(Number(headers['content-length']), file).toBeGreaterThan(0);
        expect(headers['vary'] ?? '', file).toMatch(/accept-encoding/i);
        const fingerprinted = /\.[A-Za-z0-9_-]{16,}\.[a-z]+$/.test(file) && !/\._{16,}\./.test(file);
        expect(headers['cache-control'], file).toBe(fingerprinted ? 'public, max-age=31536000, immutable' : 'no-cache');
      }
    }
    const wasmRaw = await request.get(wasm!, { headers: { 'accept-encoding': 'identity' } });
    const wasmBr = await request.get(wasm!, { headers: { 'accept-encoding': 'br' } });
    expect(Number(wasmBr.headers()['content-length'])).toBeLessThan(Number(wasmRaw.headers()['content-length']) / 2);

    // Pages and server-function answers are compressed as they are sent, never cached.
    const html = await request.get('/', { headers: { 'accept-encoding': 'br' } });
    expect(html.headers()['content-encoding']).toBe('br');
    expect(html.headers()['cache-control'] ?? '').toMatch(/no-store|no-cache|private/);
    const answer = await request.post('/api/auth_page_info', { headers: { 'accept-encoding': 'gzip' } });
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-encoding'] ?? 'identity').toMatch(/gzip|identity/);
  });

  test('a signed-in student opening the app cold downloads at most 300 kB of code', async ({ page }) => {
    const errors = watchForErrors(page);
    await accountViaApi(page.request, freshEmail('cold'), freshUsername());
    // A booked table, so the dashboard shows every island it has (its countdowns).
    const match = await page.request.post('/api/quick_match', { form: { mode: 'quiet', language: 'en' } });
    expect(match.status()).toBe(200);
    // Bytes as sent (compressed), from the browser's own network log.
    const code: Promise<[string, number]>[] = [];
    page.on('requestfinished', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\.(wasm|js|mjs)$/.test(path)) code.push(r.sizes().then((s) => [path, s.responseBodySize]));
    });
    await page.goto('/app');
    await waitForHydration(page);
    await expect(page.getByRole('heading', { name: 'Quick match' })).toBeVisible();
    await expect(page.getByTestId('upcoming-countdown')).toHaveText(/^in \d{1,2}:\d{2}$/);
    const files = await Promise.all(code);
    const bytes = files.reduce((sum, [, size]) => sum + size, 0);
    const list = files.map(([path, size]) => `${path} ${size}`).join('\n');
    console.log(`cold /app: ${files.length} code files, ${bytes} bytes as sent`);
    // The budget: the dashboard is rendered by the server and its few islands are in the
    // main module, so a cold /app costs what the first page does (405 kB in 70 files when
    // the page was one lazy island, 710 kB with every page hydrated).
    expect(bytes, list).toBeLessThanOrEqual(300_000);
    expect(files.length, list).toBeLessThanOrEqual(6);
    expect(errors).toEqual([]);
  });

  test('the countdown ticks in the browser', async ({ page }) => {
    await page.goto('/');
    await expectHydrated(page);
    const countdown = page.getByTestId('next-start-countdown');
    await expect(countdown).toHaveText(/^\d{1,2}:\d{2}$/);
    const first = await countdown.textContent();
    await expect(countdown).not.toHaveText(first!, { timeout: 5_000 });
  });

  test('follows the server clock, not the browser clock', async ({ page, request }) => {
    // 2026-11-28T14:35:00Z: a table started at 14:30 is 5 minutes into its session.
    await setServerClock(request, { set_ms: Date.UTC(2026, 10, 28, 14, 35, 0) });
    await page.goto('/');
    await expect(page.getByTestId('table-preview-status')).toHaveText('Focus 1 · 23 min left');
    // Next slot a new table would take is 15:00, 25 minutes away.
    await expect(page.getByTestId('next-start-countdown')).toHaveText(/^2[45]:\d{2}$/);
  });

  test('switches to Traditional Chinese and remembers it', async ({ page }) => {
    const errors = watchForErrors(page);
    await page.goto('/');
    await expectHydrated(page);
    await page.getByRole('link', { name: '繁體中文' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('和另外三個人一起坐下，完成 55 分鐘真正的專注。');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    await page.reload();
    await expect(page.getByRole('link', { name: '幫我找位子' }).first()).toBeVisible();
    await page.getByRole('link', { name: 'English' }).first().click();
    await expect(page.getByRole('link', { name: 'Find my table' }).first()).toBeVisible();
    expect(errors).toEqual([]);
  });

  test('is keyboard accessible: skip link first, phases operable by keyboard', async ({ page, isMobile }) => {
    test.skip(isMobile, 'no physical keyboard on phones');
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#main$/);
    await expectHydrated(page);
    const social = page.getByRole('button', { name: 'Social' });
    await social.focus();
    await page.keyboard.press('Enter');
    await expect(social).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('phase-detail')).toContainText('Minute 50 to 55');
  });

  test('fits the screen without sideways scrolling', async ({ page }) => {
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The smallest phones: the header's Sign up stays inside the header's padding.
    await page.setViewportSize({ width: 360, height: 740 });
    for (const lang of ['en', 'zh-TW']) {
      await page.goto(`/lang/${lang}?next=/`);
      const signUp = await page.getByTestId('header-sign-up').boundingBox();
      expect(signUp).not.toBeNull();
      expect(signUp!.x + signUp!.width).toBeLessThanOrEqual(360 - 12 + 0.5);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(wide).toBeLessThanOrEqual(0);
    }
  });

  test('unknown pages get a friendly 404', async ({ page }) => {
    const resp = await page.goto('/no/such/page');
    expect(resp?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This page wandered off');
    await page.getByRole('link', { name: 'Back to Focus Squad' }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});
