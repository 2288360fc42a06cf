import { expect, test } from "@playwright/test";
import { openDemoRound, seat, signIn } from "./fixtures/round-page";

test("the page says when it is offline, holds commands back, and comes back live with a fresh board", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openDemoRound(page);
  await signIn(page, "Oona");
  const status = page.locator("[data-connection]");
  const bestAvailable = page.getByRole("button", { name: "Best available" });
  await expect(status).toHaveAttribute("data-connection", "live");
  await expect(bestAvailable).toBeEnabled();

  await context.setOffline(true);
  await expect(status).toHaveAttribute("data-connection", /offline|reconnecting/);
  await expect(page.locator("[data-round-board]")).toHaveAttribute("data-live", "false");
  await expect(bestAvailable).toBeDisabled();
  await expect(page.locator('[data-seat-label="A1"]')).toHaveAttribute("aria-disabled", "true");

  // Meanwhile someone else takes a seat: the page cannot hear it.
  const other = await (await browser.newContext()).newPage();
  await openDemoRound(other);
  await signIn(other, "Piet");
  await other.getByRole("button", { name: "Best available" }).click();
  const label = (await other.locator('[data-mine="true"]').getAttribute("data-seat-label")) ?? "";

  // Back online: Socket.IO reconnects by itself, the board rejoins and shows the missed hold.
  await context.setOffline(false);
  await expect(status).toHaveAttribute("data-connection", "live", { timeout: 15_000 });
  await expect(seat(page, label)).toHaveAttribute("data-status", "HELD");
  await expect(bestAvailable).toBeEnabled();

  await other.getByRole("button", { name: `Release seat ${label}` }).click();
  await expect(seat(page, label)).toHaveAttribute("data-status", "FREE");
  await other.context().close();
  await context.close();
});

test("a returning visitor is recognised from the session cookie on the server-rendered page", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await openDemoRound(page);
  await signIn(page, "Quinn");
  // A fresh load, with scripts off: the name comes from the server, not from client state.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await context.storageState() });
  const again = await noScript.newPage();
  await again.goto(page.url());
  await expect(again.getByText("Signed in as Quinn")).toBeVisible();
  await expect(again.getByLabel("Your name")).toHaveCount(0);
  await noScript.close();
  await context.close();
});
