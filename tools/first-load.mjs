// What a student waits for on a first visit: for a cold `/` (signed out) and a cold `/app`
// (signed in, dashboard), the requests and the bytes on the wire from Chromium's network
// log, and the time until the page is hydrated, once unthrottled and once on Chrome's
// "Fast 3G" profile with the CPU slowed 4× (through the DevTools protocol). Every visit is
// a fresh browser context: nothing cached.
//
//   node tools/first-load.mjs http://127.0.0.1:3000     (a release server; see README)
//   node tools/first-load.mjs http://127.0.0.1:3000 --uncompressed
//        asks for every answer uncompressed (Accept-Encoding: identity): what was sent
//        before the server compressed anything
//
// Signing in needs an account: the script signs one up through the API (the server must
// allow sign-up without email confirmation, as the default configuration does).
import { createRequire } from 'node:module';
const require = createRequire(new URL('../end2end/package.json', import.meta.url));
const { chromium } = require('@playwright/test');

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const uncompressed = process.argv.includes('--uncompressed');
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8, uploadThroughput: (750 * 1024 * 0.9) / 8 };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
});

async function signedInState() {
  const context = await browser.newContext();
  const email = `first-load.${Date.now()}@uni.edu`;
  const form = { email, password: 'correct horse battery' };
  if ((await context.request.post(`${base}/api/sign_up`, { form })).status() !== 200) throw new Error('sign-up failed');
  const onboard = await context.request.post(`${base}/api/complete_onboarding`, {
    form: { username: `fl_${Date.now() % 1e9}`, display_name: 'Mia', language: 'en', time_zone: 'UTC' },
  });
  if (onboard.status() !== 200) throw new Error('onboarding failed');
  const state = await context.storageState();
  await context.close();
  return state;
}

async function visit(path, storageState, throttled) {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (uncompressed) await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'identity' } });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  }
  let requests = 0;
  let bytes = 0;
  const kinds = {};
  const urls = new Map();
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.loadingFinished', (e) => {
    requests += 1;
    bytes += e.encodedDataLength;
    const url = urls.get(e.requestId) ?? '';
    const kind = url.endsWith('.wasm') ? 'wasm' : url.endsWith('.js') ? 'js' : url.endsWith('.css') ? 'css' : 'other';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  });
  const started = Date.now();
  await page.goto(`${base}${path}`, { waitUntil: 'commit' });
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached', timeout: 120_000 });
  const hydratedMs = Date.now() - started;
  // Let late requests (chunks fetched right after hydration) finish before counting.
  await page.waitForLoadState('networkidle');
  await context.close();
  return { path, throttled, requests, kinds, kB: Math.round(bytes / 100) / 10, hydratedMs };
}

const signedIn = await signedInState();
const rows = [];
for (const throttled of [false, true]) {
  rows.push(await visit('/', undefined, throttled));
  rows.push(await visit('/app', signedIn, throttled));
}
await browser.close();
console.log('page   profile               requests (wasm/js/css/other)   on the wire   hydrated after');
for (const r of rows) {
  const k = r.kinds;
  console.log(
    `${r.path.padEnd(6)} ${(r.throttled ? 'Fast 3G + 4x CPU' : 'unthrottled').padEnd(21)} ` +
      `${String(r.requests).padStart(3)} (${k.wasm ?? 0}/${k.js ?? 0}/${k.css ?? 0}/${k.other ?? 0})`.padEnd(31) +
      `${String(r.kB).padStart(8)} kB   ${String(r.hydratedMs).padStart(6)} ms`,
  );
}
