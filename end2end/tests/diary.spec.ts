import { test, expect, type Page } from '@playwright/test';
import { seatedStudent, setServerClock, waitForHydration, watchForErrors } from './helpers';

const MINUTE = 60_000;
const SLOT = 30 * MINUTE;

/** The note editor's save state, once it settles on `state`. */
async function expectNoteState(page: Page, state: string) {
  await expect(page.getByTestId('note-status').first()).toHaveAttribute('data-state', state, { timeout: 10_000 });
}

test.describe('diary', () => {
  test.afterEach(async ({ request }) => {
    await setServerClock(request, { reset: true });
  });

  test('a note with tags after a session, found by search, and its day in the calendar', async ({ page, request }) => {
    test.setTimeout(120_000);
    const errors = watchForErrors(page);
    const { now_ms } = await setServerClock(request, { advance_ms: 0 });
    const slot = Math.ceil((now_ms + 20 * MINUTE) / SLOT) * SLOT;
    await setServerClock(request, { set_ms: slot - 5 * MINUTE });
    const topic = `Calculus ${Date.now()}`;
    const table = await seatedStudent(page, 'Dee', topic);

    // The session runs with the page open (so it counts), then the summary.
    await page.goto(`/app/table/${table}`);
    await waitForHydration(page);
    await expect(page.getByTestId('seat-status').first()).toHaveAttribute('data-link', 'connected');
    await setServerClock(request, { set_ms: slot + 1000 });
    await setServerClock(request, { set_ms: slot + 55 * MINUTE + 1000 });
    await expect(page.getByTestId('summary-verdict')).toHaveAttribute('data-completed', 'true', { timeout: 20_000 });

    // The journal note: typed, saved by itself; tags saved on a click.
    const editor = page.getByTestId('summary-note');
    await expect(editor.getByTestId('note-status')).toHaveAttribute('data-state', 'idle');
    await editor.getByTestId('note-text').fill('Integration by parts finally clicked. 今天積分終於懂了。');
    await expect(editor.getByTestId('note-status')).toHaveAttribute('data-state', 'unsaved');
    await expectNoteState(page, 'saved');
    await expect(editor.getByTestId('note-status')).toContainText('Saved at');
    await editor.getByTestId('note-tag-breakthrough').click();
    await editor.getByTestId('note-tag-deep-focus').click();
    await expect(editor.getByTestId('note-tag-breakthrough')).toHaveAttribute('aria-pressed', 'true');
    await expectNoteState(page, 'saved');

    // The diary, from the navigation.
    await page.getByRole('link', { name: 'Diary' }).first().click();
    await expect(page).toHaveURL(/\/app\/diary$/);
    await waitForHydration(page);
    const entry = page.getByTestId('diary-entry').filter({ hasText: topic });
    await expect(entry).toHaveCount(1);
    await expect(entry.getByTestId('entry-note')).toContainText('Integration by parts finally clicked.');
    await expect(entry.getByTestId('entry-note').locator('[data-tag]')).toHaveText(['Breakthrough', 'Deep focus']);
    await expect(entry.getByTestId('entry-completed')).toBeVisible();
    await expect(page.getByTestId('stat-sessions')).toHaveText('1');
    await expect(page.getByTestId('top-tag')).toHaveCount(2);

    // Search: the note's words (English prefix, Chinese pair), then nothing, then back.
    const search = page.getByTestId('diary-search');
    await search.fill('integ');
    await expect(entry).toHaveCount(1);
    await search.fill('積分');
    await expect(entry).toHaveCount(1);
    await search.fill('thermodynamics');
    await expect(page.getByTestId('diary-no-match')).toBeVisible();
    await expect(page.getByTestId('diary-entry')).toHaveCount(0);
    await page.getByTestId('diary-clear').click();
    await expect(search).toHaveValue('');
    await expect(entry).toHaveCount(1);
    // A tag filter.
    await page.getByTestId('filter-tag-tired').click();
    await expect(page.getByTestId('diary-no-match')).toBeVisible();
    await page.getByTestId('filter-tag-tired').click();
    await page.getByTestId('filter-tag-breakthrough').click();
    await expect(entry).toHaveCount(1);
    await page.getByTestId('diary-clear').click();

    // The calendar: the session's day is shaded; picking it shows that day's sessions.
    const day = new Date(slot).toISOString().slice(0, 10);
    const cell = page.locator(`[data-testid=calendar-day][data-day="${day}"]`);
    await expect(cell).toHaveAttribute('data-sessions', '1');
    await cell.click();
    await expect(cell).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('timeline-title')).toContainText('Sessions on');
    await expect(page.getByTestId('diary-from')).toHaveValue(day);
    await expect(entry).toHaveCount(1);
    // The month before has nothing on that day's number.
    await page.getByTestId('calendar-previous').click();
    await expect(page.locator('[data-testid=calendar-day][data-sessions="1"]')).toHaveCount(0);
    await page.getByTestId('calendar-next').click();
    await expect(cell).toHaveAttribute('data-sessions', '1');

    // Editable later: from the diary, kept after a reload.
    await entry.getByTestId('entry-edit-note').click();
    await entry.getByTestId('note-text').fill('Integration by parts finally clicked. Next: substitution.');
    await expect(entry.getByTestId('note-status')).toHaveAttribute('data-state', 'saved', { timeout: 10_000 });
    await page.reload();
    await waitForHydration(page);
    await expect(page.getByTestId('diary-entry').filter({ hasText: topic }).getByTestId('entry-note')).toContainText('Next: substitution.');
    expect(errors).toEqual([]);
  });
});
