import { test, expect, request as requests, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { chromiumWithFakeMedia } from '../chromium';
import { fakeLivekitHttp, fakeLivekitPort, fakeLivekitURL, livekitBaseURL } from '../livekit/instance';
import { openTable, seatedStudent, setServerClock, watchForErrors } from './helpers';

// Audio through LiveKit, on the second app instance (LiveKit configured), whose "LiveKit
// server" is a fake (end2end/livekit/fake-signal.mjs): it verifies each token with
// LiveKit's server SDK and records it, but never completes a join. So these tests see
// what a page sends LiveKit (the client it loads, the socket it opens, the token's
// grants and seat) and what it shows when the room cannot be joined; that audio flows
// is the mesh tests' business (audio.spec.ts).

test.use({ launchOptions: chromiumWithFakeMedia });

const MINUTE = 60_000;
const SLOT = 30 * MINUTE;
const CLIENT_PATH = '/vendor/livekit-client.esm.mjs';
/** The app's LiveKit layer, imported on the first join (not part of the first page). */
const LAYER_PATH = '/js/livekit-session.js';
/** What the page says when the room cannot be joined (audio.livekit_failed). */
const COULD_NOT_CONNECT = /Couldn't connect to the audio server/;

type Welcome = {
  type: 'welcome';
  seat: number;
  audio: { may_speak: boolean; transport: { transport: string; url?: string; token?: string } };
};

/** What a page did, as seen from outside it. */
type Watched = {
  /** The table channel's first welcome (the one the audio starts from). */
  welcome?: Welcome;
  /** Every token a welcome carried (a reconnect brings a fresh one). */
  tokens: string[];
  /** Requests for LiveKit's client or the app's layer over it; the client's answers. */
  clientRequests: number;
  clientResponses: { status: number; type: string }[];
  /** WebSockets the page opened to the fake LiveKit server. */
  signalSockets: URL[];
};

function watch(page: Page): Watched {
  const seen: Watched = { clientRequests: 0, clientResponses: [], signalSockets: [], tokens: [] };
  page.on('request', (r) => {
    if ([CLIENT_PATH, LAYER_PATH].includes(new URL(r.url()).pathname)) seen.clientRequests += 1;
  });
  page.on('response', (r) => {
    if (new URL(r.url()).pathname === CLIENT_PATH) {
      seen.clientResponses.push({ status: r.status(), type: r.headers()['content-type'] ?? '' });
    }
  });
  page.on('websocket', (ws) => {
    const url = new URL(ws.url());
    if (url.pathname.startsWith('/ws/table/')) {
      ws.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' || !payload.startsWith('{"type":"welcome"')) return;
        const welcome = JSON.parse(payload) as Welcome;
        seen.welcome ??= welcome;
        if (welcome.audio.transport.token) seen.tokens.push(welcome.audio.transport.token);
      });
    } else if (url.port === String(fakeLivekitPort) || url.pathname.startsWith('/rtc')) {
      seen.signalSockets.push(url);
    }
  });
  return seen;
}

type Join = {
  path: string;
  ok: boolean;
  error?: string;
  claims?: {
    sub: string;
    name: string;
    attributes?: Record<string, string>;
    video: {
      room: string;
      roomJoin?: boolean;
      canPublish?: boolean;
      canPublishSources?: string[];
      canSubscribe?: boolean;
      canPublishData?: boolean;
      roomAdmin?: boolean;
    };
  };
};

/** Every join attempt the fake LiveKit server has seen. */
async function joins(api: APIRequestContext): Promise<Join[]> {
  const resp = await api.get(`${fakeLivekitHttp}/joins`);
  expect(resp.status()).toBe(200);
  return resp.json();
}

/** The claims in a JWT (unverified: the fake verified the copy it received). */
function payloadOf(jwt: string): { sub: string } {
  return JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
}

/** A student's browser on the LiveKit instance (its own cookies). */
async function livekitStudent(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: livekitBaseURL, viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

/** Puts `api`'s server 10 minutes before the next slot at least 20 minutes ahead. */
async function slotAhead(api: APIRequestContext): Promise<number> {
  const { now_ms } = await setServerClock(api, { advance_ms: 0 });
  const slot = Math.ceil((now_ms + 20 * MINUTE) / SLOT) * SLOT;
  await setServerClock(api, { set_ms: slot - 10 * MINUTE });
  return slot;
}

/** Each page's welcome, once all have arrived. */
async function welcomes(watched: Watched[]): Promise<Welcome[]> {
  await expect.poll(() => watched.every((w) => w.welcome !== undefined), { timeout: 15_000 }).toBe(true);
  return watched.map((w) => w.welcome!);
}

/** The token the page sent to the fake LiveKit server's /rtc socket: one of its welcomes'. */
function expectSentToken(watched: Watched): string {
  const transport = watched.welcome!.audio.transport;
  expect(transport.transport).toBe('livekit');
  expect(transport.url).toBe(fakeLivekitURL);
  const sockets = watched.signalSockets.filter((u) => u.pathname === '/rtc' || u.pathname === '/rtc/v1');
  expect(sockets.length).toBeGreaterThan(0);
  for (const socket of sockets) {
    expect(`${socket.protocol}//${socket.host}`).toBe(fakeLivekitURL);
    expect(watched.tokens).toContain(socket.searchParams.get('access_token'));
  }
  return sockets[0].searchParams.get('access_token')!;
}

/** The fake's verified record of `token`'s join (waits for it). */
async function verifiedJoin(api: APIRequestContext, token: string): Promise<NonNullable<Join['claims']>> {
  const identity = payloadOf(token).sub;
  let found: Join | undefined;
  await expect
    .poll(
      async () => {
        found = (await joins(api)).find((j) => j.claims?.sub === identity);
        return found !== undefined;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  expect(found!.ok).toBe(true);
  return found!.claims!;
}

test.describe('audio through LiveKit (a fake LiveKit server that never completes the join)', () => {
  let api: APIRequestContext;

  test.beforeAll(async () => {
    api = await requests.newContext({ baseURL: livekitBaseURL });
  });
  test.afterEach(async () => {
    await setServerClock(api, { reset: true });
  });
  test.afterAll(async () => {
    await api.dispose();
  });

  test('two students at an audio table load the client and join with verified tokens that may publish the microphone', async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name !== 'laptop', 'one browser size is enough for the signalling');
    test.setTimeout(90_000);
    const refusedBefore = (await joins(api)).filter((j) => !j.ok).length;
    const slot = await slotAhead(api);
    const topic = `Phonology ${Date.now()}`;
    const [ana, ben] = [await livekitStudent(browser), await livekitStudent(browser)];
    const watched = [ana, ben].map(watch);
    // Uncaught errors only: the browser logs the refused LiveKit connection as a console error.
    const pageErrors = new Map<Page, string[]>([[ana, watchForErrors(ana, [], false)], [ben, watchForErrors(ben, [], false)]]);
    const table = await seatedStudent(ana, 'Ana', topic);
    expect(await seatedStudent(ben, 'Ben', topic)).toBe(table);
    await setServerClock(api, { set_ms: slot + 1000 });
    for (const p of [ana, ben]) await openTable(p, table);

    const [anaWelcome, benWelcome] = await welcomes(watched);
    expect(anaWelcome.audio.may_speak).toBe(true);
    expect(new Set([anaWelcome.seat, benWelcome.seat]).size).toBe(2);
    for (const [i, name] of ['Ana', 'Ben'].entries()) {
      const seen = watched[i];
      // LiveKit's client, loaded from this site, as JavaScript.
      await expect.poll(() => seen.clientResponses.length, { timeout: 15_000 }).toBeGreaterThan(0);
      expect(seen.clientResponses[0].status).toBe(200);
      expect(seen.clientResponses[0].type).toMatch(/javascript/);
      // The signalling socket, with this page's token, which LiveKit's SDK accepted.
      await expect.poll(() => seen.signalSockets.length, { timeout: 15_000 }).toBeGreaterThan(0);
      const claims = await verifiedJoin(api, expectSentToken(seen));
      expect(claims.sub).toMatch(/^p\d+$/);
      expect(claims.name).toBe(name);
      expect(claims.attributes).toEqual({ seat: String(seen.welcome!.seat) });
      expect(claims.video.room).toBe(`focus-table-${table}`);
      expect(claims.video.roomJoin).toBe(true);
      expect(claims.video.canPublish).toBe(true);
      expect(claims.video.canPublishSources).toEqual(['microphone']);
      expect(claims.video.canSubscribe).toBe(true);
      expect(claims.video.canPublishData).toBe(false);
      expect(claims.video.roomAdmin ?? false).toBe(false);
    }
    expect((await joins(api)).filter((j) => !j.ok)).toHaveLength(refusedBefore);

    // The fake never answers the join: each page says audio could not connect, and the
    // rest of the room keeps working.
    for (const [p, other] of [[ana, benWelcome.seat], [ben, anaWelcome.seat]] as const) {
      await expect(p.getByText(COULD_NOT_CONNECT).first()).toBeVisible({ timeout: 30_000 });
      await expect(p.locator(`[data-seat="${other}"]`).getByTestId('seat-status')).toHaveAttribute('data-link', 'connected');
    }
    for (const list of pageErrors.values()) expect(list).toEqual([]);
    for (const p of [ana, ben]) await p.context().close();
  });

  test('a student at a quiet table does not join the room at all', async ({ browser }, testInfo) => {
    test.skip(testInfo.project.name !== 'laptop', 'one browser size is enough for the signalling');
    test.setTimeout(60_000);
    const slot = await slotAhead(api);
    const cy = await livekitStudent(browser);
    const seen = watch(cy);
    const table = await seatedStudent(cy, 'Cy', `Silent study ${Date.now()}`, 'quiet');
    await setServerClock(api, { set_ms: slot + 1000 });
    await openTable(cy, table);
    await expect(cy.getByTestId('quiet-mode')).toBeVisible();

    // Nobody publishes at a quiet table (the token may not: see the integration tests'
    // check with LiveKit's own verifier), so there is nothing to listen to either: no
    // client loaded, no socket, no microphone.
    const [welcome] = await welcomes([seen]);
    expect(welcome.audio.may_speak).toBe(false);
    expect(welcome.audio.transport.transport).toBe('livekit');
    // The engine has had the setup and decided (no audio): it loads nothing after that.
    await expect(cy.getByTestId('audio-bar')).toHaveAttribute('data-audio-path', 'quiet');
    expect(seen.clientRequests).toBe(0);
    expect(seen.signalSockets).toEqual([]);
    await expect(cy.getByTestId('mic-button')).toHaveCount(0);
    await cy.context().close();
  });
});

test.describe('audio on the built-in mesh (no LiveKit configured)', () => {
  test.afterEach(async ({ request }) => {
    await setServerClock(request, { reset: true });
  });

  test("never loads LiveKit's client nor opens a LiveKit socket", async ({ browser, request }, testInfo) => {
    test.skip(testInfo.project.name !== 'laptop', 'one browser size is enough');
    test.setTimeout(60_000);
    const slot = await slotAhead(request);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const dee = await context.newPage();
    const seen = watch(dee);
    const table = await seatedStudent(dee, 'Dee', `Syntax ${Date.now()}`);
    await setServerClock(request, { set_ms: slot + 1000 });
    await openTable(dee, table);
    const [welcome] = await welcomes([seen]);
    expect(welcome.audio.transport.transport).toBe('mesh');
    // The engine starts the moment the welcome arrives and decides the path at once;
    // LiveKit's client would be loaded only on the LiveKit path.
    await expect(dee.getByTestId('audio-bar')).toHaveAttribute('data-audio-path', 'mesh');
    expect(seen.clientRequests).toBe(0);
    expect(seen.signalSockets).toEqual([]);
    await context.close();
  });
});
