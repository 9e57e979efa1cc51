/** The administrator of the test server (its FOCUS_ADMIN_EMAILS, see playwright.config.ts). */
export const ADMIN_EMAIL = 'admin@focus-e2e.test';
