import { test, expect, type Page, type Browser } from '@playwright/test';
import { chromiumWithFakeMedia } from '../chromium';
import { minutesBeforeASlot, openTable, seatedStudent, setServerClock, tableInProgress, watchForErrors } from './helpers';

// A fake microphone (Chromium plays a tone into it) and no permission prompts.
test.use({ launchOptions: chromiumWithFakeMedia });

const MINUTE = 60_000;

/** Keeps every RTCPeerConnection and counts microphone requests, so the test can read
 *  what the page's audio engine does (the page itself exposes nothing for tests). */
function recordPeers() {
  const w = window as unknown as { __pcs: RTCPeerConnection[]; __micRequests: number };
  w.__pcs = [];
  w.__micRequests = 0;
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__pcs.push(this);
    }
  } as typeof RTCPeerConnection;
  const devices = navigator.mediaDevices;
  if (!devices) return; // about:blank and other frames without media
  const getUserMedia = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints?: MediaStreamConstraints) => {
    w.__micRequests += 1;
    return getUserMedia(constraints);
  };
}

type Flow = { pc: number; bytes: number; energy: number; packets: number; sent: number };

/** Inbound and outbound audio of each connected peer connection of `page`. */
async function flows(page: Page): Promise<Flow[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    const out: Flow[] = [];
    for (const [i, pc] of pcs.entries()) {
      if (pc.connectionState !== 'connected') continue;
      const flow = { pc: i, bytes: 0, energy: 0, packets: 0, sent: 0 };
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') {
          flow.bytes = s.bytesReceived ?? 0;
          flow.energy = s.totalAudioEnergy ?? 0;
          flow.packets = s.packetsReceived ?? 0;
        }
        if (s.type === 'outbound-rtp' && s.kind === 'audio') flow.sent = s.bytesSent ?? 0;
      });
      out.push(flow);
    }
    return out;
  });
}

/** Two readings 2.5 s apart: for each connected peer, how much audio arrived. */
async function growth(page: Page): Promise<{ pc: number; bytes: number; energy: number }[]> {
  const before = await flows(page);
  await page.waitForTimeout(2_500);
  const after = await flows(page);
  return after.map((a) => {
    const b = before.find((f) => f.pc === a.pc) ?? { bytes: 0, energy: 0 };
    return { pc: a.pc, bytes: a.bytes - b.bytes, energy: a.energy - b.energy };
  });
}

/** Every one of `page`'s `peers` connections receives audio with energy in it. */
async function expectHearing(page: Page, peers: number) {
  await expect(async () => {
    const grown = await growth(page);
    expect(grown).toHaveLength(peers);
    for (const g of grown) {
      expect(g.bytes).toBeGreaterThan(0);
      expect(g.energy).toBeGreaterThan(0);
    }
  }).toPass({ timeout: 20_000 });
}

/** Chromium's fake media UI reports the microphone as allowed everywhere; a student who
 *  has not allowed it yet sees the permission as still to be asked. */
function notAllowedYet() {
  const query = navigator.permissions.query.bind(navigator.permissions);
  navigator.permissions.query = (descriptor: PermissionDescriptor) =>
    descriptor.name === ('microphone' as PermissionName)
      ? Promise.resolve({ state: 'prompt' } as PermissionStatus)
      : query(descriptor);
}

/** Errors each page logged (the test expects none). */
const pageErrors = new Map<Page, string[]>();

/** With AUDIO_DEBUG=1, every page's console and errors are printed (with timestamps). */
let contexts = 0;
async function student(browser: Browser, grant: boolean, as?: Page): Promise<Page> {
  // `as`: the same student again, in a fresh browser profile (no remembered permission).
  const storageState = as ? await as.context().storageState() : undefined;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
  const tag = `ctx${++contexts}${grant ? '' : '-click'}`;
  if (process.env.AUDIO_DEBUG) context.on('console', (m) => console.log(`[${tag} ${m.type()}] ${new Date().toISOString()} ${m.text().slice(0, 200)}`));
  if (process.env.AUDIO_DEBUG) context.on('weberror', (e) => console.log(`[${tag} pageerror] ${new Date().toISOString()} ${e.error()}`));
  if (process.env.AUDIO_DEBUG) context.on('page', (p) => p.on('load', () => console.log(`[${tag} load] ${new Date().toISOString()} ${p.url()}`)));
  if (grant) await context.grantPermissions(['microphone']);
  else await context.addInitScript(notAllowedYet);
  await context.addInitScript(recordPeers);
  const page = await context.newPage();
  pageErrors.set(page, watchForErrors(page));
  return page;
}

/** `speaker` opens the table and turns the microphone on with a click; returns the time
 *  from the click to the first audio packet `listener` receives from that page (ms; both
 *  pages run on this machine's clock). */
async function joinByClick(speaker: Page, listener: Page, table: number): Promise<number> {
  const known = await listener.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.length);
  await openTable(speaker, table);
  await expect(speaker.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'off');
  const clicked = await speaker.evaluate(() => Date.now());
  await speaker.getByTestId('mic-button').click();
  return listener.evaluate(
    async ({ known, clicked }) => {
      // Only connections opened for this page of the speaker's count.
      const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
      for (;;) {
        for (const pc of pcs.slice(known)) {
          let packets = 0;
          (await pc.getStats()).forEach((s) => {
            if (s.type === 'inbound-rtp' && s.kind === 'audio') packets += s.packetsReceived ?? 0;
          });
          if (packets > 0) return Date.now() - clicked;
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    { known, clicked },
  );
}

test.describe('audio at the table (peer-to-peer mesh)', () => {
  test.afterEach(async ({ request }) => {
    await setServerClock(request, { reset: true });
  });

  test('two, then three students hear each other; mute silences one; join time', async ({ browser, request }, testInfo) => {
    test.skip(testInfo.project.name !== 'laptop', 'one browser size is enough for media; the phone layout is in the screenshots');
    test.setTimeout(180_000);
    const slot = await minutesBeforeASlot(request, 10);
    const topic = `Acoustics ${Date.now()}`;
    // Ana turns her microphone on by clicking; Ben's and Cy's browsers already allow it,
    // so theirs comes on by itself (the forced-audio default).
    let ana = await student(browser, false);
    const [ben, cy] = [await student(browser, true), await student(browser, true)];
    const table = await seatedStudent(ana, 'Ana', topic);
    expect(await seatedStudent(ben, 'Ben', topic)).toBe(table);
    expect(await seatedStudent(cy, 'Cy', topic)).toBe(table);
    await setServerClock(request, { set_ms: slot + 1000 });

    await openTable(ben, table);
    await expect(ben.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    await expect(ben.getByTestId('mic-button')).toHaveText(/Mute/);
    const joins = [await joinByClick(ana, ben, table)];
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    await expect(ana.getByTestId('mic-device').locator('option')).not.toHaveCount(0);

    // Two students: each hears the other, sees the other speak and a good link.
    await expectHearing(ana, 1);
    await expectHearing(ben, 1);
    await expect(ana.locator('[data-seat="2"]').getByTestId('audio-quality')).toHaveAttribute('data-quality', 'good', { timeout: 10_000 });
    await expect(ana.locator('[data-seat="2"] [data-speaking="true"]')).toHaveCount(1, { timeout: 10_000 });

    // Join time: Ana comes back in a fresh browser profile and clicks again, four times.
    for (let i = 0; i < 4; i++) {
      const again = await student(browser, false, ana);
      await ana.context().close();
      ana = again;
      joins.push(await joinByClick(ana, ben, table));
    }
    const median = [...joins].sort((a, b) => a - b)[2];
    console.log(`audio join time (click → first audio packet at the tablemate), ms: ${joins.map((j) => j.toFixed(0)).join(', ')}; median ${median.toFixed(0)}`);
    await expectHearing(ana, 1);

    // A third student: every pair hears each other.
    await openTable(cy, table);
    await expect(cy.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    for (const p of [ana, ben, cy]) await expectHearing(p, 2);

    // Ana mutes with the keyboard: Ben and Cy keep hearing each other, not her.
    await ana.keyboard.press('m');
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'muted');
    await expect(ana.getByTestId('mic-button')).toHaveAttribute('aria-pressed', 'true');
    for (const p of [ben, cy]) {
      await expect(async () => {
        const grown = (await growth(p)).map((g) => g.energy).sort((a, b) => a - b);
        expect(grown).toHaveLength(2);
        // Decoded silence is not exactly zero: Ana's connection carries at most a
        // hundredth of what the other one does.
        expect(grown[1]).toBeGreaterThan(0);
        expect(grown[0]).toBeLessThan(grown[1] / 100);
      }).toPass({ timeout: 20_000 });
    }
    await expect(ben.locator('[data-seat="1"] [data-speaking="true"]')).toHaveCount(0, { timeout: 5_000 });
    // Unmuting brings her back.
    await ana.getByTestId('mic-button').click();
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    await expectHearing(ben, 2);

    for (const list of pageErrors.values()) expect(list).toEqual([]);
    for (const p of [ana, ben, cy]) await p.context().close();
  });

  test('a second tab takes over: the first goes quiet and says so, the tablemate hears one of you', async ({ browser, request }, testInfo) => {
    test.skip(testInfo.project.name !== 'laptop', 'one browser size is enough for media');
    test.setTimeout(120_000);
    const slot = await minutesBeforeASlot(request, 10);
    const topic = `Tabs ${Date.now()}`;
    // Ana turns her microphone on with a click in each tab (the way the mesh test joins).
    const [ana, ben] = [await student(browser, false), await student(browser, true)];
    const table = await seatedStudent(ana, 'Ana', topic);
    expect(await seatedStudent(ben, 'Ben', topic)).toBe(table);
    await setServerClock(request, { set_ms: slot + 1000 });
    await openTable(ben, table);
    await joinByClick(ana, ben, table);
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    await expectHearing(ben, 1);

    // Ana opens the table again in a second tab of the same browser.
    const second = await ana.context().newPage();
    pageErrors.set(second, watchForErrors(second));
    await joinByClick(second, ben, table);
    await expect(second.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    // The first tab says where the table went, and its audio is gone: no room, no
    // microphone bar, every peer connection it had is closed.
    await expect(ana.getByTestId('open-elsewhere')).toBeVisible();
    await expect(ana.getByRole('heading', { name: 'Open in another tab' })).toBeVisible();
    await expect(ana.getByTestId('audio-bar')).toHaveCount(0);
    await expect(async () => {
      const states = await ana.evaluate(() =>
        (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.map((pc) => pc.connectionState),
      );
      expect(states.length).toBeGreaterThan(0);
      expect(states.every((s) => s === 'closed')).toBe(true);
    }).toPass({ timeout: 10_000 });
    // Ben hears one Ana, from the second tab.
    await expectHearing(ben, 1);

    // The button brings the table back to the first tab, and the second one steps aside.
    await ana.getByRole('button', { name: 'Use the table in this tab' }).click();
    await expect(tableInProgress(ana)).toBeVisible();
    await expect(second.getByTestId('open-elsewhere')).toBeVisible();
    await expect(second.getByTestId('audio-bar')).toHaveCount(0);
    await ana.getByTestId('mic-button').click();
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    await expectHearing(ben, 1);

    for (const list of pageErrors.values()) expect(list).toEqual([]);
    for (const p of [ana, ben]) await p.context().close();
  });

  test('microphones rest through Focus: hold to talk, open again at the break unless muted', async ({ browser, request }, testInfo) => {
    test.skip(testInfo.project.name !== 'laptop', 'one browser size is enough for media');
    test.setTimeout(180_000);
    const slot = await minutesBeforeASlot(request, 10);
    const topic = `Focus ${Date.now()}`;
    const [ana, ben] = [await student(browser, true), await student(browser, true)];
    const table = await seatedStudent(ana, 'Ana', topic);
    expect(await seatedStudent(ben, 'Ben', topic)).toBe(table);
    await setServerClock(request, { set_ms: slot + 1000 });
    for (const p of [ana, ben]) {
      await openTable(p, table);
      await expect(p.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    }
    await expectHearing(ben, 1);

    // Inbound audio energy at Ben's end over 2.5 s, in the phase the clock is in.
    const energy = async (p: Page) => (await growth(p)).map((g) => g.energy)[0] ?? 0;
    const openEnergy = await energy(ben);
    expect(openEnergy).toBeGreaterThan(0);

    // The first Focus block: both microphones rest, and the button says how to talk.
    await setServerClock(request, { set_ms: slot + 3 * MINUTE + 1000 });
    for (const p of [ana, ben]) {
      await expect(p.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'resting', { timeout: 10_000 });
      await expect(p.getByTestId('mic-button')).toContainText('Hold to talk');
    }
    await expect(ana.getByTestId('audio-bar')).toContainText('Microphones rest during Focus');
    // What was already on the wire and in Ben's jitter buffer when the block began still
    // plays out (a few hundred ms on a busy machine), so the first window may hold a tail;
    // within seconds, Ben hears at most a hundredth of what an open microphone carried.
    await expect(async () => {
      expect(await energy(ben)).toBeLessThan(openEnergy / 100);
    }).toPass({ timeout: 20_000 });
    // Ana holds M: Ben hears her and sees her speak; she lets go: quiet again.
    await ana.keyboard.down('m');
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live');
    await expect(ben.locator('[data-seat="1"] [data-speaking="true"]')).toHaveCount(1, { timeout: 10_000 });
    const heldEnergy = await energy(ben);
    await ana.keyboard.up('m');
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'resting');
    expect(heldEnergy).toBeGreaterThan(0);
    // Ana reloads mid-Focus: she comes back resting, and Ben hears nothing.
    await openTable(ana, table);
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'resting');
    await expect(async () => {
      const grown = await growth(ben);
      expect(grown).toHaveLength(1);
      expect(grown[0].bytes).toBeGreaterThan(0);
      expect(grown[0].energy).toBeLessThan(heldEnergy / 100);
    }).toPass({ timeout: 20_000 });

    // The break: both open again; Ben mutes himself before the second block.
    await setServerClock(request, { set_ms: slot + 28 * MINUTE + 1000 });
    for (const p of [ana, ben]) {
      await expect(p.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live', { timeout: 10_000 });
    }
    await expect(async () => {
      expect(await energy(ben)).toBeGreaterThan(heldEnergy / 10);
    }).toPass({ timeout: 20_000 });
    await ben.keyboard.press('m');
    await expect(ben.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'muted');
    await setServerClock(request, { set_ms: slot + 30 * MINUTE + 1000 });
    for (const p of [ana, ben]) {
      await expect(p.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'resting', { timeout: 10_000 });
    }
    // Social: Ana's microphone opens again; Ben's stays muted, as he left it.
    await setServerClock(request, { set_ms: slot + 50 * MINUTE + 1000 });
    await expect(ana.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'live', { timeout: 10_000 });
    await expect(ben.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'muted');
    await expectHearing(ben, 1);

    for (const list of pageErrors.values()) expect(list).toEqual([]);
    for (const p of [ana, ben]) await p.context().close();
  });

  test('a quiet table has no audio at all, and says so', async ({ browser, request }, testInfo) => {
    test.skip(testInfo.project.name !== 'laptop', 'layout is covered by the screenshots');
    test.setTimeout(60_000);
    const slot = await minutesBeforeASlot(request, 10);
    const topic = `Silent reading ${Date.now()}`;
    const [ana, ben] = [await student(browser, true), await student(browser, true)];
    const table = await seatedStudent(ana, 'Ana', topic, 'quiet');
    expect(await seatedStudent(ben, 'Ben', topic, 'quiet')).toBe(table);
    await setServerClock(request, { set_ms: slot + 1000 });
    for (const p of [ana, ben]) await openTable(p, table);
    for (const p of [ana, ben]) {
      await expect(p.getByTestId('quiet-mode')).toContainText('Quiet table');
      await expect(p.getByTestId('mic-button')).toHaveCount(0);
      // Both are connected to the table, yet no audio exists: no peer connection, no
      // microphone asked for, even with the permission granted.
      await expect(p.getByTestId('seat-status').nth(1)).toHaveAttribute('data-link', 'connected');
    }
    // The engine has had the table's setup and decided: no audio here. Anything it
    // were to open, it would have opened by then.
    for (const p of [ana, ben]) {
      await expect(p.getByTestId('audio-bar')).toHaveAttribute('data-audio-path', 'quiet');
    }
    for (const p of [ana, ben]) {
      const state = await p.evaluate(() => {
        const w = window as unknown as { __pcs: RTCPeerConnection[]; __micRequests: number };
        return { pcs: w.__pcs.length, mic: w.__micRequests };
      });
      expect(state).toEqual({ pcs: 0, mic: 0 });
      await p.keyboard.press('m');
      await expect(p.getByTestId('audio-bar')).toHaveAttribute('data-mic', 'off');
      expect(pageErrors.get(p)).toEqual([]);
    }
    for (const p of [ana, ben]) await p.context().close();
  });
});
