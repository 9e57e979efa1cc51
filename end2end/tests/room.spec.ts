import { test, expect } from '@playwright/test';
import { freshEmail, minutesBeforeASlot, PASSWORD, seatedStudent, setServerClock, waitForHydration, watchForErrors } from './helpers';

test.describe('the pixel room', () => {
  test.afterEach(async ({ request }) => {
    await setServerClock(request, { reset: true });
  });

  test('a character picked at onboarding sits at its desk, a tablemate typing shows on theirs, and the classic layout is remembered', async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const errors = watchForErrors(page);
    const slot = await minutesBeforeASlot(request, 5);
    const topic = `Pixel room ${Date.now()}`;

    // Onboarding through the page: Theo, picked from the grid.
    expect((await page.request.post('/api/sign_up', { form: { email: freshEmail('theo'), password: PASSWORD } })).status()).toBe(200);
    await page.goto('/onboarding');
    await waitForHydration(page);
    await page.getByLabel('Display name').fill('Tess');
    const picker = page.getByTestId('character-picker');
    await expect(picker.locator('.sprite')).toHaveCount(8);
    await picker.getByText('Theo', { exact: true }).click();
    await expect(picker.getByRole('radio', { name: /^Theo:/ })).toBeChecked();
    await page.getByRole('button', { name: 'Start studying' }).click();
    await expect(page).toHaveURL(/\/app$/);
    const match = await page.request.post('/api/quick_match', { form: { mode: 'audio', language: 'en', topic } });
    const table = (await match.json()).table_id;

    // A tablemate who sees the room too.
    const other = await browser.newContext();
    const pageB = await other.newPage();
    const errorsB = watchForErrors(pageB);
    expect(await seatedStudent(pageB, 'Ben', topic, 'audio', 'pixel')).toBe(table);

    // The waiting room names the room and shows it.
    await page.goto(`/app/table/${table}`);
    await waitForHydration(page);
    const room = await page.getByTestId('scene-preview').getAttribute('data-room');
    expect(['cozy-study', 'coffee-shop', 'library']).toContain(room);
    await expect(page.getByTestId('table-room')).toHaveText(/^Room: (Cozy study|Coffee shop|Library)$/);

    await setServerClock(request, { set_ms: slot + 1000 });
    const scene = page.getByTestId('room-scene');
    await expect(scene).toBeVisible({ timeout: 15_000 });
    await expect(scene.locator('.room-scene')).toHaveAttribute('data-room', room!);
    const mine = scene.locator('[data-testid="scene-seat"][data-seat="1"]');
    await expect(mine).toHaveAttribute('data-character', 'theo');
    await expect(mine).toHaveAttribute('data-sprite-state', 'working');
    // The seat's words for screen readers: the name and what they are doing.
    await expect(mine).toContainText('You, working');
    // The sheet is a real, cached picture.
    const sheet = await mine.locator('.sprite').evaluate((el) => getComputedStyle(el).backgroundImage);
    const path = sheet.match(/\/art\/characters\/theo\.[0-9a-f]{16}\.png/)![0];
    const art = await page.request.get(path);
    expect(art.status()).toBe(200);
    expect(art.headers()['content-type']).toBe('image/png');
    expect(art.headers()['cache-control']).toContain('immutable');
    // The two empty seats are taken by companions, drawn as their animals.
    const animals = ['fox', 'owl', 'cat', 'panda'].map((a) => `[data-character="${a}"]`).join(',');
    await expect(scene.getByTestId('scene-seat').and(scene.locator(animals))).toHaveCount(2, { timeout: 10_000 });
    await expect(scene.locator('.sprite')).toHaveCount(4);

    // Ben starts typing on the board: his sprite types on Tess's screen; he sends, it stops.
    await pageB.goto(`/app/table/${table}`);
    await waitForHydration(pageB);
    const ben = scene.locator('[data-testid="scene-seat"][data-seat="2"]');
    await expect(ben).toHaveAttribute('data-sprite-state', 'working', { timeout: 10_000 });
    await expect(pageB.getByTestId('board')).toBeVisible();
    await pageB.getByLabel('Message to the table').fill('Hello from the library');
    await expect(ben).toHaveAttribute('data-sprite-state', 'typing');
    await pageB.getByLabel('Message to the table').press('Enter');
    await expect(ben).toHaveAttribute('data-sprite-state', 'working');

    // The classic layout, remembered after a reload; then back to the room.
    await page.getByTestId('view-toggle').click();
    await expect(page.getByTestId('timer-phase')).toBeVisible();
    await expect(scene).toHaveCount(0);
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByTestId('timer-phase')).toBeVisible();
    await expect(page.getByTestId('room-scene')).toHaveCount(0);
    await page.getByTestId('view-toggle').click();
    await expect(page.getByTestId('room-scene')).toBeVisible();
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByTestId('room-scene')).toBeVisible();
    expect(errors).toEqual([]);
    expect(errorsB).toEqual([]);
    await other.close();
  });

  test('the landing page shows the room; reduced motion stops every animation in it', async ({ browser }) => {
    for (const reducedMotion of ['no-preference', 'reduce'] as const) {
      const context = await browser.newContext({ reducedMotion });
      const page = await context.newPage();
      await page.goto('/');
      await waitForHydration(page);
      const preview = page.getByTestId('scene-preview');
      await expect(preview).toBeVisible();
      await expect(preview.locator('.sprite')).toHaveCount(4);
      await expect(preview.locator('.prop')).toHaveCount(4);
      const animations = await preview
        .locator('.sprite, .prop')
        .evaluateAll((els) => els.map((el) => getComputedStyle(el).animationName));
      if (reducedMotion === 'reduce') {
        expect(animations.every((name) => name === 'none')).toBe(true);
      } else {
        expect(animations.every((name) => name !== 'none')).toBe(true);
      }
      // Whole device pixels: the scene is 320 × 180 art pixels, each a whole number of
      // device pixels (the phone's ratio is 2.625).
      const box = await preview.locator('.room-scene').boundingBox();
      const ratio = await page.evaluate(() => window.devicePixelRatio);
      const devicePixels = (box!.width / 320) * ratio;
      expect(devicePixels).toBeGreaterThanOrEqual(1);
      expect(Math.abs(devicePixels - Math.round(devicePixels))).toBeLessThan(0.01);
      expect(box!.height / box!.width).toBeCloseTo(180 / 320, 3);
      await context.close();
    }
  });
});
