// The second app instance, for the LiveKit tests: the same release server with LiveKit
// configured, pointing at the fake signalling server in ./fake-signal.mjs. Both ports
// follow E2E_PORT unless E2E_LIVEKIT_PORT / E2E_FAKE_LIVEKIT_PORT say otherwise.
const appPort = Number(process.env.E2E_PORT ?? 3100);

/** The LiveKit-configured app. */
export const livekitAppPort = Number(process.env.E2E_LIVEKIT_PORT ?? appPort + 2);
export const livekitBaseURL = `http://127.0.0.1:${livekitAppPort}`;

/** The fake LiveKit server. */
export const fakeLivekitPort = Number(process.env.E2E_FAKE_LIVEKIT_PORT ?? appPort + 3);
/** Its address as the app tells browsers (FOCUS_LIVEKIT_URL). */
export const fakeLivekitURL = `ws://127.0.0.1:${fakeLivekitPort}`;
/** Its HTTP side (health, recorded joins). */
export const fakeLivekitHttp = `http://127.0.0.1:${fakeLivekitPort}`;

/** The key pair the app signs with and the fake verifies with. */
export const livekitKey = 'APIfocuse2e';
export const livekitSecret = 'focus-squad-e2e-livekit-secret-0123456789';
