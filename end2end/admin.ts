import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The administrator of the test server. Admin is a role in the database, granted by the
 *  person running the server: `grantAdmin` runs `server admin grant` against the test
 *  server's data directory, as an operator would. */
export const ADMIN_EMAIL = 'admin@focus-e2e.test';

/** Runs `server admin grant <email>` on the test server's database (its data directory is
 *  E2E_DATA_DIR, set by playwright.config.ts). */
export function grantAdmin(email: string) {
  const root = resolve(__dirname, '..');
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  execFileSync(`${root}/target/release/server`, ['admin', 'grant', email], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', FOCUS_DATA_DIR: dataDir, FOCUS_LOG: 'off' },
    stdio: 'pipe',
  });
}
