import { test, expect } from '@playwright/test';
import { freshEmail, freshUsername, PASSWORD, setServerClock, waitForHydration, watchForErrors } from './helpers';

const MINUTE = 60_000;
const SLOT = 30 * MINUTE;

test.describe('quick match', () => {
  test.afterEach(async ({ request }) => {
    await setServerClock(request, { reset: true });
  });

  test('sign up, quick match, see the countdown and the table, cancel, get the credit back', async ({ page, request, isMobile }) => {
    // The last match is refused on purpose (409: out of credits).
    const errors = watchForErrors(page, [409]);
    // Ten minutes before a slot, by the server's clock; never the midnight slot, which
    // starts "tomorrow" (the outcome below says "today").
    const { now_ms } = await setServerClock(request, { advance_ms: 0 });
    let slot = Math.ceil((now_ms + 20 * MINUTE) / SLOT) * SLOT;
    if (slot % (24 * 60 * MINUTE) === 0) slot += SLOT;
    await setServerClock(request, { set_ms: slot - 10 * MINUTE });

    // A new member, signed in on the page's own cookies.
    const api = page.request;
    expect((await api.post('/api/sign_up', { form: { email: freshEmail('qm'), password: PASSWORD } })).status()).toBe(200);
    const onboard = await api.post('/api/complete_onboarding', {
      form: { username: freshUsername(), display_name: 'Ana', language: 'en', time_zone: 'UTC' },
    });
    expect(onboard.status()).toBe(200);

    await page.goto('/app');
    await waitForHydration(page);
    await expect(page.getByTestId('credits-badge')).toContainText('2');
    await expect(page.getByText('No sessions booked yet.', { exact: false })).toBeVisible();

    // The soonest table: ten minutes away, counting down.
    const form = page.getByTestId('quick-match');
    await form.getByLabel('Topic (optional)').fill('Organic chemistry');
    await form.getByRole('button', { name: 'Find my table' }).click();
    const outcome = page.getByTestId('match-outcome');
    await expect(outcome).toContainText(/You're at table \d+, seat \d, starting today at \d\d:\d\d/);
    await expect(outcome).toContainText(/Starts in (9|10):\d\d/);
    await expect(page.getByTestId('credits-badge')).toContainText('1');
    const upcoming = page.getByTestId('upcoming-table');
    await expect(upcoming).toHaveCount(1);
    await expect(upcoming).toContainText('Organic chemistry');
    // A booked table sits above the form on a phone, beside it on a laptop (also as the
    // server renders the page).
    for (const reload of [false, true]) {
      if (reload) {
        await page.reload();
        await waitForHydration(page);
      }
      const card = await page.getByTestId('upcoming-card').boundingBox();
      const formBox = await form.boundingBox();
      if (isMobile) expect(card!.y + card!.height).toBeLessThanOrEqual(formBox!.y);
      else expect(card!.x).toBeGreaterThan(formBox!.x + formBox!.width);
    }
    await expect(upcoming.getByTestId('upcoming-countdown')).toHaveText(/in (9|10):\d\d/);
    await expect(upcoming).toContainText('Less than an hour to go');
    await expect(page.getByTestId('stats')).toContainText('Tables booked1');

    // A table two hours ahead: cancelling that one refunds.
    await form.getByLabel('When').selectOption({ index: 4 });
    await form.getByRole('button', { name: 'Find my table' }).click();
    await expect(page.getByTestId('credits-badge')).toContainText('0');
    await expect(upcoming).toHaveCount(2);
    const later = upcoming.nth(1);
    await expect(later).toContainText('Cancel now and your credit comes back.');
    // Two steps, without JavaScript too: the disclosure opens the confirmation.
    await later.getByTestId('cancel-seat').click();
    await expect(later.getByText('Keep it')).toBeVisible();
    await later.getByRole('button', { name: 'Yes, cancel my seat' }).click();
    await expect(upcoming).toHaveCount(1);
    await expect(page.getByTestId('credits-badge')).toContainText('1');

    // Out of credits is said plainly (one credit left: spend it, then ask again).
    await form.getByLabel('When').selectOption({ index: 6 });
    await form.getByRole('button', { name: 'Find my table' }).click();
    await expect(page.getByTestId('credits-badge')).toContainText('0');
    await form.getByLabel('When').selectOption({ index: 8 });
    await form.getByRole('button', { name: 'Find my table' }).click();
    await expect(form.getByRole('alert')).toContainText('You have no credits left. Your next credits arrive');

    // The credits page tells the same story.
    await page.goto('/app/credits');
    await waitForHydration(page);
    await expect(page.getByTestId('credit-balance')).toHaveText('0');
    const history = page.getByTestId('credit-history');
    await expect(history).toContainText('Weekly credits');
    await expect(history).toContainText(/Refund for table \d+/);
    await expect(page.getByTestId('referral-code')).toHaveValue(/^[A-Z2-9]{8}$/);
    expect(errors).toEqual([]);
  });
});
