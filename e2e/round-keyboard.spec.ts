import { expect, type Page, test } from "@playwright/test";
import { applicantOnDemoRound, openDemoRound, seat } from "./fixtures/round-page";

const LIVE = { timeout: 2_000 };

const focusedSeat = (page: Page) =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.seatLabel);

/** Tabs into the seat grid: it is one tab stop, and the first seat takes the focus. */
async function tabIntoGrid(page: Page): Promise<void> {
  const grid = page.getByRole("grid", { name: "Seats" });
  await expect(grid.locator('button[tabindex="0"]')).toHaveCount(1);
  for (let i = 0; i < 40 && !(await focusedSeat(page)); i++) await page.keyboard.press("Tab");
  expect(await focusedSeat(page)).toBe("A1");
}

test("a keyboard-only applicant signs in with Tab, typing and Enter, and tabs into the grid at its first seat", async ({
  page,
}) => {
  await openDemoRound(page);
  // Sign in: tab to the name field, type, Enter.
  const name = page.getByLabel("Your name");
  while (!(await name.evaluate((el) => el === document.activeElement))) await page.keyboard.press("Tab");
  await page.keyboard.type("Kay");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Signed in as Kay")).toBeVisible();
  await expect(page.locator("[data-round-board]")).toHaveAttribute("data-live", "true");
  await tabIntoGrid(page);
});

test("arrows move through the grid and Enter holds the focused seat; another browser sees it live", async ({
  browser,
}) => {
  const page = await applicantOnDemoRound(browser, "Kit");
  const watcher = await (await browser.newContext()).newPage();
  await openDemoRound(watcher);
  await tabIntoGrid(page);
  const grid = page.getByRole("grid", { name: "Seats" });

  // Arrows move within the grid; find a free seat that way (other specs share this server).
  await page.keyboard.press("ArrowDown");
  expect(await focusedSeat(page)).toBe("B1");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  expect(await focusedSeat(page)).toBe("B3");
  await page.keyboard.press("ArrowLeft");
  expect(await focusedSeat(page)).toBe("B2");
  while ((await page.locator(":focus").getAttribute("data-status")) !== "FREE") await page.keyboard.press("ArrowRight");
  const label = (await focusedSeat(page)) ?? "";
  await expect(grid.locator('button[tabindex="0"]')).toHaveAttribute("data-seat-label", label);

  // Enter holds the focused seat, and the live region says so.
  await page.keyboard.press("Enter");
  await expect(page.locator("[data-announcer]")).toHaveText(`Seat ${label} is held for you.`);
  await expect(seat(page, label)).toHaveAccessibleName(`Seat ${label}, held by you`);
  await expect(seat(watcher, label)).toHaveAttribute("data-status", "HELD", LIVE);
  await expect(seat(watcher, label)).toHaveAccessibleName(`Seat ${label}, held`);

  // One tab stop: Tab leaves the grid, Shift+Tab comes back to the same seat.
  await page.keyboard.press("Tab");
  expect(await focusedSeat(page)).toBeUndefined();
  await page.keyboard.press("Shift+Tab");
  expect(await focusedSeat(page)).toBe(label);

  // Space on another free seat is refused in plain words: one seat per applicant.
  await page.keyboard.press("ArrowDown");
  while ((await page.locator(":focus").getAttribute("data-status")) !== "FREE") await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Space");
  await expect(page.locator("[data-announcer]")).toContainText("You already hold or have booked a seat");
  await expect(page.locator("[data-toast]")).toContainText("You already hold or have booked a seat");

  // Give the seat back so other specs find the board as they expect.
  await page.getByRole("button", { name: `Release seat ${label}` }).click();
  await expect(page.locator("[data-announcer]")).toHaveText(`Seat ${label} is released; it is free again.`);
  await expect(seat(watcher, label)).toHaveAttribute("data-status", "FREE", LIVE);
  await page.context().close();
  await watcher.context().close();
});

test("the list view offers the same seats and the same hold action", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await openDemoRound(page);
  await page.getByLabel("Your name").fill("Lin");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("[data-round-board]")).toHaveAttribute("data-live", "true");
  await expect(page.getByText("Signed in as Lin")).toBeVisible();

  await page.getByRole("button", { name: "List view" }).click();
  await expect(page.getByRole("button", { name: "List view" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("table")).toBeVisible();
  await expect(page.locator("[data-list-seat]")).toHaveCount(48);
  const free = page.locator('[data-list-seat][data-status="FREE"]').first();
  const label = (await free.getAttribute("data-list-seat")) ?? "";
  await free.getByRole("button", { name: `Hold seat ${label}` }).click();
  await expect(page.locator("[data-announcer]")).toHaveText(`Seat ${label} is held for you.`);
  await expect(page.locator(`[data-list-seat="${label}"]`)).toContainText("yours");
  await page.getByRole("button", { name: `Release seat ${label}` }).click();
  await expect(page.locator(`[data-list-seat="${label}"]`)).toHaveAttribute("data-status", "FREE");
  await page.context().close();
});

test("a change to one seat re-renders that seat's cell alone", async ({ browser }) => {
  const watcher = await (await browser.newContext()).newPage();
  await openDemoRound(watcher);
  const renders = () =>
    watcher
      .locator("[data-seat-label]")
      .evaluateAll((cells) => Object.fromEntries(cells.map((c) => [c.dataset.seatLabel, Number(c.dataset.renders)])));
  const before = await renders();

  const applicant = await (await browser.newContext()).newPage();
  await openDemoRound(applicant);
  await applicant.getByLabel("Your name").fill("Ren");
  await applicant.getByRole("button", { name: "Sign in" }).click();
  await expect(applicant.locator("[data-round-board]")).toHaveAttribute("data-live", "true");
  await applicant.getByRole("button", { name: "Best available" }).click();
  const label = (await applicant.locator('[data-mine="true"]').getAttribute("data-seat-label")) ?? "";
  await expect(seat(watcher, label)).toHaveAttribute("data-status", "HELD", LIVE);

  const after = await renders();
  const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
  expect(changed).toEqual([label]);
  expect(after[label]).toBe((before[label] ?? 0) + 1);

  await applicant.getByRole("button", { name: `Release seat ${label}` }).click();
  await expect(seat(watcher, label)).toHaveAttribute("data-status", "FREE", LIVE);
  await applicant.context().close();
  await watcher.context().close();
});
