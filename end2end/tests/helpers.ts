import { expect, type Page, type APIRequestContext } from '@playwright/test';

/** Fails the test on any uncaught page error or console error. */
export function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

/** Waits until the wasm has hydrated the page (Leptos removes nothing visible, so we
 *  check that a click handler reacts). */
export async function expectHydrated(page: Page) {
  const chip = page.getByRole('button', { name: /Focus 1|專注一/ });
  await expect(async () => {
    await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', 'true', { timeout: 500 });
  }).toPass({ timeout: 15_000 });
}

/** Moves the server's test clock. */
export async function setServerClock(request: APIRequestContext, body: Record<string, number | boolean>) {
  const resp = await request.post('/api/test/clock', { data: body });
  expect(resp.status()).toBe(200);
  return resp.json() as Promise<{ now_ms: number; offset_ms: number }>;
}
