import { type Browser, expect, type Page, test } from "@playwright/test";
import { openDemoRound } from "./fixtures/round-page";

const TEN_MINUTES = 10 * 60_000;

/** A page in its own context whose clock runs `shift` ms away from the real one (timers keep running). */
async function pageWithShiftedClock(browser: Browser, shift: number): Promise<Page> {
  const context = await browser.newContext();
  await context.clock.install({ time: Date.now() + shift });
  const page = await context.newPage();
  await openDemoRound(page);
  return page;
}

/**
 * The page's remaining time next to the server's at the same instant. Both
 * readings are timed on this process's clock, and each is taken as made in the
 * middle of its own round trip.
 */
async function compareWithServer(page: Page, roundId: string) {
  const t0 = Date.now();
  const response = await page.request.get(`/api/rounds/${roundId}/timer`);
  const t1 = Date.now();
  const timer = (await response.json()) as { ok: true; remainingMs: number; status: string };
  const timerText = page.locator('[data-countdown="round"] [role="timer"]');
  const r0 = Date.now();
  const shown = Number(await timerText.getAttribute("data-remaining-ms"));
  const r1 = Date.now();
  const expected = timer.remainingMs - ((r0 + r1) / 2 - (t0 + t1) / 2);
  return { shown, expected, status: timer.status, slack: (t1 - t0 + (r1 - r0)) / 2 };
}

// One test per clock: each waits for its page to agree with the server, which takes longer on a busy machine.
for (const [clock, shift] of [
  ["fast", TEN_MINUTES],
  ["slow", -TEN_MINUTES],
] as const) {
  test(`a page whose clock is 10 minutes ${clock} shows the server's remaining time`, async ({ browser }) => {
    const page = await pageWithShiftedClock(browser, shift);
    const roundId = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    // The offset is measured over the socket once it connects; wait until the page agrees with the server.
    await expect
      .poll(async () => {
        const { shown, expected } = await compareWithServer(page, roundId);
        return Math.abs(shown - expected);
      })
      .toBeLessThan(100);
    const { shown, expected, status, slack } = await compareWithServer(page, roundId);
    expect(status).toBe("OPEN");
    // The request's own duration is the uncertainty of the comparison; allowed on top of the 100 ms.
    expect(Math.abs(shown - expected)).toBeLessThan(100 + slack);
    // The page's own clock really is off by ten minutes.
    const skew = await page.evaluate(() => Date.now());
    expect(Math.abs(Math.abs(skew - Date.now()) - TEN_MINUTES)).toBeLessThan(5_000);

    // The next milestone has its own countdown, by the same clock.
    const t0 = Date.now();
    const timer = (await (await page.request.get(`/api/rounds/${roundId}/timer`)).json()) as {
      serverNow: number;
      nextMilestone: { title: string; dueAt: number };
    };
    const t1 = Date.now();
    const milestone = page.locator("[data-milestone]");
    await expect(milestone).toContainText(`next: ${timer.nextMilestone.title} in`);
    const shownMilestone = Number(await milestone.getByRole("timer").getAttribute("data-remaining-ms"));
    const t2 = Date.now();
    const expectedMilestone = timer.nextMilestone.dueAt - timer.serverNow - (t2 - (t0 + t1) / 2);
    expect(Math.abs(shownMilestone - expectedMilestone)).toBeLessThan(100 + (t2 - t0));

    // The text itself follows the data: whole seconds outside the last minute.
    await expect(page.locator('[data-countdown="round"] [role="timer"]')).toHaveText(/^(\d+d )?(\d+h )?\d+m \d\ds$/);
    await page.context().close();
  });
}

test("a closed round says CLOSED, with nothing left on its clock and no next milestone", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Spring cohort" }).click();
  await expect(page.locator("[data-round-board]")).toHaveAttribute("data-live", "true");
  await expect(page.locator('[data-countdown="round"]')).toHaveText(/^CLOSED/);
  await expect(page.locator('[data-countdown="round"]')).toHaveAttribute("data-remaining-ms", "0");
  await expect(page.locator("[data-milestone]")).toHaveCount(0);
  await expect(page.getByText("This round is closed.")).toBeVisible();
});
