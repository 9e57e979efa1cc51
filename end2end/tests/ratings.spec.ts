import { test, expect, type Page } from '@playwright/test';
import {
  adminViaApi,
  freshEmail,
  freshUsername,
  PASSWORD,
  seatedStudent,
  setServerClock,
  waitForHydration,
  watchForErrors,
} from './helpers';

const MINUTE = 60_000;
const SLOT = 30 * MINUTE;

const DAY = 24 * 60 * MINUTE;

/** The weekly batch after `ms`: the next Monday, 00:00 UTC (1970-01-01 was a Thursday). */
function nextBatch(ms: number): number {
  const day = Math.floor(ms / DAY);
  const weekday = (((day + 3) % 7) + 7) % 7;
  return (day - weekday + 7) * DAY;
}

/** Waits until the scheduler has ended `table` (the summary says it is ready). */
async function waitUntilEnded(page: Page, table: number) {
  await expect(async () => {
    const summary = await (await page.request.post('/api/summary', { form: { table_id: String(table) } })).json();
    expect(summary.ready).toBe(true);
  }).toPass({ timeout: 15_000 });
}

test.describe('peer review', () => {
  test.afterEach(async ({ request }) => {
    await setServerClock(request, { reset: true });
  });

  test('tablemates rate each other; owed ratings block matching until given; the red shows in the ledger', async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    // Quick match is refused on purpose (409) while ratings are owed.
    const errorsA = watchForErrors(page, [409]);
    const { now_ms } = await setServerClock(request, { advance_ms: 0 });
    const slot = Math.ceil((now_ms + 20 * MINUTE) / SLOT) * SLOT;
    await setServerClock(request, { set_ms: slot - 5 * MINUTE });
    const topic = `Organic chemistry ${Date.now()}`;
    const contextB = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
    const pageB = await contextB.newPage();
    const errorsB = watchForErrors(pageB);
    const table = await seatedStudent(page, 'Ana', topic);
    expect(await seatedStudent(pageB, 'Ben', topic)).toBe(table);

    // The session runs its 55 minutes (the scheduler starts and ends it).
    await setServerClock(request, { set_ms: slot + 1000 });
    await setServerClock(request, { set_ms: slot + 55 * MINUTE + 1000 });
    await waitUntilEnded(page, table);

    // Ana's dashboard says what is owed, and quick match is refused with a way out.
    await page.goto('/app');
    await waitForHydration(page);
    const owed = page.getByTestId('owed');
    await expect(owed).toBeVisible();
    await expect(owed.getByTestId('owed-link')).toHaveAttribute('href', `/app/table/${table}`);
    await page.getByRole('button', { name: 'Find my table' }).click();
    await expect(page.getByTestId('quick-match').getByRole('alert')).toContainText('Rate your tablemates from your last session first');
    await page.getByTestId('rate-first').click();

    // The session-end page: one card (Ben; the companions are not rated). Red, with reasons.
    await waitForHydration(page);
    const card = page.getByTestId('rate-card');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('Ben');
    await card.getByRole('button', { name: 'Red' }).click();
    const reasons = card.getByTestId('rate-reasons');
    // Sent without a reason: the card says what to pick, in words, and keeps the red.
    await card.getByTestId('rate-send').click();
    await expect(card.getByTestId('rate-problem')).toHaveText('Pick at least one reason for a red rating.');
    await expect(reasons).toHaveAttribute('aria-invalid', 'true');
    await expect(card.getByRole('button', { name: 'Red' })).toHaveAttribute('aria-pressed', 'true');
    await reasons.getByLabel("Didn't show up").check();
    await expect(card.getByTestId('rate-problem')).toHaveCount(0);
    await reasons.getByLabel('Other', { exact: true }).check();
    await card.getByTestId('rate-send').click();
    await expect(card.getByTestId('rate-problem')).toHaveText('You picked “Other”: say in a few words what happened.');
    await expect(reasons.getByLabel("Didn't show up")).toBeChecked();
    await reasons.getByLabel(/Anything else/).fill('Music blasting the whole hour');
    await card.getByTestId('rate-send').click();
    await expect(card.getByTestId('rate-given')).toHaveAttribute('data-value', 'red');

    // Ben rates Ana green, sending everything at once.
    await pageB.goto(`/app/table/${table}`);
    await waitForHydration(pageB);
    const cardB = pageB.getByTestId('rate-card');
    await expect(cardB).toContainText('Ana');
    await cardB.getByRole('button', { name: 'Green' }).click();
    await pageB.getByTestId('rate-all').click();
    await expect(cardB.getByTestId('rate-given')).toHaveAttribute('data-value', 'green');

    // Nothing owed any more: quick match seats Ana.
    await page.goto('/app');
    await waitForHydration(page);
    await expect(page.getByTestId('reliability-card')).toBeVisible();
    await expect(page.getByTestId('owed')).toHaveCount(0);
    await page.getByRole('button', { name: 'Find my table' }).click();
    await expect(page.getByTestId('match-outcome')).toBeVisible();

    // Ben's ledger: Ana was his only human tablemate, so her rating would name her by its
    // date: it waits for the weekly batch, and nothing Ben can fetch shows it before.
    await pageB.goto('/app/reliability');
    await waitForHydration(pageB);
    await expect(pageB.getByTestId('history-empty')).toBeVisible();
    const early = await (await pageB.request.post('/api/ledger')).json();
    expect(early.received).toEqual([]);
    const { now_ms: rated } = await setServerClock(request, { advance_ms: 0 });
    const monday = nextBatch(rated);
    await setServerClock(request, { set_ms: monday + 1000 });
    await expect(async () => {
      const ledger = await (await pageB.request.post('/api/ledger')).json();
      expect(ledger.received).toHaveLength(1);
    }).toPass({ timeout: 10_000 });
    const ledger = await (await pageB.request.post('/api/ledger')).json();
    const red = ledger.received[0];
    expect(Object.keys(red).sort()).toEqual([
      'appealed', 'batched', 'caused_ban', 'counts_until', 'on', 'other', 'reasons',
      'reference', 'value', 'weighing', 'weight_given_pct', 'weight_now_pct',
    ]);
    expect(red.on).toBe(monday);
    expect(JSON.stringify(ledger)).not.toContain(`"table_id":${table}`);

    // Then the red shows, anonymised, under its batch's Monday, with its reasons and words
    // and why it weighs nothing (Ana is a new member); no score shows beside it.
    await pageB.reload();
    await waitForHydration(pageB);
    const entry = pageB.getByTestId('history-entry').filter({ has: pageB.locator('[data-testid="history-reasons"]') });
    await expect(entry).toHaveAttribute('data-value', 'red');
    await expect(entry.getByTestId('history-reasons')).toHaveText("Didn't show up · Other");
    await expect(entry).toContainText('Music blasting the whole hour');
    await expect(entry).not.toContainText('Ana');
    await expect(entry.getByTestId('history-day')).toContainText('Weekly batch of');
    await expect(entry.getByTestId('history-why')).toHaveText('From a new member: does not count yet.');
    await expect(pageB.getByTestId('reliability-score')).toHaveText('No score yet');
    await expect(pageB.getByTestId('reliability-needed')).toHaveText('5 more ratings must count before a score shows.');
    await expect(pageB.getByTestId('reliability-counts')).toHaveText('No ratings count yet.');
    if (process.env.UPDATE_SCREENSHOTS) {
      await pageB.screenshot({ path: `../docs/screenshots/reliability-red-${test.info().project.name}-en.png`, fullPage: true });
    }
    await entry.getByText('Appeal this rating').click();
    await entry.getByRole('textbox').fill('My camera was off; I was at my desk the whole time.');
    await entry.getByRole('button', { name: 'Send appeal' }).click();
    await expect(pageB.getByTestId('appeal-sent')).toBeVisible();

    expect(errorsA).toEqual([]);
    expect(errorsB).toEqual([]);
    await contextB.close();
  });
  test('red ratings from paid members add up to a break from matching, explained and counted down', async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    // Quick match is refused on purpose (403) while banned.
    const errors = watchForErrors(page, [403]);
    const { now_ms } = await setServerClock(request, { advance_ms: 0 });
    const slot = Math.ceil((now_ms + 20 * MINUTE) / SLOT) * SLOT;
    await setServerClock(request, { set_ms: slot - 5 * MINUTE });
    const topic = `Statistics ${Date.now()}`;
    const table = await seatedStudent(page, 'Kim', topic);
    // Two tablemates on a paid plan (their reds weigh 1.0 each; a free member's line is 1.5).
    const raters = [];
    for (const name of ['Lou', 'Max']) {
      const context = await browser.newContext();
      const api = context.request;
      const username = freshUsername();
      expect((await api.post('/api/sign_up', { form: { email: freshEmail(name), password: PASSWORD } })).status()).toBe(200);
      expect((await api.post('/api/complete_onboarding', { form: { username, display_name: name, language: 'en', time_zone: 'UTC' } })).status()).toBe(200);
      const match = await api.post('/api/quick_match', { form: { mode: 'audio', language: 'en', topic } });
      expect((await match.json()).table_id).toBe(table);
      raters.push({ context, username });
    }
    await adminViaApi(request);
    for (const { username } of raters) {
      expect((await request.post('/api/set_tier', { form: { username, tier: 'pro' } })).status()).toBe(200);
    }
    await setServerClock(request, { set_ms: slot + 1000 });
    await setServerClock(request, { set_ms: slot + 55 * MINUTE + 1000 });
    await waitUntilEnded(page, table);
    const seat = (await (await page.request.post('/api/table', { form: { table_id: String(table) } })).json()).seat;
    for (const [i, { context }] of raters.entries()) {
      const rated = await context.request.post('/api/rate', {
        data: { table_id: table, ratings: [{ seat, value: 'red', reasons: [i === 0 ? 'no_show' : 'disruptive'], other: '' }] },
      });
      expect(rated.status()).toBe(200);
    }

    // The dashboard says so, quick match is refused with a way to the explanation.
    await page.goto('/app');
    await waitForHydration(page);
    await expect(page.getByTestId('dashboard-banned')).toBeVisible();
    await page.getByRole('button', { name: 'Find my table' }).click();
    await expect(page.getByTestId('quick-match').getByRole('alert')).toContainText("You can't join tables for now");
    await page.getByTestId('why-banned').click();
    await expect(page).toHaveURL(/\/app\/banned$/);
    await waitForHydration(page);
    const banned = page.getByTestId('banned');
    await expect(banned).toContainText('added up to 2; the line for your plan is 1.5');
    await expect(page.getByTestId('ban-countdown')).toHaveText(/^4[78]:\d\d:\d\d$/);
    const first = await page.getByTestId('ban-countdown').textContent();
    await expect(page.getByTestId('ban-countdown')).not.toHaveText(first ?? '', { timeout: 5_000 });
    await expect(page.getByTestId('history-entry')).toHaveCount(2);
    await expect(page.getByTestId('history-reasons').first()).toHaveText(/Noisy or disruptive|Didn't show up/);
    if (process.env.UPDATE_SCREENSHOTS) {
      await page.screenshot({ path: `../docs/screenshots/banned-${test.info().project.name}-en.png`, fullPage: true });
    }
    // The short address leads to the same page.
    await page.goto('/banned');
    await expect(page).toHaveURL(/\/app\/banned$/);
    expect(errors).toEqual([]);
    for (const { context } of raters) await context.close();
  });
});
