import fs from "node:fs";
import { type APIRequestContext, type Browser, type BrowserContext, expect, type Page, test } from "@playwright/test";
import { fromZonedInput, toZonedInput } from "../components/admin/zoned-time";
import type { RoundSnapshot } from "../lib/realtime/events";
import { adminPage } from "./fixtures/admin";
import { seriousViolations } from "./fixtures/axe";
import { applicantOnRound, seat, watcherOnRound } from "./fixtures/round-page";

// The shared server keeps every spec's data (and the demo round): this spec makes its own program and rounds, named per run.
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
const PROGRAM = { name: `Console program ${RUN}`, slug: `console-${RUN}`, timeZone: "Europe/Berlin" };
const MINUTE = 60_000;
const HOUR = 3_600_000;
// Another browser must see a change within this long; waits poll the DOM, never sleep.
const LIVE = { timeout: 5_000 };

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
let adminState: StorageState;
/** The context of the file's one admin sign-in: its request is the admin API the tests set up rounds with. */
let adminContext: BrowserContext;
let api: APIRequestContext;
let programId: string;

interface Timer {
  status: string;
  deadline: number;
  serverNow: number;
  remainingMs: number;
}

// One admin sign-in for the whole file (admin sign-ins are rate limited per address); each test opens its own contexts.
test.beforeAll(async ({ browser }) => {
  const page = await adminPage(browser);
  adminContext = page.context();
  api = adminContext.request;
  const created = await api.post("/api/admin/programs", { data: PROGRAM });
  expect(created.status()).toBe(201);
  programId = (await created.json()).program.id;
  adminState = await adminContext.storageState();
  await page.close();
});

test.afterAll(async () => {
  await adminContext?.close();
});

async function adminAt(browser: Browser, path: string, colorScheme?: "light" | "dark"): Promise<Page> {
  const context = await browser.newContext({ storageState: adminState, colorScheme });
  const page = await context.newPage();
  await page.goto(path);
  return page;
}

/** A round made and opened through the admin API: claims from a minute ago, a deadline two hours out. */
async function openRound(
  title: string,
  layout = { rows: 2, cols: 3 },
  milestones: { title: string; dueAt: number | null }[] = [],
): Promise<string> {
  const now = Date.now();
  const created = await api.post("/api/admin/rounds", {
    data: {
      programId,
      title,
      seatCount: layout.rows * layout.cols,
      layout,
      opensAt: now - MINUTE,
      deadline: now + 2 * HOUR,
      timeZone: "Europe/Berlin",
      holdSeconds: 600,
      milestones,
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).round.id as string;
  const opened = await api.post(`/api/admin/rounds/${id}/open`, { data: {} });
  expect(opened.status()).toBe(200);
  return id;
}

const timerOf = async (page: Page, id: string): Promise<Timer> =>
  (await (await page.request.get(`/api/rounds/${id}/timer`)).json()) as Timer;

/** The admin round page's line for the outcome of the last command. */
const roundMessage = (page: Page) => page.locator('[data-status-line="round"]');
const countdown = (page: Page) => page.locator('[data-countdown="round"]');
/** The exact remaining time the page shows (its timer writes it every frame). */
const shownRemaining = async (page: Page) =>
  Number(await countdown(page).getByRole("timer").getAttribute("data-remaining-ms"));

/** Runs a round command from the admin's round page: the button, its confirmation, an optional reason. */
async function roundCommand(admin: Page, button: string, confirm: string, reason?: string): Promise<void> {
  await admin.getByRole("button", { name: button, exact: true }).click();
  const dialog = admin.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (reason) await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: confirm, exact: true }).click();
  await expect(dialog).toHaveCount(0);
}

/** The id of the seat labelled `label` in round `id`. */
async function seatId(id: string, label: string): Promise<string> {
  const snapshot = (await (await api.get(`/api/rounds/${id}`)).json()) as RoundSnapshot;
  const found = snapshot.seats.find((s) => s.label === label);
  if (!found) throw new Error(`no seat ${label}`);
  return found.id;
}

/** The admin's round page once it is live and shows the round's one seat in use and its trail. */
async function adminRoundPage(browser: Browser, id: string, colorScheme: "light" | "dark"): Promise<Page> {
  const admin = await adminAt(browser, `/admin/rounds/${id}`, colorScheme);
  await expect(admin.locator("[data-connection]")).toHaveAttribute("data-connection", "live", LIVE);
  await expect(admin.locator("[data-seat-row]")).toHaveCount(1);
  await expect(admin.locator("[data-audit-entry]").first()).toBeVisible();
  return admin;
}

test("an admin creates a program; editing it, a slug another program has is refused at the slug and a description is saved", async ({
  browser,
}) => {
  const admin = await adminAt(browser, "/admin");
  const name = `Forms program ${RUN}`;
  await admin.getByRole("link", { name: "New program" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "New program" })).toBeVisible();
  await admin.getByLabel("Name", { exact: true }).fill(name);
  await expect(admin.getByLabel("Slug")).toHaveValue(`forms-program-${RUN}`);
  await admin.getByLabel("Time zone").fill("Europe/Berlin");
  await admin.getByRole("button", { name: "Create program" }).click();
  await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(admin.getByRole("status").filter({ hasText: "Program created" })).toBeVisible();
  // Editing it: a slug another program has is refused at the slug; a description is saved.
  const settings = admin.getByRole("form", { name: "Edit program" });
  await settings.getByLabel("Slug").fill(PROGRAM.slug);
  await settings.getByLabel("Description (optional)").fill("Evenings, remote.");
  await settings.getByRole("button", { name: "Save program" }).click();
  await expect(settings.locator('[data-field$="-slug"] [data-field-error]')).toHaveText(
    "slug: is already used by another program",
  );
  await expect(settings.getByLabel("Slug")).toBeFocused();
  await settings.getByLabel("Slug").fill(`forms-program-${RUN}`);
  await settings.getByRole("button", { name: "Save program" }).click();
  await expect(settings.getByRole("status")).toHaveText("Program saved.");
  await expect(settings.getByLabel("Description (optional)")).toHaveValue("Evenings, remote.");
  await admin.context().close();
});

test("an admin creates a round through the form, opens it, and an applicant finds it live", async ({ browser }) => {
  const admin = await adminAt(browser, `/admin/programs/${programId}`);
  // The round: 3 × 4 seats, in New York time (not the program's zone), 90 s holds, one milestone.
  const title = `Evening cohort ${RUN}`;
  const zone = "America/New_York";
  const opensAt = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
  const deadline = opensAt + 3 * HOUR;
  await admin.getByRole("link", { name: `New round in ${PROGRAM.name}` }).click();
  const form = admin.getByRole("form", { name: "New round" });
  await expect(form.getByLabel("Program")).toHaveValue(/.+/);
  await form.getByLabel("Title", { exact: true }).fill(title);
  await form.getByLabel("Rows", { exact: true }).fill("3");
  await form.getByLabel("Columns", { exact: true }).fill("4");
  await expect(form.locator("[data-seat-preview]")).toContainText("12 seats, labelled A1–C4");
  await form.getByLabel("Time zone").fill(zone);
  await expect(form.locator("[data-zone-note]")).toHaveText(`Times are in ${zone}.`);
  await form.getByLabel(`Opens at (${zone})`).fill(toZonedInput(opensAt, zone));
  await form.getByLabel(`Deadline (${zone})`).fill(toZonedInput(deadline, zone));
  await form.getByLabel("Hold length (seconds)").fill("90");
  await form.getByRole("button", { name: "Add milestone" }).click();
  await form.getByLabel("Milestone 1 title").fill("Interviews");
  await form.getByLabel("Milestone 1 due").fill(toZonedInput(deadline + HOUR, zone));
  await form.getByRole("button", { name: "Create round (as draft)" }).click();

  await expect(admin).toHaveURL(/\/admin\/rounds\/[A-Za-z0-9_-]+\?created=1$/);
  const id = new URL(admin.url()).pathname.split("/").at(-1) ?? "";
  await expect(admin.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(admin.locator("[data-round-status]").first()).toHaveAttribute("data-round-status", "DRAFT");
  await expect(roundMessage(admin)).toContainText("Round created as a draft");
  await expect(admin.locator("[data-seat-label]")).toHaveCount(12);
  // What was stored is what was typed, read in the round's zone.
  const stored = (await (await admin.request.get(`/api/admin/rounds/${id}`)).json()) as {
    round: { opensAt: number; deadline: number; timeZone: string; holdSeconds: number; milestones: unknown[] };
    layout: { rows: number; cols: number };
  };
  expect(stored.round).toMatchObject({ opensAt, deadline, timeZone: zone, holdSeconds: 90 });
  expect(stored.round.milestones).toEqual([{ position: 0, title: "Interviews", dueAt: deadline + HOUR }]);
  expect(stored.layout).toEqual({ rows: 3, cols: 4 });
  // A draft is not published.
  expect((await admin.request.get(`/api/rounds/${id}`)).status()).toBe(404);

  await roundCommand(admin, "Open round", "Open round");
  await expect(roundMessage(admin)).toHaveText("Round opened.");
  await expect(admin.locator('[data-round-status="OPEN"]').first()).toBeVisible();
  await expect(admin.locator("[data-connection]")).toHaveAttribute("data-connection", "live", LIVE);

  // The admin home lists it with its counts.
  await admin.goto("/admin");
  const item = admin.locator(`[data-admin-round-item="${title}"]`);
  await expect(item).toContainText("12 free · 0 held · 0 booked of 12");
  await expect(item.locator("[data-round-status]")).toHaveText("Open");

  // An applicant in another browser finds it on the home page and watches it live.
  const context = await browser.newContext();
  const applicant = await context.newPage();
  await applicant.goto("/");
  await applicant.getByRole("link", { name: title }).click();
  await expect(applicant.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(applicant.locator("[data-round-board]")).toHaveAttribute("data-live", "true");
  await expect(applicant.locator("[data-seat-label]")).toHaveCount(12);
  await expect(applicant.locator("[data-milestone]")).toContainText("next: Interviews");
  await expect(applicant.getByRole("button", { name: "Seat C4, free" })).toBeVisible();
  await context.close();
  await admin.context().close();
});

/** An admin on round `id`'s page and an applicant on its board, both live. */
async function adminAndApplicant(browser: Browser, id: string, name: string) {
  const admin = await adminAt(browser, `/admin/rounds/${id}`);
  await expect(admin.locator("[data-connection]")).toHaveAttribute("data-connection", "live", LIVE);
  const applicant = await applicantOnRound(browser, `/rounds/${id}`, `${name} ${RUN}`);
  return { admin, applicant };
}

test("pause freezes the applicant's countdown at the server's figure and refuses holds", async ({ browser }) => {
  const id = await openRound(`Paused ${RUN}`);
  const { admin, applicant } = await adminAndApplicant(browser, id, "Paula");
  await expect(applicant.getByRole("button", { name: "Best available" })).toBeEnabled();

  // Pause: the countdown stops at the server's frozen figure, on both pages, and stays there while time passes.
  await roundCommand(admin, "Pause", "Pause round", "fire drill");
  await expect(roundMessage(admin)).toHaveText("Round paused.");
  await expect(countdown(applicant)).toContainText("PAUSED", LIVE);
  await expect(applicant.locator("[data-round-status]")).toHaveText("Paused");
  const paused = await timerOf(admin, id);
  expect(paused.status).toBe("PAUSED");
  const frozen = paused.remainingMs;
  await expect.poll(() => shownRemaining(applicant)).toBe(frozen);
  await expect.poll(() => shownRemaining(admin)).toBe(frozen);
  // Two readings at least two seconds apart by the server's clock: still the same figure.
  await expect
    .poll(async () => (await timerOf(admin, id)).serverNow - paused.serverNow, { intervals: [250] })
    .toBeGreaterThan(2_000);
  expect(await shownRemaining(applicant)).toBe(frozen);
  expect((await timerOf(admin, id)).remainingMs).toBe(frozen);

  // No hold while paused: the button is gone, the seats cannot be picked, and the page says why.
  await expect(applicant.getByRole("button", { name: "Best available" })).toHaveCount(0);
  await expect(applicant.getByText("This round is not taking seats.")).toBeVisible();
  await expect(seat(applicant, "A1")).toBeDisabled();
  await seat(applicant, "A1").click({ force: true });
  await expect(seat(applicant, "A1")).toHaveAttribute("data-status", "FREE");
  await applicant.context().close();
  await admin.context().close();
});

test("resume goes on from where the pause stopped the countdown, and holds are taken again", async ({ browser }) => {
  const id = await openRound(`Resumed ${RUN}`);
  // Paused through the API; the pause itself, on the page, is the test above.
  expect((await api.post(`/api/admin/rounds/${id}/pause`, { data: { reason: "fire drill" } })).status()).toBe(200);
  const { admin, applicant } = await adminAndApplicant(browser, id, "Remy");
  await expect(countdown(applicant)).toContainText("PAUSED");
  const frozen = (await timerOf(admin, id)).remainingMs;
  await expect.poll(() => shownRemaining(applicant)).toBe(frozen);

  // Resume: it goes on from where it stopped, not from where it would be had it run during the pause.
  const resumedFrom = Date.now();
  await roundCommand(admin, "Resume", "Resume round");
  await expect(countdown(applicant)).not.toContainText("PAUSED", LIVE);
  const afterResume = await shownRemaining(applicant);
  const readAt = Date.now();
  expect(afterResume).toBeLessThanOrEqual(frozen + 250);
  expect(frozen - afterResume).toBeLessThan(readAt - resumedFrom + 500);
  await expect(applicant.getByRole("button", { name: "Best available" })).toBeEnabled();
  await applicant.context().close();
  await admin.context().close();
});

test("extending the deadline and closing early reach the applicant live", async ({ browser }) => {
  const id = await openRound(`Extended ${RUN}`);
  const { admin, applicant } = await adminAndApplicant(browser, id, "Ezra");

  // Extend: the new deadline and the longer countdown reach the applicant at once.
  const current = (await timerOf(admin, id)).deadline;
  const wanted = toZonedInput(current + 2 * HOUR, "Europe/Berlin");
  const extended = fromZonedInput(wanted, "Europe/Berlin") as number;
  const before = await shownRemaining(applicant);
  await admin.getByRole("button", { name: "Extend deadline", exact: true }).click();
  const dialog = admin.getByRole("dialog");
  await dialog.getByLabel("New deadline (Europe/Berlin)").fill(wanted);
  await dialog.getByRole("button", { name: "Extend deadline" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(roundMessage(admin)).toContainText("Deadline extended.");
  await expect(applicant.locator("[data-round-board] header time")).toHaveAttribute(
    "datetime",
    new Date(extended).toISOString(),
    LIVE,
  );
  await expect.poll(() => shownRemaining(applicant)).toBeGreaterThan(before + HOUR);

  // Close early: CLOSED for the applicant, with nothing left on the clock.
  await roundCommand(admin, "Close early", "Close round", "enough applicants");
  await expect(countdown(applicant)).toHaveText(/^CLOSED/, LIVE);
  await expect(countdown(applicant)).toHaveAttribute("data-remaining-ms", "0");
  await expect(applicant.locator("[data-round-status]")).toHaveText("Closed");
  await expect(admin.getByText("This round is closed. Closing is final")).toBeVisible();
  await applicant.context().close();
  await admin.context().close();
});

/** An applicant on round `id` who takes the best available seat; with the label of that seat. */
async function applicantHolding(browser: Browser, id: string, name: string) {
  const applicant = await applicantOnRound(browser, `/rounds/${id}`, name);
  await applicant.getByRole("button", { name: "Best available" }).click();
  const held = applicant.locator('[data-mine="true"]');
  await expect(held).toHaveAttribute("data-status", "HELD");
  return { applicant, label: (await held.getAttribute("data-seat-label")) ?? "" };
}

test("an admin releases the applicant's held seat with a reason, and their board shows it free live", async ({
  browser,
}) => {
  const id = await openRound(`Release ${RUN}`);
  const name = `Rhea ${RUN}`;
  const { applicant, label } = await applicantHolding(browser, id, name);

  const admin = await adminAt(browser, `/admin/rounds/${id}`);
  const row = admin.locator(`[data-seat-row="${label}"]`);
  await expect(row).toContainText(name);
  await expect(row).toContainText("held");
  await admin.getByRole("button", { name: `Release seat ${label}` }).click();
  const dialog = admin.getByRole("dialog");
  // The reason is required: the API's refusal names it, and the dialog stays open.
  await dialog.getByRole("button", { name: "Release seat" }).click();
  await expect(dialog.getByRole("alert")).toContainText("reason: must not be empty");
  await dialog.getByLabel("Reason (required)").fill("duplicate application");
  await dialog.getByRole("button", { name: "Release seat" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(roundMessage(admin)).toHaveText(`Seat ${label} released; it is free again.`);

  await expect(seat(applicant, label)).toHaveAttribute("data-status", "FREE", LIVE);
  await expect(seat(applicant, label)).toHaveAttribute("data-mine", "false");
  await expect(applicant.getByRole("button", { name: "Best available" })).toBeEnabled();
  await expect(seat(admin, label)).toHaveAttribute("data-status", "FREE");
  await expect(row).toHaveCount(0);
  await applicant.context().close();
  await admin.context().close();
});

test("an admin reassigns a hold to another applicant, picked by id, with a reason", async ({ browser }) => {
  const id = await openRound(`Reassign ${RUN}`);
  const name = `Rhea ${RUN}`;
  const { applicant, label: again } = await applicantHolding(browser, id, name);
  // Sam needs only to exist: signed in through the API, no page of his own.
  const sam = await browser.newContext();
  const signedIn = await sam.request.post("/api/session", { data: { name: `Sam ${RUN}` } });
  const samId = ((await signedIn.json()) as { applicant: { id: string } }).applicant.id;

  // The admin gives Rhea's hold to Sam.
  const admin = await adminAt(browser, `/admin/rounds/${id}`);
  const moved = admin.locator(`[data-seat-row="${again}"]`);
  await expect(moved).toContainText(name);
  await admin.getByRole("button", { name: `Reassign seat ${again}` }).click();
  const reassign = admin.getByRole("dialog");
  await reassign.getByLabel("Applicant id").fill(samId);
  await reassign.getByLabel("Reason (required)").fill("swap agreed by both");
  await reassign.getByRole("button", { name: "Reassign seat" }).click();
  await expect(reassign).toHaveCount(0);
  await expect(roundMessage(admin)).toHaveText(`Seat ${again} reassigned to ${samId}.`);
  await expect(moved).toContainText(`Sam ${RUN}`);
  await expect(admin.locator('[data-audit-entry][data-action="seat.admin-reassign"]')).toContainText(
    "swap agreed by both",
  );
  await sam.close();
  await applicant.context().close();
  await admin.context().close();
});

test("bad input in the round form shows the API's message at the field it names, keeps the input, creates nothing", async ({
  browser,
}) => {
  const admin = await adminAt(browser, `/admin/rounds/new?programId=${programId}`);
  const title = `Refused round ${RUN}`;
  const form = admin.getByRole("form", { name: "New round" });
  const alert = form.getByRole("alert");
  const create = form.getByRole("button", { name: "Create round (as draft)" });
  await form.getByLabel("Title", { exact: true }).fill(title);

  // A time zone that does not exist.
  const zoneField = form.getByLabel("Time zone");
  await zoneField.fill("Mars/Olympus_Mons");
  await create.click();
  await expect(alert).toContainText("timeZone: is not an IANA time zone");
  await expect(form.locator('[data-field$="-timeZone"] [data-field-error]')).toContainText("timeZone:");
  await expect(zoneField).toHaveAttribute("aria-invalid", "true");
  await expect(zoneField).toBeFocused();
  await zoneField.fill("Europe/Berlin");

  // No seats.
  const rows = form.getByLabel("Rows", { exact: true });
  await rows.fill("0");
  await create.click();
  await expect(alert).toContainText("must be at least 1");
  await expect(form.locator('[data-field$="-rows"] [data-field-error]')).toContainText("must be at least 1");
  await expect(rows).toBeFocused();
  await rows.fill("2");

  // A deadline in the past.
  const deadline = form.getByLabel("Deadline (Europe/Berlin)");
  const past = toZonedInput(Date.now() - 2 * HOUR, "Europe/Berlin");
  await form.getByLabel("Opens at (Europe/Berlin)").fill(toZonedInput(Date.now() - 3 * HOUR, "Europe/Berlin"));
  await deadline.fill(past);
  await create.click();
  await expect(alert).toHaveText("The round was not created: deadline: must be in the future");
  await expect(form.locator('[data-field$="-deadline"] [data-field-error]')).toHaveText(
    "deadline: must be in the future",
  );
  await expect(deadline).toHaveAttribute("aria-invalid", "true");
  await expect(deadline).toBeFocused();

  // Opening after the deadline.
  await deadline.fill(toZonedInput(Date.now() + 2 * HOUR, "Europe/Berlin"));
  await form.getByLabel("Opens at (Europe/Berlin)").fill(toZonedInput(Date.now() + 3 * HOUR, "Europe/Berlin"));
  await create.click();
  await expect(alert).toContainText("opensAt: must be before the deadline");
  await expect(form.getByLabel("Opens at (Europe/Berlin)")).toBeFocused();

  // Nothing was lost, and nothing was created.
  await expect(form.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(rows).toHaveValue("2");
  await expect(admin).toHaveURL(/\/admin\/rounds\/new/);
  const { programs } = (await (await admin.request.get("/api/admin/programs")).json()) as {
    programs: { rounds: { title: string }[] }[];
  };
  expect(programs.flatMap((p) => p.rounds).filter((r) => r.title === title)).toEqual([]);
  await admin.context().close();
});

test("an edit of a round's title reaches its watchers live", async ({ browser }) => {
  const id = await openRound(`Editable ${RUN}`);
  const watcher = await watcherOnRound(browser, `/rounds/${id}`);
  const admin = await adminAt(browser, `/admin/rounds/${id}`);
  await expect(admin.locator("[data-connection]")).toHaveAttribute("data-connection", "live", LIVE);
  const form = admin.getByRole("form", { name: "Round settings" });
  const renamed = `Renamed ${RUN}`;
  await form.getByLabel("Title", { exact: true }).fill(renamed);
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(roundMessage(admin)).toHaveText("Settings saved: title.");
  await expect(watcher.getByRole("heading", { level: 1, name: renamed })).toBeVisible(LIVE);
  await watcher.context().close();
  await admin.context().close();
});

test("a live edit of the milestones updates the form in place: focus stays in the milestone input", async ({
  browser,
}) => {
  const milestones = [
    { title: "Interviews", dueAt: null },
    { title: "Offers", dueAt: null },
  ];
  const id = await openRound(`Milestones ${RUN}`, undefined, milestones);
  const admin = await adminAt(browser, `/admin/rounds/${id}`);
  await expect(admin.locator("[data-connection]")).toHaveAttribute("data-connection", "live", LIVE);
  const form = admin.getByRole("form", { name: "Round settings" });
  const first = form.getByLabel("Milestone 1 title", { exact: true });
  await first.focus();
  // Another admin renames the second milestone; this form has not touched its milestones, so it follows.
  const edited = await api.patch(`/api/admin/rounds/${id}`, {
    data: { milestones: [milestones[0], { title: "Offers out", dueAt: null }] },
  });
  expect(edited.status()).toBe(200);
  await expect(form.getByLabel("Milestone 2 title", { exact: true })).toHaveValue("Offers out", LIVE);
  await expect(first).toBeFocused();
  await admin.context().close();
});

test("a layout that would cut off a booked seat is refused; one that adds a row reaches the board live", async ({
  browser,
}) => {
  const id = await openRound(`Relaid ${RUN}`);
  const applicant = await applicantOnRound(browser, `/rounds/${id}`, `Edda ${RUN}`);
  await seat(applicant, "B3").click();
  await applicant.getByRole("button", { name: "Confirm seat B3" }).click();
  await expect(seat(applicant, "B3")).toHaveAttribute("data-status", "BOOKED");
  const admin = await adminAt(browser, `/admin/rounds/${id}`);
  await expect(admin.locator("[data-connection]")).toHaveAttribute("data-connection", "live", LIVE);
  const form = admin.getByRole("form", { name: "Round settings" });

  // 1 × 1 would remove the booked B3: refused, said at the layout, and the form keeps what was typed.
  const rows = form.getByLabel("Rows", { exact: true });
  const cols = form.getByLabel("Columns", { exact: true });
  await rows.fill("1");
  await cols.fill("1");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("alert")).toContainText("B3");
  await expect(form.locator('[data-field$="-rows"] [data-field-error]')).toContainText("B3");
  await expect(rows).toBeFocused();
  await expect(cols).toHaveValue("1");
  await expect(admin.locator('[data-audit-entry][data-action="round.edit"][data-outcome="SEATS_IN_USE"]')).toHaveCount(
    1,
  );

  // 3 × 3 adds a row: the applicant's board grows live and B3 stays booked.
  await rows.fill("3");
  await cols.fill("3");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(roundMessage(admin)).toHaveText("Settings saved: layout.");
  await expect(applicant.locator("[data-seat-label]")).toHaveCount(9, LIVE);
  await expect(seat(applicant, "B3")).toHaveAttribute("data-status", "BOOKED");
  await expect(seat(applicant, "C3")).toHaveAttribute("data-status", "FREE");
  await expect(admin.locator("[data-seat-label]")).toHaveCount(9);
  await applicant.context().close();
  await admin.context().close();
});

test("the bookings CSV downloads with its header row and the booked seat", async ({ browser }) => {
  const id = await openRound(`Bookings ${RUN}`);
  const name = `Cora ${RUN}`;
  const { applicant, label } = await applicantHolding(browser, id, name);
  await applicant.getByRole("button", { name: `Confirm seat ${label}` }).click();
  await expect(seat(applicant, label)).toHaveAttribute("data-status", "BOOKED");

  const admin = await adminAt(browser, `/admin/rounds/${id}`);
  await expect(admin.locator(`[data-seat-row="${label}"]`)).toContainText(name);
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Download bookings (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`bookings-${id}.csv`);
  const lines = fs.readFileSync((await download.path()) ?? "", "utf8").split("\r\n");
  expect(lines[0]).toBe("seat,row,col,applicant_id,applicant_name,booked_at");
  expect(lines.filter((l) => l.startsWith(`${label},`) && l.includes(`,${name},`))).toHaveLength(1);
  await applicant.context().close();
  await admin.context().close();
});

test.describe("the audit trail", () => {
  const title = `Audited ${RUN}`;
  let id: string;
  let adaState: StorageState;

  // Ada and Bo hold a seat each; the admin releases Ada's with a reason (through the API: the release
  // from the round page is tested above). The tests below read that history.
  test.beforeAll(async ({ browser }) => {
    id = await openRound(title);
    const ada = await applicantOnRound(browser, `/rounds/${id}`, `Ada ${RUN}`);
    const bo = await applicantOnRound(browser, `/rounds/${id}`, `Bo ${RUN}`);
    await seat(ada, "A1").click();
    await expect(seat(ada, "A1")).toHaveAttribute("data-mine", "true");
    await seat(bo, "B3").click();
    await expect(seat(bo, "B3")).toHaveAttribute("data-mine", "true");
    const released = await api.post(`/api/admin/rounds/${id}/seats/${await seatId(id, "A1")}/release`, {
      data: { reason: "wrong cohort" },
    });
    expect(released.status()).toBe(200);
    adaState = await ada.context().storageState();
    await ada.context().close();
    await bo.context().close();
  });

  test("the round page shows the round's own trail", async ({ browser }) => {
    const admin = await adminAt(browser, `/admin/rounds/${id}`);
    await expect(admin.locator('[data-audit-entry][data-action="seat.admin-release"]')).toContainText("wrong cohort");
    await admin.context().close();
  });

  test("the audit page filters by round and by actor and shows the admin's actions", async ({ browser }) => {
    const admin = await adminAt(browser, "/admin/audit");
    const filters = admin.getByRole("form", { name: "Audit filters" });
    await filters.getByLabel("Round").selectOption({ label: `${title} (${PROGRAM.name})` });
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(admin).toHaveURL(new RegExp(`roundId=${id}`));
    const entries = admin.locator("[data-audit-entry]");
    await expect(admin.locator('[data-audit-entry][data-action="round.open"]')).toHaveCount(1);
    await expect(admin.locator('[data-audit-entry][data-action="round.create"]')).toHaveCount(1);
    await expect(admin.locator('[data-audit-entry][data-action="seat.hold"]')).toHaveCount(2);
    const rounds = await entries.locator("td:nth-child(4)").allTextContents();
    expect(new Set(rounds)).toEqual(new Set([title]));

    await filters.getByLabel("Who").selectOption("admin");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(admin).toHaveURL(/actor=admin/);
    await expect(admin.locator('[data-audit-entry][data-action="seat.hold"]')).toHaveCount(0);
    await expect(entries).toHaveCount(3);
    for (const who of await entries.locator("td:nth-child(2)").allTextContents()) expect(who).toBe("Admin");
    await expect(admin.locator('[data-audit-entry][data-action="seat.admin-release"]')).toContainText("wrong cohort");
    await admin.context().close();
  });

  test("the audit page refuses a time range the wrong way round, naming the field", async ({ browser }) => {
    const admin = await adminAt(browser, `/admin/audit?roundId=${id}`);
    const filters = admin.getByRole("form", { name: "Audit filters" });
    const fromField = filters.getByLabel(/^From/);
    await fromField.fill("2031-01-02T00:00");
    await filters.getByLabel(/^To/).fill("2031-01-01T00:00");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(filters.getByRole("alert")).toContainText("from: must be before to");
    await expect(fromField).toHaveAttribute("aria-invalid", "true");
    await admin.context().close();
  });

  test("an applicant sees only their own activity: their hold and the admin's release of it", async ({ browser }) => {
    const context = await browser.newContext({ storageState: adaState });
    const ada = await context.newPage();
    await ada.goto(`/rounds/${id}`);
    await ada.getByRole("link", { name: "Your activity" }).click();
    await expect(ada.getByRole("heading", { level: 1, name: "Your activity" })).toBeVisible();
    const mine = ada.locator("[data-activity-entry]");
    await expect(ada.locator('[data-activity-entry][data-action="seat.admin-release"]')).toContainText("wrong cohort");
    await expect(ada.locator('[data-activity-entry][data-action="seat.hold"]')).toHaveCount(1);
    await expect(mine).toHaveCount(2);
    await expect(ada.locator("[data-my-activity]")).not.toContainText("B3");
    await expect(ada.locator("[data-my-activity]")).not.toContainText(`Bo ${RUN}`);
    expect(await seriousViolations(ada)).toEqual([]);
    await context.close();
  });
});

// Each page, state and colour scheme is a test of its own: one axe pass costs seconds on a busy machine.
test.describe("no serious or critical axe violations on the admin round page and the audit page", () => {
  let id: string;

  // A round with one seat held, so the round page has a seat to release and a trail.
  test.beforeAll(async ({ browser }) => {
    id = await openRound(`Axe ${RUN}`);
    const { applicant } = await applicantHolding(browser, id, `Axel ${RUN}`);
    await expect(applicant.locator('[data-mine="true"]')).toHaveCount(1);
    await applicant.context().close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`the admin round page (${colorScheme})`, async ({ browser }) => {
      const admin = await adminRoundPage(browser, id, colorScheme);
      expect(await seriousViolations(admin)).toEqual([]);
      await admin.context().close();
    });

    test(`the admin round page with a confirmation open (${colorScheme})`, async ({ browser }) => {
      const admin = await adminRoundPage(browser, id, colorScheme);
      await admin.getByRole("button", { name: "Pause", exact: true }).click();
      await expect(admin.getByRole("dialog")).toBeVisible();
      expect(await seriousViolations(admin)).toEqual([]);
      await admin.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
      await admin.context().close();
    });

    test(`the admin round page with a refusal in a dialog (${colorScheme})`, async ({ browser }) => {
      const admin = await adminRoundPage(browser, id, colorScheme);
      await admin.getByRole("button", { name: /^Release seat / }).click();
      await admin.getByRole("dialog").getByRole("button", { name: "Release seat" }).click();
      await expect(admin.getByRole("dialog").getByRole("alert")).toContainText("reason:");
      expect(await seriousViolations(admin)).toEqual([]);
      await admin.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
      await admin.context().close();
    });

    test(`the audit page (${colorScheme})`, async ({ browser }) => {
      const admin = await adminAt(browser, `/admin/audit?roundId=${id}`, colorScheme);
      await expect(admin.locator("[data-audit-entry]").first()).toBeVisible();
      expect(await seriousViolations(admin)).toEqual([]);
      await admin.context().close();
    });
  }
});
