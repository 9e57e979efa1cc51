import { test } from '@playwright/test';
import { expectHydrated, setServerClock } from './helpers';

// Refreshes docs/screenshots/ when UPDATE_SCREENSHOTS=1 (not part of the normal run).
test.skip(!process.env.UPDATE_SCREENSHOTS, 'set UPDATE_SCREENSHOTS=1 to refresh docs/screenshots');

test('landing page screenshots', async ({ page, request }, info) => {
  await setServerClock(request, { set_ms: Date.UTC(2026, 10, 28, 14, 41, 30) });
  for (const lang of ['en', 'zh-TW']) {
    await page.context().addCookies([{ name: 'i18n_pref_locale', value: lang, url: info.project.use.baseURL! }]);
    await page.goto('/');
    await expectHydrated(page);
    await page.getByRole('button', { name: /Focus 1|專注一/ }).click();
    await page.screenshot({ path: `../docs/screenshots/landing-${info.project.name}-${lang}.png`, fullPage: true });
  }
  await setServerClock(request, { reset: true });
});
