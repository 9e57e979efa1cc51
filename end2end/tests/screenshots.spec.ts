import { test, expect } from '@playwright/test';
import {
  accountViaApi,
  adminViaApi,
  expectHydrated,
  freshEmail,
  freshUsername,
  PASSWORD,
  setServerClock,
  tableInProgress,
  waitForHydration,
} from './helpers';
import { chromiumWithFakeMedia } from '../chromium';

// Fake microphones, allowed without a prompt (the table room shows audio on); nothing
// else here uses media.
test.use({ launchOptions: chromiumWithFakeMedia });

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

test('account pages screenshots', async ({ page }, info) => {
  const base = info.project.use.baseURL!;
  // [page, language]; `{user}` is the account made for the shot.
  const shots: Record<string, [string, 'en' | 'zh-TW'][]> = {
    laptop: [
      ['/signin', 'en'],
      ['/onboarding', 'zh-TW'],
      ['/app', 'en'],
      ['/app', 'zh-TW'],
      ['/app/profile', 'en'],
      ['/app/credits', 'en'],
    ],
    phone: [
      ['/signin', 'zh-TW'],
      ['/app', 'en'],
      ['/app/settings', 'en'],
      ['/u/{user}', 'zh-TW'],
      ['/app/credits', 'zh-TW'],
    ],
  };
  const names: Record<string, string> = {
    '/signin': 'signin',
    '/onboarding': 'onboarding',
    '/app': 'dashboard',
    '/app/profile': 'profile',
    '/app/settings': 'settings',
    '/app/credits': 'credits',
    '/u/{user}': 'public-profile',
  };
  for (const [path, lang] of shots[info.project.name]) {
    await page.context().clearCookies();
    await page.context().addCookies([{ name: 'i18n_pref_locale', value: lang, url: base }]);
    const user = freshUsername();
    let seated = '';
    if (path === '/onboarding') {
      const resp = await page.request.post('/api/sign_up', { form: { email: freshEmail('shot'), password: PASSWORD } });
      expect(resp.status()).toBe(200);
    } else if (path !== '/signin') {
      await accountViaApi(page.request, freshEmail('shot'), user);
      const saved = await page.request.post('/api/save_profile', {
        form: {
          username: user,
          display_name: lang === 'zh-TW' ? '林美玲' : 'Mei Lin',
          bio:
            lang === 'zh-TW'
              ? '海洋生物系大三，正在寫潮間帶的專題。'
              : 'Third-year marine biology, writing up a tide-pool survey.',
          'links[]': 'https://github.com/meilin',
          'interests[]': 'science',
          language: lang,
          time_zone: 'Asia/Taipei',
        },
      });
      expect(saved.status()).toBe(200);
      if (path === '/app' || path === '/app/credits') {
        // A booked table, so the dashboard and the history show one.
        const matched = await page.request.post('/api/quick_match', {
          form: { mode: 'audio', language: lang, topic: lang === 'zh-TW' ? '有機化學' : 'Organic chemistry' },
        });
        expect(matched.status()).toBe(200);
        // What the quick-match form comes back to: where the student now sits.
        if (path === '/app') seated = `?seated=${(await matched.json()).table_id}`;
      }
    }
    await page.goto(path.replace('{user}', user) + seated);
    await waitForHydration(page);
    await page.screenshot({
      path: `../docs/screenshots/${names[path]}-${info.project.name}-${lang}.png`,
      fullPage: true,
    });
  }
});

test('live table screenshots', async ({ page, browser }, info) => {
  test.setTimeout(120_000);
  const base = info.project.use.baseURL!;
  const lang = info.project.name === 'laptop' ? 'en' : 'zh-TW';
  const request = page.request;
  const MINUTE = 60_000;
  const { now_ms } = await setServerClock(request, { advance_ms: 0 });
  const slot = Math.ceil((now_ms + 20 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE;
  await setServerClock(request, { set_ms: slot - 4 * MINUTE - 12_000 });
  const topic = `${lang === 'zh-TW' ? '線性代數' : 'Linear algebra'} ${Date.now() % 1000}`;

  // Two students at one table: the viewer (this page) and a tablemate in another browser.
  const mate = await browser.newContext();
  const matePage = await mate.newPage();
  const names = lang === 'zh-TW' ? ['林美玲', '陳志明'] : ['Mei Lin', 'Jonah'];
  let table = 0;
  for (const [p, name] of [[page, names[0]], [matePage, names[1]]] as const) {
    await p.context().addCookies([{ name: 'i18n_pref_locale', value: lang, url: base }]);
    await accountViaApi(p.request, freshEmail('table'), freshUsername());
    const renamed = await p.request.post('/api/save_profile', {
      form: { username: freshUsername(), display_name: name, bio: '', language: lang, time_zone: 'Asia/Taipei' },
    });
    expect(renamed.status()).toBe(200);
    const matched = await p.request.post('/api/quick_match', { form: { mode: 'audio', language: lang, topic } });
    expect(matched.status()).toBe(200);
    table = (await matched.json()).table_id;
  }
  const goals = lang === 'zh-TW' ? ['完成第三章習題', '複習特徵值'] : ['Finish the chapter 3 problem set', 'Review eigenvalues'];
  for (const [p, goal] of [[page, goals[0]], [matePage, goals[1]]] as const) {
    const saved = await p.request.post('/api/reflect', { form: { table_id: String(table), prompt: 'goal', text: goal } });
    expect(saved.status()).toBe(200);
  }
  await matePage.goto(`/app/table/${table}`);
  await page.goto(`/app/table/${table}`);
  await waitForHydration(page);
  await waitForHydration(matePage);
  await expect(page.getByTestId('seat-status').nth(1)).toHaveAttribute('data-link', 'connected');
  await page.screenshot({ path: `../docs/screenshots/table-waiting-${info.project.name}-${lang}.png`, fullPage: true });

  // Setup, half a minute in: goals pinned, companions have said hello, a little chat.
  await setServerClock(request, { set_ms: slot + 35_000 });
  await expect(tableInProgress(page)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('companion-line')).toHaveCount(2, { timeout: 15_000 });
  const chat = matePage.getByRole('textbox', { name: lang === 'zh-TW' ? '給同桌夥伴的訊息' : 'Message to the table' });
  await chat.fill(lang === 'zh-TW' ? '大家加油！我先從第 4 題開始。' : 'Good luck! Starting with question 4.');
  await chat.press('Enter');
  await expect(page.getByTestId('chat-line')).toHaveCount(1);
  // Audio: both microphones on (the fake ones; the browser allows them), a good link.
  for (const p of [page, matePage]) await expect(p.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live', { timeout: 10_000 });
  await expect(page.getByTestId('phase-banner')).toHaveCount(0, { timeout: 15_000 }); // the phase banner fades
  // The default view, the pixel room; then the classic layout with its link meters.
  await expect(page.getByTestId('room-scene')).toBeVisible();
  await page.screenshot({ path: `../docs/screenshots/table-room-${info.project.name}-${lang}.png`, fullPage: true });
  await page.getByTestId('view-toggle').click();
  await expect(page.getByTestId('audio-quality').first()).toHaveAttribute('data-quality', 'good', { timeout: 15_000 });
  await page.screenshot({ path: `../docs/screenshots/table-classic-${info.project.name}-${lang}.png`, fullPage: true });

  // The end: the summary.
  await setServerClock(request, { set_ms: slot + 50 * MINUTE + 10_000 });
  const after = page.getByTestId('prompt-card').filter({ has: page.getByTestId('reflect-afterthought') });
  await after.getByRole('textbox').fill(lang === 'zh-TW' ? '寫完 1 到 8 題，第 9 題明天問老師。' : 'Did 1–8; asking about 9 in office hours.');
  await after.getByRole('button').click();
  await expect(after.getByRole('status')).toBeVisible();
  await setServerClock(request, { set_ms: slot + 55 * MINUTE + 2_000 });
  await expect(page.getByTestId('summary-verdict')).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: `../docs/screenshots/table-summary-${info.project.name}-${lang}.png`, fullPage: true });

  // Rating the tablemate: red opens the reasons.
  const card = page.getByTestId('rate-card');
  await card.getByRole('button', { name: lang === 'zh-TW' ? '紅色' : 'Red' }).click();
  const reasons = card.getByTestId('rate-reasons');
  await reasons.getByRole('checkbox').nth(2).check();
  await reasons.getByRole('textbox').fill(lang === 'zh-TW' ? '整場都在放音樂。' : 'Music playing the whole hour.');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `../docs/screenshots/rating-${info.project.name}-${lang}.png`, fullPage: true });
  await card.getByTestId('rate-send').click();
  await expect(card.getByTestId('rate-given')).toBeVisible();

  // The tablemate's ratings of the viewer, then the viewer's open ledger.
  const seat = (await (await page.request.post('/api/table', { form: { table_id: String(table) } })).json()).seat;
  const rated = await matePage.request.post('/api/rate', {
    data: { table_id: table, ratings: [{ seat, value: 'green' }] },
  });
  expect(rated.status()).toBe(200);
  await page.goto('/app/reliability');
  await waitForHydration(page);
  await page.getByText(lang === 'zh-TW' ? '分數怎麼算' : 'How the score works').click();
  await page.screenshot({ path: `../docs/screenshots/reliability-${info.project.name}-${lang}.png`, fullPage: true });
  await mate.close();
  await setServerClock(request, { reset: true });
});

test('diary screenshots', async ({ page, request: admin }, info) => {
  test.setTimeout(240_000);
  const base = info.project.use.baseURL!;
  const lang = info.project.name === 'laptop' ? 'en' : 'zh-TW';
  const request = page.request;
  const MINUTE = 60_000;
  const DAY = 24 * 60 * MINUTE;
  await page.context().addCookies([{ name: 'i18n_pref_locale', value: lang, url: base }]);
  // Three sessions on three days in a row (the 10th to the 12th of next month, 09:00 in
  // Taipei, so all three share the calendar's month), the page open through each. The
  // account is made the day before, so its sign-in is fresh whatever today's date.
  const { now_ms } = await setServerClock(request, { advance_ms: 0 });
  const today = new Date(now_ms);
  const first = Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 10, 1, 0);
  await setServerClock(request, { set_ms: first - DAY });
  await accountViaApi(request, freshEmail('diary'), freshUsername());
  const username = freshUsername();
  const profile = await request.post('/api/save_profile', {
    form: { username, display_name: lang === 'zh-TW' ? '林美玲' : 'Mei Lin', bio: '', language: lang, time_zone: 'Asia/Taipei' },
  });
  expect(profile.status()).toBe(200);
  // Unlimited credits: three sessions in three days.
  await adminViaApi(admin);
  expect((await admin.post('/api/set_tier', { form: { username, tier: 'infinite' } })).status()).toBe(200);
  const days = lang === 'zh-TW'
    ? [
        ['微積分', '完成第三章習題', '分部積分終於懂了！明天試試換元積分。', ['breakthrough', 'productive']],
        ['線性代數', '複習特徵值', '有點累，但還是把筆記整理完了。', ['tired', 'productive']],
        ['有機化學', '背完官能基', '同桌夥伴很安靜，專注得很好。', ['deep-focus', 'social']],
      ]
    : [
        ['Calculus', 'Finish the chapter 3 problem set', 'Integration by parts finally clicked! Substitution tomorrow.', ['breakthrough', 'productive']],
        ['Linear algebra', 'Review eigenvalues', 'Tired, but the notes are tidy now.', ['tired', 'productive']],
        ['Organic chemistry', 'Learn the functional groups', 'Quiet table, great focus. Ask about ketones.', ['deep-focus', 'social']],
      ];
  for (const [i, [topic, goal, note, tags]] of days.entries()) {
    const slot = first + i * DAY;
    await setServerClock(request, { set_ms: slot - 4 * MINUTE });
    const matched = await request.post('/api/quick_match', { form: { mode: 'quiet', language: lang, topic: topic as string } });
    expect(matched.status()).toBe(200);
    const table = (await matched.json()).table_id;
    expect((await request.post('/api/reflect', { form: { table_id: String(table), prompt: 'goal', text: goal as string } })).status()).toBe(200);
    await page.goto(`/app/table/${table}`);
    await waitForHydration(page);
    await expect(page.getByTestId('seat-status').first()).toHaveAttribute('data-link', 'connected');
    await setServerClock(request, { set_ms: slot + 1000 });
    await setServerClock(request, { set_ms: slot + 55 * MINUTE + 2000 });
    await expect(page.getByTestId('summary-verdict')).toBeVisible({ timeout: 20_000 });
    const saved = await request.post('/api/note', { data: { table_id: table, body: note, tags } });
    expect(saved.status()).toBe(200);
  }
  await page.goto('/app/diary');
  await waitForHydration(page);
  await expect(page.getByTestId('diary-entry')).toHaveCount(3);
  await page.screenshot({ path: `../docs/screenshots/diary-${info.project.name}-${lang}.png`, fullPage: true });
  // A day picked in the calendar, and a search.
  await page.locator('[data-testid=calendar-day][data-sessions="1"]').nth(1).click();
  await expect(page.getByTestId('diary-entry')).toHaveCount(1);
  await page.screenshot({ path: `../docs/screenshots/diary-calendar-${info.project.name}-${lang}.png`, fullPage: true });
  await page.getByTestId('diary-clear').click();
  await page.getByTestId('diary-search').fill(lang === 'zh-TW' ? '積分' : 'integ');
  await expect(page.getByTestId('diary-entry')).toHaveCount(1);
  await page.screenshot({ path: `../docs/screenshots/diary-search-${info.project.name}-${lang}.png`, fullPage: true });
  await setServerClock(request, { reset: true });
});

test('email pages screenshots', async ({ page }, info) => {
  // On the instance that sends email (tests/email.spec.ts); its letters carry real links.
  const { mailBaseURL, lettersTo, linkIn } = await import('../mail/instance');
  const shots: Record<string, [string, 'en' | 'zh-TW'][]> = {
    laptop: [
      ['check-email', 'en'],
      ['forgot-password', 'en'],
      ['settings-email', 'en'],
      ['verify-email', 'zh-TW'],
    ],
    phone: [
      ['reset-password', 'zh-TW'],
      ['settings-email', 'zh-TW'],
    ],
  };
  for (const [shot, lang] of shots[info.project.name]) {
    await page.context().clearCookies();
    await page.context().addCookies([{ name: 'i18n_pref_locale', value: lang, url: mailBaseURL }]);
    const email = freshEmail('mailshot');
    const api = page.request;
    expect((await api.post(`${mailBaseURL}/api/sign_up`, { form: { email, password: PASSWORD } })).status()).toBe(200);
    let path = '/check-email?for=sign-up';
    if (shot === 'verify-email') {
      await expect(async () => expect(lettersTo(email)).toHaveLength(1)).toPass();
      path = linkIn(lettersTo(email)[0], '/verify-email?token=');
    } else if (shot === 'forgot-password') {
      path = '/forgot-password';
    } else if (shot === 'reset-password') {
      expect((await api.post(`${mailBaseURL}/api/request_password_reset`, { form: { email } })).status()).toBe(200);
      await expect(async () => expect(lettersTo(email)).toHaveLength(2)).toPass();
      path = linkIn(lettersTo(email)[1], '/reset-password?token=');
    } else if (shot === 'settings-email') {
      expect((await api.post(`${mailBaseURL}/api/sign_in`, { form: { email, password: PASSWORD } })).status()).toBe(200);
      const onboard = await api.post(`${mailBaseURL}/api/complete_onboarding`, {
        form: { username: freshUsername(), display_name: lang === 'zh-TW' ? '林美玲' : 'Mei Lin', language: lang, time_zone: 'Asia/Taipei' },
      });
      expect(onboard.status()).toBe(200);
      path = '/app/settings';
    }
    await page.goto(`${mailBaseURL}${path}`);
    await waitForHydration(page);
    await page.screenshot({ path: `../docs/screenshots/${shot}-${info.project.name}-${lang}.png`, fullPage: true });
  }
});

test('the table keeps its word: Focus at rest, a leaver’s summary, one red in the ledger', async ({ page, browser }, info) => {
  test.skip(info.project.name !== 'laptop', 'this test takes each shot at both sizes itself');
  test.setTimeout(240_000);
  const base = info.project.use.baseURL!;
  const request = page.request;
  const MINUTE = 60_000;
  const DAY = 24 * 60 * MINUTE;
  /** Each shot at a laptop and a phone size, in both languages. */
  const sizes = [
    { width: 1366, height: 768 },
    { width: 390, height: 844 },
  ];
  const shoot = async (name: string, ready: () => Promise<void>) => {
    for (const lang of ['en', 'zh-TW']) {
      const saved = await page.request.post(`/lang/${lang}`, { headers: { origin: base }, form: { next: '/app' }, maxRedirects: 0 });
      expect(saved.status()).toBe(303);
      for (const size of sizes) {
        await page.setViewportSize(size);
        await page.reload();
        await waitForHydration(page);
        await ready();
        await page.screenshot({ path: `../docs/screenshots/${name}-${size.width}x${size.height}-${lang}.png`, fullPage: true });
      }
    }
  };
  const { now_ms } = await setServerClock(request, { advance_ms: 0 });
  const slot = Math.ceil((now_ms + 20 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE;
  await setServerClock(request, { set_ms: slot - 5 * MINUTE });
  const topic = `Organic chemistry ${Date.now() % 1000}`;
  const mate = await browser.newContext();
  const matePage = await mate.newPage();
  let table = 0;
  for (const [p, name] of [[page, 'Mei Lin'], [matePage, 'Jonah']] as const) {
    await accountViaApi(p.request, freshEmail('word'), freshUsername());
    const renamed = await p.request.post('/api/save_profile', {
      form: { username: freshUsername(), display_name: name, bio: '', language: 'en', time_zone: 'Asia/Taipei' },
    });
    expect(renamed.status()).toBe(200);
    const matched = await p.request.post('/api/quick_match', { form: { mode: 'audio', language: 'en', topic } });
    expect(matched.status()).toBe(200);
    table = (await matched.json()).table_id;
  }
  const goal = await page.request.post('/api/reflect', { form: { table_id: String(table), prompt: 'goal', text: 'Finish the chapter 3 problem set' } });
  expect(goal.status()).toBe(200);
  await setServerClock(request, { set_ms: slot + 1000 });
  await matePage.goto(`/app/table/${table}`);
  await page.goto(`/app/table/${table}`);
  await waitForHydration(page);
  // Both at the table before the clock moves on (their minutes count from here).
  for (const seat of [0, 1]) {
    await expect(page.getByTestId('scene-seat').nth(seat)).toHaveAttribute('data-sprite-state', /^(working|typing|speaking|flow|phase-transition)$/);
  }

  // Ten minutes into the first Focus block: the microphone rests.
  await setServerClock(request, { set_ms: slot + 13 * MINUTE });
  await shoot('focus-resting', async () => {
    await expect(page.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'resting', { timeout: 10_000 });
  });

  // She leaves: her own summary at once.
  const leave = page.getByTestId('leave').filter({ visible: true }).getByRole('button');
  await leave.first().click();
  await leave.first().click();
  await expect(page.getByTestId('summary')).toBeVisible();
  await shoot('leaver-summary', async () => {
    await expect(page.getByTestId('summary-verdict')).toBeVisible();
  });

  // Jonah rates her red after the table; it shows with the next weekly batch.
  await setServerClock(request, { set_ms: slot + 55 * MINUTE + 1000 });
  await expect(async () => {
    const summary = await (await matePage.request.post('/api/summary', { form: { table_id: String(table) } })).json();
    expect(summary.ready).toBe(true);
  }).toPass({ timeout: 15_000 });
  const seat = (await (await page.request.post('/api/table', { form: { table_id: String(table) } })).json()).seat;
  const rated = await matePage.request.post('/api/rate', {
    data: { table_id: table, ratings: [{ seat, value: 'red', reasons: ['left_early'], other: 'Left ten minutes in without a word.' }] },
  });
  expect(rated.status()).toBe(200);
  const day = Math.floor((slot + 55 * MINUTE) / DAY);
  const monday = (day - ((((day + 3) % 7) + 7) % 7) + 7) * DAY;
  await setServerClock(request, { set_ms: monday + 1000 });
  await expect(async () => {
    const ledger = await (await page.request.post('/api/ledger')).json();
    expect(ledger.received).toHaveLength(1);
  }).toPass({ timeout: 15_000 });
  await page.goto('/app/reliability');
  await shoot('reliability-one-red', async () => {
    await expect(page.getByTestId('history-entry')).toHaveCount(1);
  });
  await mate.close();
  await setServerClock(request, { reset: true });
});

test('each room with four characters', async ({ browser, request }, info) => {
  test.setTimeout(240_000);
  const base = info.project.use.baseURL!;
  const MINUTE = 60_000;
  const { now_ms } = await setServerClock(request, { advance_ms: 0 });
  const slot = Math.ceil((now_ms + 20 * MINUTE) / (30 * MINUTE)) * 30 * MINUTE;
  await setServerClock(request, { set_ms: slot - 5 * MINUTE });
  // A table's room is drawn at random when it opens: open tables (one student each, a
  // topic each) until every room has one.
  const people = ['theo', 'mei', 'rosa', 'noor', 'jun', 'ada', 'kai', 'sage'];
  const rooms = new Map<string, { page: import('@playwright/test').Page; table: number }>();
  for (let i = 0; rooms.size < 3 && i < 40; i++) {
    const context = await browser.newContext({ viewport: info.project.use.viewport ?? undefined });
    await context.addCookies([{ name: 'i18n_pref_locale', value: 'en', url: base }]);
    const page = await context.newPage();
    await accountViaApi(page.request, freshEmail('room'), freshUsername());
    const picked = await page.request.post('/api/save_character', { form: { character: people[i % people.length] } });
    expect(picked.status()).toBe(200);
    const matched = await page.request.post('/api/quick_match', { form: { mode: 'quiet', language: 'en', topic: `Room ${i} ${Date.now()}` } });
    const table = (await matched.json()).table_id;
    const loaded = await (await page.request.post('/api/table_page', { form: { table_id: String(table) } })).json();
    if (rooms.has(loaded.table.room)) {
      await context.close();
    } else {
      rooms.set(loaded.table.room, { page, table });
    }
  }
  expect([...rooms.keys()].sort()).toEqual(['coffee-shop', 'cozy-study', 'library']);
  // A few minutes into the first focus block: companions at work.
  await setServerClock(request, { set_ms: slot + 4 * MINUTE });
  for (const [room, { page, table }] of rooms) {
    await page.goto(`/app/table/${table}`);
    await waitForHydration(page);
    await expect(page.getByTestId('room-scene')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('scene-seat').locator('.sprite')).toHaveCount(4);
    await page.screenshot({ path: `../docs/screenshots/room-${room}-${info.project.name}.png` });
  }
  await setServerClock(request, { reset: true });
});
