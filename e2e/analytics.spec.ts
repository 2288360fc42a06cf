import fs from "node:fs/promises";
import { type BrowserContext, expect, type Page, test } from "@playwright/test";
import type { HeatmapData } from "../lib/domain/heatmap-data";
import { HEATMAP_SVG_MAX_CELLS } from "../lib/domain/heatmap-layout";
import { adminPage } from "./fixtures/admin";
import {
  catalog,
  expectShown,
  filterBar,
  heatmap,
  hoverCell,
  monthStartBefore,
  nextHeatmap,
  plot,
  reachableCells,
  refetch,
  results,
  tooltipLines,
} from "./fixtures/analytics";
import { seriousViolations } from "./fixtures/axe";
import { openDemoRound, signIn } from "./fixtures/round-page";

const PAGE = "/admin/analytics";
const granularityIs = (g: string) => (q: URLSearchParams) => q.get("granularity") === g;

let adminCookies: Awaited<ReturnType<BrowserContext["cookies"]>>;

// One admin sign-in for the file (admin sign-ins are rate limited per address, and the login page is
// tested in admin-login.spec); each test's page gets its cookie.
test.beforeAll(async ({ browser }) => {
  const page = await adminPage(browser);
  adminCookies = await page.context().cookies();
  await page.context().close();
});

const signInAsAdmin = (page: Page) => page.context().addCookies(adminCookies);

/** Opens the analytics page (with `query`) as admin and returns the first heatmap it shows. */
async function openAnalytics(page: Page, query = "") {
  await signInAsAdmin(page);
  const first = nextHeatmap(page);
  await page.goto(query ? `${PAGE}?${query}` : PAGE);
  const shown = await first;
  await expectShown(page, shown.heatmap);
  return shown;
}

/** A 36-month range ending at the last day of history: months × programs stays under the SVG limit. */
async function threeYears(page: Page) {
  const { range, programs } = await catalog(page);
  expect(range.last, "the e2e server has no application history").not.toBeNull();
  const to = range.last as string;
  return { from: monthStartBefore(to, 35), to, programs };
}

/** Cell with the most decisions among those the pointer can reach: its figures are the least ambiguous. */
async function chooseCell(page: Page, data: HeatmapData) {
  const cells = await reachableCells(page, data);
  expect(cells.length, "no cell with decisions in view").toBeGreaterThan(0);
  return cells.reduce((best, c) => (c.decided > best.decided ? c : best));
}

test("an admin sees the heatmap and switches between days, weeks and months", async ({ page }) => {
  const { url, heatmap: weeks } = await openAnalytics(page);
  expect(new URL(url).searchParams.get("granularity")).toBe("week");
  const labelFormats = { day: /^\d{4}-\d{2}-\d{2}$/, week: /^\d{4}-W\d{2}$/, month: /^\d{4}-\d{2}$/ } as const;
  expect(weeks.bucketLabels.every((l) => labelFormats.week.test(l))).toBe(true);
  await expect(heatmap(page)).toHaveAttribute("aria-label", new RegExp(`week, ${weeks.bucketLabels[0]} to`));

  const columns: Record<string, number> = { week: weeks.buckets.length };
  for (const g of ["day", "month", "week"] as const) {
    const next = nextHeatmap(page, granularityIs(g));
    await filterBar(page)
      .getByRole("radio", { name: g[0]?.toUpperCase() + g.slice(1) })
      .check();
    const { heatmap: data } = await next;
    await expectShown(page, data);
    expect(data.bucketLabels.every((l) => labelFormats[g].test(l))).toBe(true);
    await expect(heatmap(page)).toHaveAttribute("aria-label", new RegExp(`${g}, ${data.bucketLabels[0]} to`));
    columns[g] = data.buckets.length;
  }
  // The same year has about 365 days, 52 weeks and 12 months.
  expect(columns.day).toBeGreaterThan(360);
  expect(columns.week).toBeGreaterThanOrEqual(52);
  expect(columns.month).toBeLessThanOrEqual(13);
  await expect(page).toHaveURL(/granularity=week/);
});

test("the heatmap is drawn as SVG up to 1,000 cells and on a canvas above that", async ({ page }) => {
  await openAnalytics(page);
  const { from, to, programs } = await threeYears(page);

  const months = nextHeatmap(
    page,
    (q) => q.get("granularity") === "month" && q.get("from") === from && q.get("to") === to,
  );
  await filterBar(page).getByRole("radio", { name: "Month" }).check();
  await filterBar(page).getByLabel("From", { exact: true }).fill(from);
  await filterBar(page).getByLabel("To", { exact: true }).fill(to);
  const { heatmap: small } = await months;
  await expectShown(page, small);
  expect(small.buckets.length).toBe(36);
  expect(small.rows.length * small.buckets.length).toBeLessThanOrEqual(HEATMAP_SVG_MAX_CELLS);
  await expect(heatmap(page)).toHaveAttribute("data-renderer", "svg");

  // Days of three programs over the same months: far more cells than the SVG limit.
  const kept = programs.slice(0, 3).map((p) => p.id);
  const days = nextHeatmap(page, (q) => q.get("granularity") === "day" && q.get("programs") === kept.join(","));
  for (const p of programs.slice(3))
    await filterBar(page).getByRole("checkbox", { name: p.name, exact: true }).uncheck();
  await filterBar(page).getByRole("radio", { name: "Day" }).check();
  const { heatmap: large } = await days;
  await expectShown(page, large);
  expect(large.rows.length).toBe(3);
  expect(large.rows.length * large.buckets.length).toBeGreaterThan(HEATMAP_SVG_MAX_CELLS);
  await expect(heatmap(page)).toHaveAttribute("data-renderer", "canvas");
});

test("one program's days can be drawn as a calendar; two programs' cannot", async ({ page }) => {
  await openAnalytics(page, "granularity=month");
  const { programs } = await catalog(page);
  const only = programs[0];
  if (!only) throw new Error("no programs");
  const days = nextHeatmap(page, (q) => q.get("granularity") === "day" && q.get("programs") === only.id);
  await page.goto(`${PAGE}?granularity=day&programs=${only.id}`);
  await expectShown(page, (await days).heatmap);
  await expect(heatmap(page)).toHaveAttribute("data-layout", "grid");
  await page.getByRole("radio", { name: "Calendar" }).check();
  await expect(heatmap(page)).toHaveAttribute("data-layout", "calendar");
  await expect(plot(page)).toHaveAttribute("data-rows", "7");
  // Two programs: no calendar to offer.
  const two = nextHeatmap(page, (q) => (q.get("programs") ?? "").split(",").length === 2);
  await filterBar(page)
    .getByRole("checkbox", { name: programs[1]?.name ?? "", exact: true })
    .check();
  await expectShown(page, (await two).heatmap);
  await expect(page.getByRole("radio", { name: "Calendar" })).toHaveCount(0);
  await expect(heatmap(page)).toHaveAttribute("data-layout", "grid");
});

test("the analytics page has no serious accessibility faults", async ({ page }) => {
  await signInAsAdmin(page);
  const { programs, range } = await catalog(page);
  // Two programs' days, as a grid: the page as the calendar test leaves it, over the last three months
  // of history. The cells are drawn alike, and axe's time grows with them: over a year's 730 cells one
  // pass took 80 s on the busy CI machine, over a quarter's 180 it took 20 s.
  const two = programs.slice(0, 2).map((p) => p.id);
  expect(two).toHaveLength(2);
  const to = range.last as string;
  await openAnalytics(page, `granularity=day&programs=${two.join(",")}&from=${monthStartBefore(to, 2)}&to=${to}`);
  await expect(page.getByRole("radio", { name: "Calendar" })).toHaveCount(0);
  await expect(heatmap(page)).toHaveAttribute("data-layout", "grid");
  expect(await seriousViolations(page)).toEqual([]);
});

test("the tooltip shows the API's figures for a cell, on the SVG and on the canvas", async ({ page }) => {
  await openAnalytics(page);
  const { from, to } = await threeYears(page);
  for (const [granularity, renderer] of [
    ["month", "svg"],
    ["day", "canvas"],
  ] as const) {
    const next = nextHeatmap(page, granularityIs(granularity));
    // Through the URL: the page reads its filters from its own query.
    await page.goto(`${PAGE}?granularity=${granularity}&from=${from}&to=${to}`);
    const { url, heatmap: shown } = await next;
    await expectShown(page, shown);
    await expect(heatmap(page)).toHaveAttribute("data-renderer", renderer);

    const expected = await refetch(page, url);
    const cell = await chooseCell(page, expected);
    await hoverCell(page, cell.row, cell.bucket);
    const tip = page.getByTestId("heatmap-tooltip");
    await expect(tip).toHaveAttribute("data-row", String(cell.row));
    await expect(tip).toHaveAttribute("data-bucket", String(cell.bucket));
    await expect(tip).toContainText(`${expected.rows[cell.row]?.label} · ${expected.bucketLabels[cell.bucket]}`);
    for (const line of tooltipLines(cell)) await expect(tip).toContainText(line);
  }
});

test("the table view shows the API's figures", async ({ page }) => {
  const { url, heatmap: shown } = await openAnalytics(page, "granularity=month");
  const expected = await refetch(page, url);
  expect(expected).toEqual(shown);

  await page.getByText("Show as a table", { exact: true }).click();
  const table = page.getByTestId("heatmap-table");
  await expect(table).toBeVisible();
  await expect(table.locator("thead th")).toHaveCount(expected.buckets.length + 1);
  await expect(table.locator("tbody tr")).toHaveCount(expected.rows.length);
  for (const [i, row] of expected.rows.entries()) {
    await expect(table.locator("tbody tr").nth(i).locator("th")).toHaveText(row.label);
  }
  const decided = expected.cells.filter((c) => c.rate !== null);
  expect(decided.length).toBeGreaterThan(0);
  // The first, the middle and the last cell with decisions.
  for (const c of [decided[0], decided[Math.floor(decided.length / 2)], decided.at(-1)]) {
    if (!c) continue;
    const td = table.locator(`td[data-row="${c.row}"][data-bucket="${c.bucket}"]`);
    await expect(td).toContainText(`${Math.round((c.rate ?? 0) * 100)}%`);
    await expect(td).toContainText(`(${c.admitted}/${c.decided}, ${c.applications} appl.)`);
  }
});

test("the PNG, SVG and CSV exports download valid files", async ({ page }) => {
  const { heatmap: data } = await openAnalytics(page, "granularity=month");
  const exports = page.getByRole("group", { name: "Export" });

  const download = async (name: string) => {
    const event = page.waitForEvent("download");
    await exports.getByRole("button", { name }).click();
    const file = await event;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^admission-heatmap-month-.+\\.${name.toLowerCase()}$`));
    return fs.readFile(await file.path());
  };

  const csv = (await download("CSV")).toString("utf8").replace(/^\uFEFF/, "");
  const lines = csv.split("\r\n").filter((l) => l !== "");
  expect(lines[0]).toBe("row_key,row_label,bucket_start,bucket_label,applications,admitted,decided,rate,z,anomaly");
  expect(lines).toHaveLength(data.rows.length * data.buckets.length + 1);
  const total = (text: string[]) => text.slice(1).reduce((sum, l) => sum + Number(l.split(",").at(-6)), 0);
  expect(total(lines)).toBe(data.cells.reduce((sum, c) => sum + c.applications, 0));

  const svg = (await download("SVG")).toString("utf8");
  expect(svg).toMatch(/^(<\?xml[^>]*\?>\s*)?<svg[\s>]/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    return { root: doc.documentElement.nodeName, errors: doc.getElementsByTagName("parsererror").length };
  }, svg);
  expect(parsed).toEqual({ root: "svg", errors: 0 });

  const png = await download("PNG");
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});

test("clicking a month opens its weeks, a week its days, and the breadcrumb leads back", async ({ page }) => {
  const { heatmap: months } = await openAnalytics(page, "granularity=month&tz=UTC");
  const cell = await chooseCell(page, months);
  const month = months.bucketLabels[cell.bucket] as string;
  const [y, m] = month.split("-").map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();

  const weeksNext = nextHeatmap(page, granularityIs("week"));
  await hoverCell(page, cell.row, cell.bucket);
  await page.mouse.down();
  await page.mouse.up();
  const { url: weeksUrl, heatmap: weeks } = await weeksNext;
  const weeksQuery = new URL(weeksUrl).searchParams;
  expect([weeksQuery.get("from"), weeksQuery.get("to")]).toEqual([`${month}-01`, `${month}-${lastDay}`]);
  await expectShown(page, weeks);
  const path = page.getByRole("navigation", { name: "Drill-down path" });
  await expect(path).toContainText(`${month}-01 to ${month}-${lastDay} by weeks`);

  const weekCell = await chooseCell(page, weeks);
  const daysNext = nextHeatmap(page, granularityIs("day"));
  await hoverCell(page, weekCell.row, weekCell.bucket);
  await page.mouse.down();
  await page.mouse.up();
  const { url: daysUrl, heatmap: days } = await daysNext;
  await expectShown(page, days);
  expect(days.buckets.length).toBe(7);
  const daysQuery = new URL(daysUrl).searchParams;
  expect(daysQuery.get("from")).toBe(days.bucketLabels[0]);
  expect(daysQuery.get("to")).toBe(days.bucketLabels[6]);

  const backToWeeks = nextHeatmap(page, granularityIs("week"));
  await page.getByRole("button", { name: /^Back to / }).click();
  await expectShown(page, (await backToWeeks).heatmap);
  const backToMonths = nextHeatmap(page, granularityIs("month"));
  await path.getByRole("button", { name: /^All: / }).click();
  await expectShown(page, (await backToMonths).heatmap);
  await expect(path).toHaveCount(0);
});

test("bad input shows the API's message, and an empty range says so without an error", async ({ page }) => {
  await openAnalytics(page);
  const error = page.getByTestId("analytics-error");
  const refused = page.waitForResponse((r) => r.url().includes("/api/analytics/heatmap") && r.status() === 400);
  await filterBar(page).getByLabel("Time zone", { exact: true }).fill("Mars/Olympus_Mons");
  await filterBar(page).getByLabel("Time zone", { exact: true }).press("Enter");
  const body = await (await refused).json();
  expect(body.error.code).toBe("INVALID_INPUT");
  await expect(error.getByRole("paragraph")).toHaveText(body.error.message);
  await expect(error).toContainText("tz:");
  await expect(results(page)).toHaveAttribute("data-state", "error");

  const recovered = nextHeatmap(
    page,
    (q) => q.get("tz") === "UTC" && q.get("from") === "2000-01-01" && q.get("to") === "2000-01-31",
  );
  await filterBar(page).getByLabel("Time zone", { exact: true }).fill("UTC");
  await filterBar(page).getByLabel("From", { exact: true }).fill("2000-01-01");
  await filterBar(page).getByLabel("To", { exact: true }).fill("2000-01-31");
  await filterBar(page).getByLabel("To", { exact: true }).press("Enter");
  const { heatmap: empty } = await recovered;
  expect(empty.cells).toEqual([]);
  await expect(results(page)).toHaveAttribute("data-state", "empty");
  await expect(page.getByTestId("analytics-empty")).toContainText("No applications in this range");
  await expect(error).toBeEmpty();
  await expect(heatmap(page)).toHaveCount(0);
});

test("the trends chart the same buckets, with a table of rates and intervals", async ({ page }) => {
  const { heatmap: data } = await openAnalytics(page, "granularity=month");
  const trends = page.getByTestId("admission-trends");
  await expect(
    trends.getByRole("group", { name: /in the trends/ }).getByRole("checkbox", { checked: true }),
  ).toHaveCount(Math.min(3, data.rows.length));
  await trends.getByText("Show the trends as a table").click();
  const table = trends.getByTestId("trend-table");
  await expect(table.locator("tbody tr")).toHaveCount(data.buckets.length);
  await expect(table.locator("thead th")).toHaveCount(1 + Math.min(3, data.rows.length));
  await expect(plot(page)).toBeVisible();
});

test("the compare view shows both groups, the difference, the p-value and a small-sample warning", async ({ page }) => {
  await openAnalytics(page);
  const { programs, range } = await catalog(page);
  const panel = page.getByTestId("compare-panel");
  const compareResponse = () =>
    page
      .waitForResponse((r) => new URL(r.url()).pathname === "/api/analytics/compare")
      .then(async (r) => {
        expect(r.status(), await r.text()).toBe(200);
        return (await r.json()).compare;
      });

  // Two programs over the heatmap's year.
  let answer = compareResponse();
  await panel.getByRole("button", { name: "Compare", exact: true }).click();
  let compare = await answer;
  await expect(panel.getByTestId("compare-group-a")).toContainText(compare.a.label);
  await expect(panel.getByTestId("compare-group-b")).toContainText(compare.b.label);
  await expect(panel.getByTestId("compare-group-a")).toContainText(`${(compare.a.rate * 100).toFixed(1)}%`);
  await expect(panel.getByTestId("compare-group-a")).toContainText(
    `${compare.a.decided.toLocaleString("en-US")} decided`,
  );
  await expect(panel.getByTestId("compare-verdict")).toContainText(compare.verdict);
  await expect(panel.getByTestId("compare-verdict")).toContainText(
    compare.significant ? "Significant at α = 0.05" : "Not significant at α = 0.05",
  );
  await expect(panel.getByTestId("compare-p")).toHaveText(/p (=|<) 0\.\d{3}/);

  // Two three-day periods of one program: too few decisions for the normal approximation.
  const end = new Date(Date.parse(`${range.last}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
  const start = new Date(Date.parse(`${end}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
  const earlierEnd = new Date(Date.parse(`${end}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  const earlierStart = new Date(Date.parse(`${start}T00:00:00Z`) - 7 * 86_400_000).toISOString().slice(0, 10);
  await panel.getByRole("radio", { name: "Two periods" }).check();
  await panel.getByLabel("Program", { exact: true }).selectOption({ label: programs[0]?.name ?? "" });
  await panel.getByLabel("Period A from").fill(earlierStart);
  await panel.getByLabel("Period A to").fill(earlierEnd);
  await panel.getByLabel("Period B from").fill(start);
  await panel.getByLabel("Period B to").fill(end);
  answer = compareResponse();
  await panel.getByRole("button", { name: "Compare", exact: true }).click();
  compare = await answer;
  expect(compare.warning, "a three-day period should be a small sample").not.toBeNull();
  await expect(panel.getByTestId("compare-warning")).toContainText(compare.warning);
  await expect(panel.getByTestId("compare-warning")).toBeVisible();
});

test("an applicant is sent to the admin login and refused by the analytics API", async ({ page }) => {
  await openDemoRound(page);
  await signIn(page, "Curious analyst");
  await page.goto(PAGE);
  await expect(page).toHaveURL("/admin/login?next=%2Fadmin%2Fanalytics&reason=applicant");
  for (const path of [
    "/api/analytics/heatmap?granularity=month",
    "/api/analytics/programs",
    "/api/analytics/compare?aFrom=2025-01-01&aTo=2025-01-31&bFrom=2025-02-01&bTo=2025-02-28",
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(403);
    expect((await response.json()).error.code).toBe("FORBIDDEN");
  }
});

test("an anonymous visitor is sent to the admin login and refused by the analytics API", async ({ page }) => {
  await page.goto(PAGE);
  await expect(page).toHaveURL("/admin/login?next=%2Fadmin%2Fanalytics");
  await expect(page.getByRole("heading", { level: 1, name: "Admin sign-in" })).toBeVisible();
  for (const path of ["/api/analytics/heatmap", "/api/analytics/programs"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(401);
  }
});
