import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { openDemoRound, signIn } from "./fixtures/round-page";

/** Serious and critical axe violations on the page, as "rule: selector" lines (empty when clean). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")}`));
}

test("the round page has no serious or critical axe violations for a watcher", async ({ page }) => {
  await openDemoRound(page);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the round page has no serious or critical axe violations with a hold in progress", async ({ browser }) => {
  for (const colorScheme of ["light", "dark"] as const) {
    const context = await browser.newContext({ colorScheme });
    const page = await context.newPage();
    await openDemoRound(page);
    await signIn(page, `Axe ${colorScheme}`);
    await page.getByRole("button", { name: "Best available" }).click();
    const label = await page.locator('[data-mine="true"]').getAttribute("data-seat-label");
    await expect(page.locator("[data-hold-countdown]")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "List view" }).click();
    await expect(page.getByRole("table")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: `Release seat ${label}` }).click();
    await expect(page.locator("[data-announcer]")).toContainText("free again");
    await context.close();
  }
});
