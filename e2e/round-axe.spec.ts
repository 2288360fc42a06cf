import { type Browser, expect, type Page, test } from "@playwright/test";
import { seriousViolations } from "./fixtures/axe";
import { openDemoRound, signIn } from "./fixtures/round-page";

test("the round page has no serious or critical axe violations for a watcher", async ({ page }) => {
  await openDemoRound(page);
  expect(await seriousViolations(page)).toEqual([]);
});

interface Hold {
  page: Page;
  label: string;
}

/** An applicant in `colorScheme` holding the best available seat on the demo round, its countdown running. */
async function applicantWithHold(browser: Browser, colorScheme: "light" | "dark", view: string): Promise<Hold> {
  const context = await browser.newContext({ colorScheme });
  const page = await context.newPage();
  await openDemoRound(page);
  await signIn(page, `Axe ${colorScheme} ${view}`);
  await page.getByRole("button", { name: "Best available" }).click();
  const label = (await page.locator('[data-mine="true"]').getAttribute("data-seat-label")) ?? "";
  await expect(page.locator("[data-hold-countdown]")).toBeVisible();
  return { page, label };
}

/** Gives the seat back (from either view), so other specs find the board as they expect. */
async function releaseHold({ page, label }: Hold): Promise<void> {
  await page.getByRole("button", { name: `Release seat ${label}` }).click();
  await expect(page.locator("[data-announcer]")).toContainText("free again");
  await page.context().close();
}

// One test per colour scheme and view: each axe pass costs seconds on a busy machine.
for (const colorScheme of ["light", "dark"] as const) {
  test(`the round page has no serious or critical axe violations with a hold in progress (${colorScheme})`, async ({
    browser,
  }) => {
    const hold = await applicantWithHold(browser, colorScheme, "grid");
    expect(await seriousViolations(hold.page)).toEqual([]);
    await releaseHold(hold);
  });

  test(`the list view has no serious or critical axe violations with a hold in progress (${colorScheme})`, async ({
    browser,
  }) => {
    const hold = await applicantWithHold(browser, colorScheme, "list");
    await hold.page.getByRole("button", { name: "List view" }).click();
    await expect(hold.page.getByRole("table")).toBeVisible();
    expect(await seriousViolations(hold.page)).toEqual([]);
    await releaseHold(hold);
  });
}
