import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from './chromium';
import { TEST_CLOCK_TOKEN } from './test-clock';
import { mailAppPort, mailBaseURL, smtpPort } from './mail/instance';
import {
  fakeLivekitHttp,
  fakeLivekitPort,
  fakeLivekitURL,
  livekitAppPort,
  livekitBaseURL,
  livekitKey,
  livekitSecret,
} from './livekit/instance';

// The release server is started by Playwright on E2E_PORT (the CI script picks a free
// one) with a fresh data directory and test mode on (the movable clock).
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const root = resolve(__dirname, '..');
/** A fresh directory, removed when the process that made it exits (the run's servers
 *  have stopped by then; a test worker, which loads this file too, makes its own). */
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
// Kept in the environment so test workers reach the same directory (admin.ts).
process.env.E2E_DATA_DIR ??= scratchDir('focus-e2e-');
const dataDir = process.env.E2E_DATA_DIR;
// A second instance with LiveKit configured (tests/livekit.spec.ts), on its own port and
// data directory, talking to a fake LiveKit server (livekit/fake-signal.mjs).
const livekitDataDir = scratchDir('focus-e2e-livekit-');
// A third instance that sends email, to a local SMTP server keeping letters in
// E2E_MAIL_DIR (tests/email.spec.ts).
const mailDataDir = scratchDir('focus-e2e-mail-');
process.env.E2E_MAIL_DIR ??= scratchDir('focus-e2e-letters-');
// A local OpenID provider stands in for Google (end2end/oidc/provider.mjs).
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? port + 1);
const oidc = {
  issuer: `http://127.0.0.1:${oidcPort}`,
  clientId: 'focus-squad-e2e',
  clientSecret: 'focus-squad-e2e-secret',
};

export default defineConfig({
  testDir: './tests',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  // No retries: a test that fails once is a bug to find, not a flake to hide.
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    launchOptions: chromium,
    trace: 'off',
  },
  projects: [
    { name: 'laptop', use: { viewport: { width: 1280, height: 800 } } },
    {
      name: 'phone',
      use: { ...devices['Pixel 7'], browserName: 'chromium', launchOptions: chromium },
    },
  ],
  webServer: [
    {
      command: `node ${root}/end2end/oidc/provider.mjs`,
      url: `${oidc.issuer}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
      env: {
        OIDC_PORT: String(oidcPort),
        OIDC_REDIRECT_URI: `${baseURL}/auth/google/callback`,
        OIDC_CLIENT_ID: oidc.clientId,
        OIDC_CLIENT_SECRET: oidc.clientSecret,
      },
    },
    {
      command: `${root}/target/release/server`,
      cwd: root,
      url: `${baseURL}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        FOCUS_ADDR: `127.0.0.1:${port}`,
        FOCUS_DATA_DIR: dataDir,
        FOCUS_TEST_MODE: '1',
        FOCUS_TEST_CLOCK_TOKEN: TEST_CLOCK_TOKEN,
        // Every test signs up from 127.0.0.1.
        FOCUS_SIGNUPS_PER_ADDRESS_HOUR: '100000',
        FOCUS_LOG: 'warn',
        LEPTOS_SITE_ROOT: `${root}/target/site`,
        FOCUS_PUBLIC_URL: baseURL,
        FOCUS_GOOGLE_ISSUER: oidc.issuer,
        FOCUS_GOOGLE_CLIENT_ID: oidc.clientId,
        FOCUS_GOOGLE_CLIENT_SECRET: oidc.clientSecret,
      },
    },
    {
      command: `node ${root}/end2end/livekit/fake-signal.mjs`,
      url: `${fakeLivekitHttp}/healthz`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        FAKE_LIVEKIT_PORT: String(fakeLivekitPort),
        LIVEKIT_API_KEY: livekitKey,
        LIVEKIT_API_SECRET: livekitSecret,
      },
    },
    {
      command: `${root}/target/release/server`,
      cwd: root,
      url: `${livekitBaseURL}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        FOCUS_ADDR: `127.0.0.1:${livekitAppPort}`,
        FOCUS_DATA_DIR: livekitDataDir,
        FOCUS_TEST_MODE: '1',
        FOCUS_TEST_CLOCK_TOKEN: TEST_CLOCK_TOKEN,
        // Every test signs up from 127.0.0.1.
        FOCUS_SIGNUPS_PER_ADDRESS_HOUR: '100000',
        FOCUS_LOG: 'error',
        LEPTOS_SITE_ROOT: `${root}/target/site`,
        FOCUS_PUBLIC_URL: livekitBaseURL,
        FOCUS_LIVEKIT_URL: fakeLivekitURL,
        FOCUS_LIVEKIT_API_KEY: livekitKey,
        FOCUS_LIVEKIT_API_SECRET: livekitSecret,
      },
    },
    {
      command: `python3 ${root}/tools/mailbox.py --port ${smtpPort} --dir ${process.env.E2E_MAIL_DIR}`,
      port: smtpPort,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `${root}/target/release/server`,
      cwd: root,
      url: `${mailBaseURL}/healthz`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: {
        FOCUS_ADDR: `127.0.0.1:${mailAppPort}`,
        FOCUS_DATA_DIR: mailDataDir,
        FOCUS_LOG: 'error',
        LEPTOS_SITE_ROOT: `${root}/target/site`,
        FOCUS_PUBLIC_URL: mailBaseURL,
        FOCUS_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        FOCUS_SMTP_FROM: 'Focus Squad <hello@focus-e2e.test>',
        FOCUS_SIGNUPS_PER_ADDRESS_HOUR: '100000',
      },
    },
  ],
});
