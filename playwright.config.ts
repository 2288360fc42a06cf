import { defineConfig } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "./e2e/fixtures/admin";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./e2e/fixtures/chromium";

// A fixed, unusual port so a developer's own server on 3000 is never reused by mistake.
const PORT = 3217;
const baseURL = `http://127.0.0.1:${PORT}`;

/** Runs against the production build: `next build` must have run first (npm test does). */
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: [
    ["list"],
    // Every test's duration, and those over half their timeout (it lists; it fails nothing).
    ["./e2e/fixtures/duration-reporter.ts"],
    ...(process.env.CI ? [["html", { open: "never" }] as const] : []),
  ],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium" }],
  webServer: {
    command: "node --import tsx e2e/fixtures/serve.ts",
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    // A known admin password, so specs can sign in (and the server prints no generated one).
    env: {
      HOST: "127.0.0.1",
      PORT: String(PORT),
      LOG_LEVEL: "warn",
      ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      SEED_HISTORY_SIZE: "60000",
    },
  },
});
