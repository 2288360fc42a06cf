import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/fixtures/chromium";
import { BASE_URL_ENV } from "./e2e/fixtures/shared-server";

/**
 * Runs against the production build: `next build` must have run first (npm test does).
 * The shared server is started by the global setup on a free port. This file is
 * evaluated again in every worker, after that setup: the URL comes from the
 * environment the setup wrote, so every process agrees on it.
 */
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Chosen, not Playwright's default 30 s: on the shared 2-core CI machine, busy with other runs, one
  // page load until its socket is live took 2-5 s and one axe pass 3-6 s, so a focused test of two
  // pages and an axe pass took up to 20 s. The duration report lists any test over half of this.
  timeout: 60_000,
  // Waits for a state (a page hydrated and its socket live, a dialog shown) took over Playwright's
  // default 5 s there. Assertions about how fast something must happen name their own timeout.
  expect: { timeout: 15_000 },
  reporter: [
    ["list"],
    // Every test's duration, and those over half their timeout (it lists; it fails nothing).
    ["./e2e/fixtures/duration-reporter.ts"],
    ...(process.env.CI ? [["html", { open: "never" }] as const] : []),
  ],
  globalSetup: "./e2e/fixtures/shared-server.ts",
  use: {
    baseURL: process.env[BASE_URL_ENV],
    trace: "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium" }],
});
