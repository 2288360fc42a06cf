import { expect, type Page, test } from "@playwright/test";
import { signInAsAdmin } from "./fixtures/admin";
import { openDemoRound, signIn } from "./fixtures/round-page";

/** Records every Content-Security-Policy violation the page reports, from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (e) => {
      seen.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test("the app works under its Content-Security-Policy: no violations on the round board, the screen and the admin pages", async ({
  page,
}) => {
  const violations = await watchCsp(page);
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await openDemoRound(page);
  await signIn(page, "Csp Tester");
  expect(await violations()).toEqual([]);

  await page.goto(`${page.url()}/screen`);
  await expect(page.locator("[data-connection]")).toHaveAttribute("data-connection", "live");
  expect(await violations()).toEqual([]);

  await signInAsAdmin(page, "/admin/analytics");
  await expect(page.locator('[data-testid="heatmap"]')).toBeVisible();
  expect(await violations()).toEqual([]);
});

test("another site cannot frame the app", async ({ page, baseURL }) => {
  const roundLinks = 'a[href^="/rounds/"]';
  // Positive control: opened directly, the home page lists the demo round.
  await page.goto("/");
  await expect(page.locator(roundLinks).first()).toBeVisible();

  await page.setContent('<iframe id="framed" title="framed"></iframe>');
  await page.locator("#framed").evaluate(
    (frame: HTMLIFrameElement, src: string) =>
      new Promise<void>((resolve) => {
        frame.onload = () => resolve();
        frame.src = src;
      }),
    `${baseURL}/`,
  );
  const framed = page.frameLocator("#framed");
  // frame-ancestors 'none' (and X-Frame-Options: DENY): Chromium shows its error page, never ours.
  await expect(framed.locator(roundLinks)).toHaveCount(0);
});
