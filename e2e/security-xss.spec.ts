import { type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { signInAsAdmin } from "./fixtures/admin";
import { seat, signIn } from "./fixtures/round-page";

// A regression test for what the security probe found holding (issue 9): markup in every text a user
// supplies is shown as text on every page that renders it, and in live updates, and never runs.
// Each payload sets window.__xss if it ever executes; React's escaping, not the CSP ('unsafe-inline'
// allows inline handlers), is what stops them, so this is the test that would catch a dangerouslySetInnerHTML.

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const LIVE = { timeout: 5_000 };

const XSS = {
  program: `<img src=x onerror=window.__xss=1>P${RUN}`,
  description: `</script><script>window.__xss=2</script>D${RUN}`,
  title: `"><svg/onload=window.__xss=3>T${RUN}`,
  milestone: `<iframe src=javascript:window.__xss=4>M${RUN}`,
  applicant: `<img src=x onerror=window.__xss=5>A`,
  reason: `<script>window.__xss=6</script>R${RUN}`,
  retitle: `<img src=y onerror=window.__xss=7>L${RUN}`,
};

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
let adminState: StorageState;
let roundId: string;

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAsAdmin(page);
  const program = await page.request.post("/api/admin/programs", {
    data: { name: XSS.program, description: XSS.description, slug: `xss-${RUN}`, timeZone: "UTC" },
  });
  expect(program.status()).toBe(201);
  const now = Date.now();
  const round = await page.request.post("/api/admin/rounds", {
    data: {
      programId: (await program.json()).program.id,
      title: XSS.title,
      seatCount: 3,
      layout: { rows: 1, cols: 3 },
      opensAt: now - MINUTE,
      deadline: now + 2 * HOUR,
      timeZone: "UTC",
      holdSeconds: 600,
      milestones: [{ title: XSS.milestone, dueAt: now + HOUR }],
    },
  });
  expect(round.status()).toBe(201);
  roundId = (await round.json()).round.id;
  expect((await page.request.post(`/api/admin/rounds/${roundId}/open`, { data: {} })).status()).toBe(200);
  adminState = await context.storageState();
  await context.close();
});

/** A page in its own context that counts any payload that ever runs, from the first script on. */
async function watchedPage(browser: Browser, storageState?: StorageState): Promise<Page> {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  return page;
}

async function expectNothingRan(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), page.url()).toBeUndefined();
  // No element a payload tried to create made it into the document as markup.
  expect(await page.locator("img[src=x], img[src=y], svg[onload], iframe[src^=javascript]").count(), page.url()).toBe(
    0,
  );
}

test("markup in an applicant's name and an admin's reason renders as text on the round page, the audit and the applicant's activity", async ({
  browser,
}) => {
  // An applicant whose name is a payload holds a seat; the admin releases it with a payload as the reason.
  const applicant = await watchedPage(browser);
  await applicant.goto(`/rounds/${roundId}`);
  await expect(applicant.getByRole("heading", { level: 1 })).toHaveText(XSS.title);
  await signIn(applicant, XSS.applicant);
  await seat(applicant, "A1").click();
  await expect(seat(applicant, "A1")).toHaveAttribute("data-mine", "true");
  await expect(applicant.getByText(XSS.milestone)).toBeVisible();
  await expectNothingRan(applicant);

  const admin = await watchedPage(browser, adminState);
  const { seats } = await (await admin.request.get(`/api/admin/rounds/${roundId}`)).json();
  const a1 = seats.find((s: { label: string }) => s.label === "A1");
  const released = await admin.request.post(`/api/admin/rounds/${roundId}/seats/${a1.id}/release`, {
    data: { reason: XSS.reason },
  });
  expect(released.status()).toBe(200);
  await expect(seat(applicant, "A1")).toHaveAttribute("data-status", "FREE", LIVE);

  await admin.goto("/admin/audit");
  for (const text of [XSS.reason, XSS.applicant]) await expect(admin.getByText(text).first(), text).toBeVisible();
  await expectNothingRan(admin);
  await applicant.goto("/me/activity");
  await expect(applicant.getByText(XSS.reason).first()).toBeVisible();
  await expectNothingRan(applicant);
});

test("markup in program names, round titles and milestones renders as text on the home page and the admin pages", async ({
  browser,
}) => {
  const admin = await watchedPage(browser, adminState);
  const pages: [string, string[]][] = [
    ["/", [XSS.program, XSS.title]],
    ["/admin", [XSS.program, XSS.title]],
    [`/admin/rounds/${roundId}`, [XSS.title, XSS.milestone]],
    ["/admin/analytics", [XSS.program]],
  ];
  for (const [path, texts] of pages) {
    await admin.goto(path);
    for (const text of texts) await expect(admin.getByText(text).first(), `${path}: ${text}`).toBeVisible();
    await expectNothingRan(admin);
  }
});

test("markup in a live round update reaches an open round page and a big screen as text, and never runs", async ({
  browser,
}) => {
  const admin = await watchedPage(browser, adminState);
  const applicant = await watchedPage(browser);
  const screen = await watchedPage(browser);
  await screen.goto(`/rounds/${roundId}/screen`);
  await expect(screen.locator("[data-connection]")).toHaveAttribute("data-connection", "live");
  await applicant.goto(`/rounds/${roundId}`);
  await expect(applicant.locator("[data-round-board]")).toHaveAttribute("data-live", "true");
  await expect(applicant.getByRole("heading", { level: 1 })).toHaveText(XSS.title);
  const edited = await admin.request.patch(`/api/admin/rounds/${roundId}`, { data: { title: XSS.retitle } });
  expect(edited.status()).toBe(200);
  for (const page of [applicant, screen]) {
    await expect(page.getByText(XSS.retitle).first()).toBeVisible(LIVE);
    await expectNothingRan(page);
  }
});
