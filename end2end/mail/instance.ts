import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The third app instance, for the email tests: the same release server with SMTP
// configured, sending to a real local SMTP server (tools/mailbox.py, aiosmtpd) that keeps
// every letter as JSON in a directory. Ports follow E2E_PORT unless E2E_MAIL_PORT /
// E2E_SMTP_PORT say otherwise; the letters' directory is E2E_MAIL_DIR (set by
// playwright.config.ts, so every test worker reads the same one).
const appPort = Number(process.env.E2E_PORT ?? 3100);

/** The app that sends email. */
export const mailAppPort = Number(process.env.E2E_MAIL_PORT ?? appPort + 4);
export const mailBaseURL = `http://127.0.0.1:${mailAppPort}`;
/** The SMTP server's port. */
export const smtpPort = Number(process.env.E2E_SMTP_PORT ?? appPort + 5);

/** One letter as the mailbox kept it. */
export type Letter = { to: string[]; subject: string; body: string };

/** Every letter to `to` so far, oldest first. */
export function lettersTo(to: string): Letter[] {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set (playwright.config.ts sets it)');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Letter)
    .filter((letter) => letter.to.some((t) => t.toLowerCase() === to.toLowerCase()));
}

/** The site path of the first link in `letter` that contains `path`. */
export function linkIn(letter: Letter, path: string): string {
  const start = letter.body.indexOf(path);
  if (start < 0) throw new Error(`no ${path} link in: ${letter.body}`);
  return letter.body.slice(start).split(/\s/)[0];
}
