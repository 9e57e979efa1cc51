import { expect, type Page, type APIRequestContext } from '@playwright/test';
import { ADMIN_EMAIL, grantAdmin } from '../admin';
import { testClockHeaders } from '../test-clock';

/** Collects uncaught page errors and console errors (the test expects none). Answers with
 *  an HTTP status in `expectedStatuses` (a refusal the test provokes on purpose, which
 *  Chromium logs as a failed resource) are not errors. */
export function watchForErrors(page: Page, expectedStatuses: number[] = [], consoleErrors = true): string[] {
  const errors: string[] = [];
  const expected = (text: string) =>
    expectedStatuses.some((s) => text.includes(`Failed to load resource: the server responded with a status of ${s} `));
  // Each entry says on which page it happened.
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${String(e)}`));
  page.on('console', (m) => {
    if (consoleErrors && m.type() === 'error' && !expected(m.text())) errors.push(`${page.url()}: ${m.text()}`);
  });
  return errors;
}

/** Waits until the landing page's phase picker (an island) reacts to a click. */
export async function expectHydrated(page: Page) {
  const chip = page.getByRole('button', { name: /Focus 1|專注一/ });
  await expect(async () => {
    await chip.click();
    await expect(chip).toHaveAttribute('aria-pressed', 'true', { timeout: 500 });
  }).toPass({ timeout: 15_000 });
}

/** Moves the server's test clock. */
export async function setServerClock(request: APIRequestContext, body: Record<string, number | boolean>) {
  const resp = await request.post('/api/test/clock', { data: body, headers: testClockHeaders });
  expect(resp.status()).toBe(200);
  return resp.json() as Promise<{ now_ms: number; offset_ms: number }>;
}


/** Waits until the page's islands are awake: the last island on every page marks
 *  `<html data-hydrated>` when it runs, after every island before it.
 *  A page that never hydrates fails the test (with what it logged in the error list). */
export async function waitForHydration(page: Page) {
  try {
    await expect(page.locator('html[data-hydrated]')).toHaveCount(1, { timeout: 15_000 });
  } catch (error) {
    // Still a failure: it only says why, so a page that did not wake up can be diagnosed
    // from the CI log (a panic, a chunk that did not load, a script error).
    throw new Error(`${page.url()} did not hydrate.\n${await hydrationReport(page)}\n${error}`);
  }
}

/** What the page said and fetched since it loaded: console lines, script errors, and
 *  the status of every script and wasm file it asked for. */
async function hydrationReport(page: Page): Promise<string> {
  const lines: string[] = [];
  for (const m of await page.consoleMessages({ filter: 'since-navigation' })) lines.push(`console ${m.type()}: ${m.text()}`);
  for (const e of await page.pageErrors({ filter: 'since-navigation' })) lines.push(`page error: ${e}`);
  for (const r of await page.requests()) {
    if (!/\.(wasm|js|mjs)(\?|$)/.test(r.url())) continue;
    // A request still hanging is what this may be looking for: do not wait on it.
    const response = await Promise.race([r.response(), new Promise<null>((done) => setTimeout(() => done(null), 500))]);
    lines.push(`fetch ${r.url()}: ${r.failure()?.errorText ?? response?.status() ?? 'no answer yet'}`);
  }
  return lines.join('\n');
}

export const PASSWORD = 'correct horse battery';


/** Signs `request` in as the administrator (signing up and onboarding the first time). */
export async function adminViaApi(request: APIRequestContext) {
  const signIn = await request.post('/api/sign_in', { form: { email: ADMIN_EMAIL, password: PASSWORD } });
  if (signIn.status() !== 200) {
    await accountViaApi(request, ADMIN_EMAIL, freshUsername());
    grantAdmin(ADMIN_EMAIL);
  }
}

/** An email address no other test (or earlier run) uses. */
export function freshEmail(tag: string): string {
  return `${tag}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@uni.edu`;
}

/** A username from the same randomness (3–20 letters, digits, _). */
export function freshUsername(): string {
  return `u_${Math.random().toString(36).slice(2, 12)}`;
}

/** Creates an onboarded account through the API, signed in on `request`'s cookies. */
export async function accountViaApi(request: APIRequestContext, email: string, username: string) {
  const signUp = await request.post('/api/sign_up', { form: { email, password: PASSWORD } });
  expect(signUp.status()).toBe(200);
  const onboard = await request.post('/api/complete_onboarding', {
    form: { username, display_name: 'Kai', language: 'en', time_zone: 'UTC' },
  });
  expect(onboard.status()).toBe(200);
}

/** Moves the server's clock to `minutes` before a table slot at least 20 minutes ahead
 *  (slots are every 30 minutes); returns the slot. */
export async function minutesBeforeASlot(request: APIRequestContext, minutes: number): Promise<number> {
  const MINUTE = 60_000;
  const { now_ms } = await setServerClock(request, { advance_ms: 0 });
  const slot = Math.ceil((now_ms + 20 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE;
  await setServerClock(request, { set_ms: slot - minutes * MINUTE });
  return slot;
}

/** Signs up and onboards a student on `page`'s own cookies; quick-matches them to the
 *  table for `topic` (in `mode`) and returns its id. They see tables in `view`: the
 *  classic layout unless a test asks for the pixel room (the product's default), since
 *  most table tests read the classic layout's timer and seat cards. */
export async function seatedStudent(
  page: Page,
  name: string,
  topic: string,
  mode: 'audio' | 'quiet' = 'audio',
  view: 'classic' | 'pixel' = 'classic',
): Promise<number> {
  const api = page.request;
  expect((await api.post('/api/sign_up', { form: { email: freshEmail(name), password: PASSWORD } })).status()).toBe(200);
  const onboard = await api.post('/api/complete_onboarding', {
    form: { username: freshUsername(), display_name: name, language: 'en', time_zone: 'UTC' },
  });
  expect(onboard.status()).toBe(200);
  expect((await api.post('/api/table_view', { form: { view } })).status()).toBe(200);
  const match = await api.post('/api/quick_match', { form: { mode, language: 'en', topic } });
  expect(match.status()).toBe(200);
  return (await match.json()).table_id;
}

/** The table in progress (Setup to Social): the page's region named after the table,
 *  "Table 12" (or 第 12 桌). The waiting room's heading also names the seat, so it never
 *  matches. */
export function tableInProgress(page: Page) {
  return page.getByRole('region', { name: /^(Table \d+|第 \d+ 桌)$/ });
}

/** Opens table `table`'s page and waits until it is hydrated and the table is in progress. */
export async function openTable(page: Page, table: number) {
  await page.goto(`/app/table/${table}`);
  await waitForHydration(page);
  await expect(tableInProgress(page)).toBeVisible();
}
