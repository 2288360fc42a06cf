import { expect, test } from "@playwright/test";
import { applicantOnDemoRound, DEMO_ROUND, seat } from "./fixtures/round-page";

// Another browser must see a change within this long; waits poll the DOM, never sleep.
const LIVE = { timeout: 2_000 };

test("the home page lists the demo round and links to its board", async ({ page }) => {
  await page.goto("/");
  const card = page.getByRole("listitem").filter({ hasText: DEMO_ROUND });
  await expect(card).toContainText("Open Source Mentorship");
  await expect(card.locator("[data-round-status]")).toHaveText("Open");
  // Other specs share this server, so the counts are checked for shape, not value.
  await expect(card).toContainText(/\d+ free · \d+ held · \d+ booked of 48/);

  await card.getByRole("link", { name: DEMO_ROUND }).click();
  await expect(page).toHaveURL(/\/rounds\/[A-Za-z0-9_-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: DEMO_ROUND })).toBeVisible();
  await expect(page.locator("[data-seat-label]")).toHaveCount(48);
  await expect(page.getByRole("button", { name: /^Seat A1, (free|held|booked)/ })).toBeVisible();
});

test("two applicants see each other's hold, booking and release live", async ({ browser }) => {
  const a = await applicantOnDemoRound(browser, "Ada");
  const b = await applicantOnDemoRound(browser, "Grace");
  // Bookings last, so each run works on seats that are still free (the server is shared and may be reused).
  const [s1, s2, s3] = await a
    .locator('[data-seat-label][data-status="FREE"]')
    .evaluateAll((cells) => cells.slice(0, 3).map((c) => (c as HTMLElement).dataset.seatLabel ?? ""));
  if (!s1 || !s2 || !s3) throw new Error("the demo round needs three free seats");
  const bookedBefore = Number(await a.locator('[data-count="BOOKED"] .tabular-nums').textContent());

  // Measured inside the pages, not around Playwright's click: A's page stamps the moment the click reaches the
  // seat, B's the moment the seat turns HELD in its DOM (one machine, one clock). What lies between is the
  // product's path (A's handler, the socket, the server, the broadcast, B's render); Playwright's own
  // actionability checks and round trips, which a busy machine stretches, are outside it.
  type Stamps = { clickedAt?: number; heldAt?: number };
  await a.evaluate((label) => {
    const w = window as unknown as Stamps;
    window.addEventListener(
      "click",
      (event) => {
        if (w.clickedAt === undefined && (event.target as Element).closest(`[data-seat-label="${label}"]`))
          w.clickedAt = Date.now();
      },
      { capture: true },
    );
  }, s1);
  await b.evaluate((label) => {
    const w = window as unknown as Stamps;
    new MutationObserver(() => {
      const cell = document.querySelector(`[data-seat-label="${label}"]`);
      if (w.heldAt === undefined && cell?.getAttribute("data-status") === "HELD") w.heldAt = Date.now();
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["data-status"] });
  }, s1);

  // A holds the first free seat: theirs on A's page, HELD (not theirs) on B's.
  await seat(a, s1).click();
  await expect(seat(a, s1)).toHaveAttribute("data-mine", "true");
  await expect(seat(a, s1)).toHaveAttribute("data-status", "HELD");
  await expect(seat(b, s1)).toHaveAttribute("data-status", "HELD", LIVE);
  const clickedAt = await a.evaluate(() => (window as unknown as Stamps).clickedAt);
  const heldAt = await b.evaluate(() => (window as unknown as Stamps).heldAt);
  expect(clickedAt, "A's page saw the click").toBeDefined();
  expect((heldAt ?? Number.POSITIVE_INFINITY) - (clickedAt ?? 0)).toBeLessThanOrEqual(500);
  await expect(seat(b, s1)).toHaveAttribute("data-mine", "false");
  await expect(a.locator("[data-hold-countdown]").getByRole("timer")).toBeVisible();

  // A confirms: BOOKED on both pages.
  await a.getByRole("button", { name: `Confirm seat ${s1}` }).click();
  await expect(seat(a, s1)).toHaveAttribute("data-status", "BOOKED");
  await expect(a.getByRole("status")).toContainText(`Seat ${s1} is booked for you.`);
  await expect(seat(b, s1)).toHaveAttribute("data-status", "BOOKED", LIVE);

  // A taken seat is not offered to B (aria-disabled, so it stays focusable and announced).
  await expect(seat(b, s1)).toBeDisabled();
  await expect(seat(b, s1)).toHaveAccessibleName(`Seat ${s1}, booked`);
  await expect(seat(a, s1)).toHaveAccessibleName(`Seat ${s1}, booked by you`);

  // B holds the second and lets it go: A sees it HELD, then FREE again.
  await seat(b, s2).click();
  await expect(seat(b, s2)).toHaveAttribute("data-mine", "true");
  await expect(seat(a, s2)).toHaveAttribute("data-status", "HELD", LIVE);

  // One seat per applicant: the refusal is said in plain words, and nothing changes.
  await seat(b, s3).click();
  await expect(b.getByRole("status")).toContainText("You already hold or have booked a seat");
  await expect(seat(b, s3)).toHaveAttribute("data-status", "FREE");
  await b.getByRole("button", { name: `Release seat ${s2}` }).click();
  await expect(seat(b, s2)).toHaveAttribute("data-status", "FREE");
  await expect(seat(b, s2)).toHaveAttribute("data-mine", "false");
  await expect(seat(a, s2)).toHaveAttribute("data-status", "FREE", LIVE);

  // The counts follow: one more booked, none held, on both pages.
  for (const page of [a, b]) {
    await expect(page.locator('[data-count="BOOKED"]')).toContainText(`${bookedBefore + 1} booked`, LIVE);
    await expect(page.locator('[data-count="HELD"]')).toContainText("0 held", LIVE);
  }

  await a.context().close();
  await b.context().close();
});
