/** The bearer token the test servers' clock route demands (their FOCUS_TEST_CLOCK_TOKEN,
 *  see playwright.config.ts). A test server only: production never turns test mode on. */
export const TEST_CLOCK_TOKEN = 'e2e-test-clock-token-for-focus-squad-browser-tests';

/** Headers for calls to /api/test/clock. */
export const testClockHeaders = { authorization: `Bearer ${TEST_CLOCK_TOKEN}` };
