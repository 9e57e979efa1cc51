import { test, expect, type Page, type Browser } from '@playwright/test';
import { minutesBeforeASlot, seatedStudent, setServerClock, tableInProgress, waitForHydration, watchForErrors } from './helpers';
import { testClockHeaders } from '../test-clock';

const MINUTE = 60_000;
/** The second student's computer clock is this far behind. */
const SKEW = 7 * MINUTE;

/** Seconds left on a page's timer ("m:ss"). */
async function timerSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('timer-left').textContent()) ?? '';
  const [m, s] = text.trim().split(':').map(Number);
  return m * 60 + s;
}

async function skewedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  // This computer's clock is minutes behind: the timer must not care.
  await context.addInitScript((skew: number) => {
    const realNow = Date.now.bind(Date);
    Date.now = () => realNow() - skew;
  }, SKEW);
  return context.newPage();
}

test.describe('the live table', () => {
  test.afterEach(async ({ request }) => {
    await setServerClock(request, { reset: true });
  });

  test('two students share the waiting room, the timer, the board and the summary', async ({ page, browser, request }) => {
    test.setTimeout(120_000);
    const errorsA = watchForErrors(page);
    const slot = await minutesBeforeASlot(request, 5);
    const topic = `Thermodynamics ${Date.now()}`;

    const pageB = await skewedPage(browser);
    const errorsB = watchForErrors(pageB);
    const table = await seatedStudent(page, 'Ana', topic);
    expect(await seatedStudent(pageB, 'Ben', topic)).toBe(table);

    // The waiting room: both see each other arrive.
    await page.goto(`/app/table/${table}`);
    await pageB.goto(`/app/table/${table}`);
    await waitForHydration(page);
    await waitForHydration(pageB);
    for (const p of [page, pageB]) {
      await expect(p.getByTestId('waiting-room')).toBeVisible();
      await expect(p.getByTestId('waiting-countdown')).toHaveText(/^[45]:\d\d$/);
      const statuses = p.getByTestId('seat-status');
      await expect(statuses.nth(0)).toHaveAttribute('data-link', 'connected');
      await expect(statuses.nth(1)).toHaveAttribute('data-link', 'connected');
      // Before the start everyone is here, nobody is "working" yet; the table's
      // language is named, not coded.
      await expect(statuses.nth(0)).toHaveText('Here');
      await expect(statuses.nth(1)).toHaveText('Here');
      await expect(p.getByTestId('waiting-room').getByRole('listitem').filter({ hasText: 'English' })).toHaveCount(1);
    }
    await expect(page.getByTestId('seats')).toContainText('Ben');
    await expect(pageB.getByTestId('seats')).toContainText('Ana');

    // Ana sets her goal before the start.
    const goal = page.getByTestId('reflect-goal');
    await goal.getByLabel("What's your goal for this session?").fill('Chapter 5 problems 1-10');
    await goal.getByRole('button', { name: 'Save' }).click();
    await expect(goal.getByRole('status')).toHaveText('Saved');

    // The start: the room opens in both browsers on the same phase and second, although
    // Ben's computer clock is seven minutes behind.
    await setServerClock(request, { set_ms: slot + 1000 });
    for (const p of [page, pageB]) {
      await expect(tableInProgress(p)).toBeVisible({ timeout: 15_000 });
      await expect(p.getByTestId('timer-phase')).toHaveAttribute('data-phase', 'Setup');
    }
    await expect(pageB.getByTestId('pinned-goals')).toContainText('Ana: Chapter 5 problems 1-10');
    await expect(page.getByTestId('seats').getByTestId('seat')).toHaveCount(4);
    await expect(page.getByTestId('seats')).toContainText('AI');
    // Once the clocks are synced (a few pings), both timers agree with the server.
    await expect(async () => {
      const { now_ms: server } = await (
        await request.get('/api/test/clock', { headers: testClockHeaders })
      ).json();
      const expected = Math.floor((slot + 3 * MINUTE - server) / 1000);
      const [a, b] = [await timerSeconds(page), await timerSeconds(pageB)];
      expect(Math.abs(a - expected)).toBeLessThanOrEqual(1);
      expect(Math.abs(b - expected)).toBeLessThanOrEqual(1);
    }).toPass({ timeout: 10_000 });

    // Chat crosses; the companions say hello on the board.
    await page.getByLabel('Message to the table').fill('Hi Ben, good luck!');
    await page.getByLabel('Message to the table').press('Enter');
    await expect(pageB.getByTestId('chat-line').filter({ hasText: 'Hi Ben, good luck!' })).toBeVisible();
    await setServerClock(request, { set_ms: slot + 40_000 });
    await expect(pageB.getByTestId('companion-line').first()).toBeVisible({ timeout: 10_000 });

    // Ben sets his goal in the room: both pinned boxes show it at once (no reload), once.
    const goalB = pageB.getByTestId('reflect-goal');
    await goalB.getByLabel("What's your goal for this session?").fill('Lab report intro');
    await goalB.getByRole('button', { name: 'Save' }).click();
    await expect(goalB.getByRole('status')).toHaveText('Saved');
    for (const p of [page, pageB]) {
      const pinned = p.getByTestId('pinned-goals').getByRole('listitem');
      await expect(pinned.filter({ hasText: 'Lab report intro' })).toHaveCount(1);
      await expect(pinned.filter({ hasText: 'Chapter 5 problems 1-10' })).toHaveCount(1);
      await expect(pinned).toHaveCount(2);
    }

    // The first focus block, then the break, where Ben checks in and Ana sees it.
    await setServerClock(request, { set_ms: slot + 3 * MINUTE + 1000 });
    for (const p of [page, pageB]) {
      await expect(p.getByTestId('timer-phase')).toHaveAttribute('data-phase', 'Work1', { timeout: 10_000 });
    }
    await setServerClock(request, { set_ms: slot + 28 * MINUTE + 1000 });
    for (const p of [page, pageB]) {
      await expect(p.getByTestId('timer-phase')).toHaveAttribute('data-phase', 'Break', { timeout: 10_000 });
    }
    await expect(page.getByTestId('phase-banner')).toContainText('Break');
    const checkIn = pageB.getByTestId('prompt-card').filter({ has: pageB.getByTestId('reflect-check_in') });
    await checkIn.getByLabel('Halfway check-in: how is it going?').fill('Done with 1-6, stuck on 7');
    await checkIn.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('reflection-line').filter({ hasText: 'Done with 1-6, stuck on 7' })).toBeVisible();

    // The second focus block and the social minutes, in step in both browsers.
    for (const [at, phase] of [[30, 'Work2'], [50, 'Social']] as const) {
      await setServerClock(request, { set_ms: slot + at * MINUTE + 1000 });
      for (const p of [page, pageB]) {
        await expect(p.getByTestId('timer-phase')).toHaveAttribute('data-phase', phase, { timeout: 10_000 });
      }
    }

    // The end: the summary, with the same numbers the server stored.
    await setServerClock(request, { set_ms: slot + 55 * MINUTE + 1000 });
    for (const [p, name] of [[page, 'Ana'], [pageB, 'Ben']] as const) {
      const summary = p.getByTestId('summary');
      await expect(summary).toBeVisible({ timeout: 15_000 });
      const stored = await (await p.request.post('/api/summary', { form: { table_id: String(table) } })).json();
      expect(stored.ready).toBe(true);
      expect(stored.completed).toBe(true);
      await expect(p.getByTestId('summary-focus')).toHaveText(String(stored.focus_minutes));
      await expect(p.getByTestId('summary-active')).toHaveText(String(stored.active_minutes));
      await expect(p.getByTestId('summary-essence')).toHaveText(String(stored.essence_earned));
      expect(stored.focus_minutes).toBe(45);
      expect(stored.essence_earned).toBe(1);
      await expect(p.getByTestId('summary-verdict')).toHaveAttribute('data-completed', 'true');
      await expect(summary).toContainText(name === 'Ana' ? 'Ben' : 'Ana');
    }
    await expect(pageB.getByTestId('summary-reflections')).toContainText('Done with 1-6, stuck on 7');
    await expect(page.getByTestId('summary-reflections')).toContainText('Chapter 5 problems 1-10');
    expect(errorsA).toEqual([]);
    expect(errorsB).toEqual([]);
    await pageB.context().close();
  });
  test('a student who drops past the grace period comes back to the same seat; a refused channel says why and stops', async ({ page, browser, request }) => {
    test.setTimeout(90_000);
    const errorsA = watchForErrors(page);
    const slot = await minutesBeforeASlot(request, 5);
    const topic = `Linear algebra ${Date.now()}`;
    const pageB = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errorsB = watchForErrors(pageB);
    const table = await seatedStudent(page, 'Ana', topic);
    expect(await seatedStudent(pageB, 'Ben', topic)).toBe(table);
    await setServerClock(request, { set_ms: slot + 4 * MINUTE });
    for (const p of [page, pageB]) {
      await p.goto(`/app/table/${table}`);
      await waitForHydration(p);
    }
    const benSeat = page.getByTestId('seat-status').nth(1);
    await expect(benSeat).toHaveAttribute('data-link', 'connected');

    // Ben's laptop sleeps: his page is gone. First "reconnecting"; past the two-minute
    // grace, "connection lost", but the seat stays his.
    await pageB.goto('about:blank');
    await expect(benSeat).toHaveAttribute('data-link', 'reconnecting');
    await setServerClock(request, { set_ms: slot + 7 * MINUTE });
    await expect(benSeat).toHaveAttribute('data-link', 'dropped', { timeout: 10_000 });
    await expect(benSeat).toHaveText('Connection lost · seat kept');

    // Twenty minutes later he is back: the dashboard still has his table, which opens
    // on the running session at the same seat, and Ana reads that he is back.
    await setServerClock(request, { set_ms: slot + 20 * MINUTE });
    await pageB.goto('/app');
    await pageB.getByTestId('open-table').click();
    await expect(pageB).toHaveURL(new RegExp(`/app/table/${table}$`));
    await expect(tableInProgress(pageB)).toBeVisible();
    await expect(pageB.getByTestId('back-line')).toContainText('Welcome back: your seat was kept.');
    await expect(page.getByTestId('back-line')).toContainText('Ben is back.');
    await expect(benSeat).toHaveAttribute('data-link', 'connected');

    // A refusal the page cannot see (a browser gets no status for a refused socket):
    // the page was rendered while Ben still held his seat, but he left before it
    // connected. It asks why, says so (his summary: he left), and stops retrying.
    const stale = await pageB.request.get(`/app/table/${table}`);
    const staleBody = await stale.text();
    const headers = { ...stale.headers() };
    delete headers['content-encoding'];
    delete headers['content-length'];
    await pageB.goto('about:blank');
    const left = await pageB.request.post('/api/leave_table', { form: { table_id: String(table) } });
    expect(left.status()).toBe(200);
    await pageB.route(`**/app/table/${table}`, (route) => route.fulfill({ status: 200, headers, body: staleBody }));
    let sockets = 0;
    pageB.on('websocket', () => sockets++);
    await pageB.goto(`/app/table/${table}`);
    await expect(pageB.getByTestId('summary')).toBeVisible({ timeout: 10_000 });
    await expect(pageB.getByTestId('summary-why')).toHaveText('You left before the end.');
    await expect(benSeat).toHaveAttribute('data-link', 'left');
    await expect(tableInProgress(page)).toBeVisible();
    // One attempt, refused; none after it while all of the above happened.
    expect(sockets).toBe(1);
    expect(errorsA).toEqual([]);
    // Chromium logs the failed socket itself (a replayed page's socket is stopped by its
    // local-network checks before the server's 409; to the page both are the same
    // socket that closed before it opened). Nothing else may appear.
    const socketFailed = /WebSocket connection to .*(409|ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS)/;
    expect(errorsB.filter((e) => !socketFailed.test(e))).toEqual([]);
    await pageB.context().close();
  });
  test('leaving early shows the leaver their own summary at once while the table runs on', async ({ page, browser, request }) => {
    test.setTimeout(90_000);
    const errorsA = watchForErrors(page);
    const slot = await minutesBeforeASlot(request, 5);
    const topic = `Organic chemistry ${Date.now()}`;
    const pageB = await browser.newPage();
    const errorsB = watchForErrors(pageB);
    const table = await seatedStudent(page, 'Ana', topic);
    expect(await seatedStudent(pageB, 'Ben', topic)).toBe(table);
    await setServerClock(request, { set_ms: slot + 1000 });
    for (const p of [page, pageB]) {
      await p.goto(`/app/table/${table}`);
      await waitForHydration(p);
    }
    for (const p of [page, pageB]) {
      await expect(tableInProgress(p)).toBeVisible();
      await expect(p.getByTestId('seat-status').nth(0)).toHaveAttribute('data-link', 'connected');
      await expect(p.getByTestId('seat-status').nth(1)).toHaveAttribute('data-link', 'connected');
    }
    // Ana sets a goal, then leaves ten minutes into the first focus block.
    const goal = page.getByTestId('reflect-goal');
    await goal.getByLabel("What's your goal for this session?").fill('Read chapter 3');
    await goal.getByRole('button', { name: 'Save' }).click();
    await expect(goal.getByRole('status')).toHaveText('Saved');
    await setServerClock(request, { set_ms: slot + 13 * MINUTE });
    await expect(page.getByTestId('timer-phase')).toHaveAttribute('data-phase', 'Work1', { timeout: 10_000 });
    await page.getByTestId('leave').getByRole('button', { name: 'Leave table' }).click();
    await page.getByRole('button', { name: 'Yes, leave' }).click();
    // Her summary within a second, while the table is still running.
    await expect(page.getByTestId('summary')).toBeVisible({ timeout: 1000 });
    await expect(page.getByTestId('summary-verdict')).toHaveAttribute('data-completed', 'false');
    await expect(page.getByTestId('summary-why')).toHaveText('You left before the end.');
    await expect(page.getByTestId('summary-verdict')).toContainText('both focus blocks');
    await expect(page.getByTestId('summary-runs-on')).toBeVisible();
    const stored = await (await page.request.post('/api/summary', { form: { table_id: String(table) } })).json();
    expect(stored.ready).toBe(true);
    expect(stored.focus_minutes).toBeGreaterThanOrEqual(9);
    await expect(page.getByTestId('summary-focus')).toHaveText(String(stored.focus_minutes));
    await expect(page.getByTestId('summary-reflections')).toContainText('Read chapter 3');
    // A card for Ben, whom she sat with; rating him works now.
    const card = page.getByTestId('rate-card');
    await expect(card).toHaveCount(1);
    await expect(card).toContainText('Ben');
    await expect(page.getByRole('link', { name: 'Back to the dashboard' })).toBeVisible();
    // Ben's table runs on, and his page shows that Ana left.
    await expect(tableInProgress(pageB)).toBeVisible();
    await expect(pageB.getByTestId('seat-status').nth(0)).toHaveAttribute('data-link', 'left');
    const running = await (await pageB.request.post('/api/summary', { form: { table_id: String(table) } })).json();
    expect(running.ready).toBe(false);
    // Her dashboard knows the table she just had: not counted, a rating still to give,
    // a way back to the summary; the diary entry once the table has ended.
    await page.getByRole('link', { name: 'Back to the dashboard' }).click();
    const recent = page.getByTestId('recent-table').filter({ has: page.locator(`[href="/app/table/${table}"]`) });
    await expect(recent.getByTestId('recent-verdict')).toHaveText("Didn't count");
    await expect(recent.getByTestId('recent-owed')).toHaveText('1 rating to give');
    await expect(recent.getByTestId('recent-diary')).toHaveCount(0);
    await recent.getByTestId('recent-summary').click();
    await expect(page.getByTestId('summary')).toBeVisible();
    await setServerClock(request, { set_ms: slot + 55 * MINUTE + 1000 });
    await expect(pageB.getByTestId('summary')).toBeVisible({ timeout: 15_000 });
    await page.goto('/app');
    await waitForHydration(page);
    await recent.getByTestId('recent-diary').click();
    await expect(page.locator(`#table-${table}`)).toBeInViewport();
    expect(errorsA).toEqual([]);
    expect(errorsB).toEqual([]);
    await pageB.close();
  });
});
